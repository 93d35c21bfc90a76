"""Where the product keeps its files: platformdirs folders, overridable by HALL_DATA_DIR."""

import os
from pathlib import Path

from platformdirs import PlatformDirs

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
DEMO = RESOURCES / "demo"
FONTS = RESOURCES / "fonts"
FONT_FILE = FONTS / "wqy-microhei.ttc"  # WenQuanYi Micro Hei: TrueType outlines, so PDFs can embed it

_dirs = PlatformDirs("hall-frontdesk", "hall")


def data_dir() -> Path:
    override = os.environ.get("HALL_DATA_DIR")
    path = Path(override) if override else Path(_dirs.user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs" if os.environ.get("HALL_DATA_DIR") else Path(_dirs.user_log_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "hall.sqlite3"
