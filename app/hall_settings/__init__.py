"""The hall's settings: the names printed on its documents (center, seals, reconsideration body,
court), kept at the center, edited by a manager there and pulled by every workstation."""
