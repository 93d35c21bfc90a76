"""Workstation-side synchronisation with the center."""
