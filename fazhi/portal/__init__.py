"""The public portal: published records only, read-only, no login."""
