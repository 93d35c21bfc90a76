"""The center: the hall's own server. It owns what must be single (catalog, staff, calendar,
numbering) and receives every record the workstations create, exactly once."""
