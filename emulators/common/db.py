"""SQLite connections for the emulators' own records (stdlib sqlite3, WAL mode)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: str, schema: str) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path`` and apply ``schema``.

    ``path`` may be ``":memory:"``. The connection is used from one event-loop thread only.
    """
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.executescript(schema)
    return conn
