"""Domain rules and use-case services. Never imports Qt: the UI calls these and gets plain data."""
