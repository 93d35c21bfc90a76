import logging
from logging.handlers import RotatingFileHandler

from app.paths import log_dir


def setup_logging(level: int = logging.INFO) -> None:
    handler = RotatingFileHandler(log_dir() / "hall.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
