"""Where a string rests in plain text: every column of every table of the application's
database, every session decoded, and every row of Rasa's tracker store. Run inside the stack's
Django settings (``manage.py shell``) by ``tests/test_stack_personal_data.py``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


def _cells(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    for row in rows:
        for value in row:
            if isinstance(value, bytes | memoryview):
                yield bytes(value).decode("utf-8", "replace")
            elif value is not None:
                yield str(value)


def _found(where: str, cells: Iterable[str], needles: list[str],
           into: dict[str, list[str]]) -> None:
    for cell in cells:
        lowered = cell.lower()
        hits = [needle for needle in needles if needle in lowered]
        if hits:
            into.setdefault(where, []).append(f"{hits}: {cell[:200]}")


def _tracker_rows() -> list[tuple[Any, ...]]:
    from retention.trackers import TABLE, configured_store

    store = configured_store()
    sql = f"SELECT * FROM {TABLE}"  # noqa: S608 (a constant)
    if store.dialect == "sqlite":
        if not Path(store.db).is_file():
            return []
        with sqlite3.connect(f"file:{store.db}?mode=ro", uri=True) as connection:
            return list(connection.execute(sql))
    import psycopg2

    with psycopg2.connect(host=store.host, port=store.port, dbname=store.db,
                          user=store.user or None, password=store.password or None) as pg:
        cursor = pg.cursor()
        cursor.execute(sql)
        return list(cursor.fetchall())


def scan(needles: list[str]) -> dict[str, list[str]]:
    """Each place that holds one of ``needles`` (lower case) in plain text, with the values."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import connection

    found: dict[str, list[str]] = {}
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (the database's own names)
            _found(table, _cells(cursor.fetchall()), needles, found)
    _found("django_session (decoded)",
           (json.dumps(SessionStore().decode(session.session_data), ensure_ascii=False)
            for session in Session.objects.all()), needles, found)
    _found("rasa tracker store: events", _cells(_tracker_rows()), needles, found)
    found["_scanned"] = [f"{len(tables)} tables"]
    return found


def main(needles: list[str]) -> None:
    print(json.dumps(scan(needles), ensure_ascii=False))  # noqa: T201 (read by the test)
