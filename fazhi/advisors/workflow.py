"""The advisors register has no step table: contracts and service logs are recorded, not moved through states."""
