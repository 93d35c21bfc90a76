"""Many new rows into one table at once: COPY on PostgreSQL, a multi-row INSERT elsewhere.

The center receives workstation records by the tens of thousands; psycopg's executemany sends
one INSERT per row, which caps a batch at about 20,000 rows a second, while COPY streams them.
Every row must carry the same columns (the ones to write); a clash surfaces as SQLAlchemy's
IntegrityError or DataError like any other insert, so callers roll back one savepoint either way."""

from sqlalchemy import Table
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(table.insert(), rows)
        return
    import psycopg

    columns = list(rows[0])
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    raw = connection.connection.driver_connection
    assert raw is not None, "a checked-out connection has its driver's connection"
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
    except psycopg.errors.IntegrityError as exc:
        raise IntegrityError(statement, None, exc) from exc
    except (psycopg.errors.DataError, KeyError) as exc:
        raise DataError(statement, None, exc) from exc
