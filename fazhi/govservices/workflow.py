"""Government services have no step table: applications arrive completed from the service platform (bulk.py), catalog and hall records are edited directly."""
