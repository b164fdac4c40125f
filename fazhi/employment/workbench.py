"""Employment services add nothing to the 工作台: fairs are recorded after the event."""
