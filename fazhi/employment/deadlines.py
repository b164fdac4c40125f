"""Employment services have no statutory period to watch (fairs are recorded after the event)."""
