"""The hall's machines other than workstations (kiosk, board, rating pads) and the scope each kind
of enrolled machine has at the center."""
