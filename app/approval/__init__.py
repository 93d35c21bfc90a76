"""After acceptance: review by the authorized people, time limits, special steps (at the center)."""
