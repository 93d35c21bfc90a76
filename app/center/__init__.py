"""The center: the hall's own server. It owns what must be single (catalog, staff, calendar,
numbering) and receives every record the workstations create, exactly once. This package is only
the server's assembly (server.py mounts each feature's router) and the sync protocol (service.py,
lease.py); the features' routes live in their own packages and never import it."""
