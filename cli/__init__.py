"""The entry points: the command line (`python main.py …`), serving the center and the demo hall's
processes. They sit on top of app/, db/ and ui/ and may start any of them; nothing imports them back
(tests/test_layers.py)."""
