"""The 电子监察 page: signals by colour with their evidence, and false alarms explained."""
