"""Employment services have no step table: fairs are recorded after the event."""
