"""The center as an application factory for `uvicorn --workers N` (`python main.py center
--workers N`): each worker process opens the store named by HALL_CENTER_DB, which the parent
process has already migrated. PostgreSQL serves several workers; SQLite takes them one writer at
a time."""

import os

from fastapi import FastAPI


def make_app() -> FastAPI:
    from app.center.server import create_app
    from db.store import open_url

    return create_app(open_url(os.environ["HALL_CENTER_DB"], role="center"))
