"""Comprehensive-window acceptance (一窗受理): applicant, materials checklist, one lawful outcome."""
