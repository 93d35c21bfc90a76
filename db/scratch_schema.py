"""A throw-away schema on a PostgreSQL server, for the tests and the benchmarks: each run gets
its own, so runs never see each other's rows and nothing is left behind."""

import uuid
from collections.abc import Callable

from sqlalchemy import create_engine, text


def scratch_schema(pg_url: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """Creates the schema; returns a URL whose connections use it, and the cleanup that drops it.
    Raises whatever the driver raises when the server cannot be reached."""
    schema = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url, connect_args={"connect_timeout": 3})
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))

    def cleanup() -> None:
        admin.dispose()  # a fault test may have cut every connection: start from fresh ones
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

    sep = "&" if "?" in pg_url else "?"
    return f"{pg_url}{sep}options=-csearch_path%3D{schema}", cleanup
