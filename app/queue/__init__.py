"""The hall's queue: tickets, calling order, tidal windows and ratings (kept at the center)."""
