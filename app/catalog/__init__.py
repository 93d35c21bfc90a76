"""The matter catalog: guides, search, import/export and the guide document."""
