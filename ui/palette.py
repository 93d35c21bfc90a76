"""The hall's colours, named by what they mean: the same meaning is the same colour on every
page. Every colour the ui shows comes from here (tests/test_palette.py checks it)."""

from app.approval.deadlines import DueWarning

# Row grounds in tables, and banners.
RED = "#ffcdd2"  # overdue, refused, locked out, missing: act now
YELLOW = "#fff3c4"  # due soon, needs attention, not set yet, defective, historical
GREY = "#d6d6d6"  # ended: expired, revoked, a no-show, not applicable, explained
GREEN = "#dcedc8"  # done: received, accepted, checked in
DEEP_RED = "#ef9a9a"  # nobody can act on it (无人可办): deeper than overdue
YELLOW_EDGE = "#e0c36a"  # the rule under a yellow banner
RULE = "#cfd8dc"  # a thin dividing line
WARNING = {DueWarning.OVERDUE: RED, DueWarning.SOON: YELLOW}
# 电子监察's cards in a chart, as full colours (the rows of a table take RED and YELLOW).
RED_CARD = "#d32f2f"
YELLOW_CARD = "#f9a825"  # the center's warning on a case or a delivery, as a row ground

# Text.
ALERT = "#c62828"  # an error, a refusal, overdue; also the ground of an alarm under white text
OK = "#2e7d32"  # done, accepted, allowed
INK = "#212121"  # reading text where the theme would tint it
GREY_TEXT = "#757575"  # hints, metadata, and the text of an ended (grey) row
NUMBER = "#1565c0"  # the one number to read out: a ticket, a progress count
PAUSED = "#e65100"  # the clock stands still (a special step is running)

# The rating pad's five levels, 非常满意 (5) to 非常不满意 (1).
RATING = {5: OK, 4: "#558b2f", 3: "#f9a825", 2: "#ef6c00", 1: ALERT}

# The display board (叫号屏): light type on a dark ground, readable across the hall.
BOARD_GROUND = "#0d1b2a"
BOARD_TEXT = "#f1f5f9"
BOARD_TITLE = "#fbbf24"
BOARD_BUTTON = "#e2e8f0"
BOARD_CALLED = "#fde047"  # the number being called
BOARD_HEADING = "#94a3b8"
BOARD_RULE = "#334155"
BOARD_ALERT = "#f87171"
