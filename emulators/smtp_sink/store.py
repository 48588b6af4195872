"""What the SMTP sink keeps (SQLite): each mail's envelope and raw bytes, and relay attempts."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from emulators.common.db import connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,             -- mail (received over SMTP) | dsn (generated here)
    received TEXT NOT NULL,         -- ISO 8601, UTC
    mail_from TEXT NOT NULL,        -- the envelope sender; '' for a DSN
    rcpt_tos TEXT NOT NULL,         -- the envelope recipients, JSON list
    message_id TEXT,
    subject TEXT,
    size INTEGER NOT NULL,
    raw BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS relays (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message INTEGER NOT NULL,       -- messages.id
    at TEXT NOT NULL,
    url TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    http_status INTEGER,
    error TEXT
);
"""


@dataclass(frozen=True)
class StoredMail:
    id: int
    kind: str
    received: datetime
    mail_from: str
    rcpt_tos: list[str]
    message_id: str | None
    subject: str | None
    size: int

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> StoredMail:
        return cls(
            id=row["id"],
            kind=row["kind"],
            received=datetime.fromisoformat(row["received"]),
            mail_from=row["mail_from"],
            rcpt_tos=json.loads(row["rcpt_tos"]),
            message_id=row["message_id"],
            subject=row["subject"],
            size=row["size"],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "received": self.received.isoformat(),
            "mail_from": self.mail_from,
            "rcpt_tos": self.rcpt_tos,
            "message_id": self.message_id,
            "subject": self.subject,
            "size": self.size,
        }


SUMMARY = "id, kind, received, mail_from, rcpt_tos, message_id, subject, size"


class SinkStore:
    def __init__(self, path: str) -> None:
        self._conn = connect(path, SCHEMA)

    def close(self) -> None:
        self._conn.close()

    def reset(self) -> None:
        self._conn.execute("DELETE FROM relays")
        self._conn.execute("DELETE FROM messages")

    def add(
        self,
        *,
        kind: str,
        mail_from: str,
        rcpt_tos: list[str],
        raw: bytes,
        message_id: str | None,
        subject: str | None,
    ) -> StoredMail:
        cursor = self._conn.execute(
            "INSERT INTO messages (kind, received, mail_from, rcpt_tos, message_id, subject,"
            " size, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                datetime.now(UTC).isoformat(),
                mail_from,
                json.dumps(rcpt_tos),
                message_id,
                subject,
                len(raw),
                raw,
            ),
        )
        mail = self.get(int(cursor.lastrowid or 0))
        if mail is None:
            raise RuntimeError("the stored mail vanished")
        return mail

    def get(self, mail_id: int) -> StoredMail | None:
        row = self._conn.execute(
            f"SELECT {SUMMARY} FROM messages WHERE id = ?",  # noqa: S608 - fixed columns
            (mail_id,),
        ).fetchone()
        return StoredMail.from_row(row) if row else None

    def raw(self, mail_id: int) -> bytes | None:
        row = self._conn.execute("SELECT raw FROM messages WHERE id = ?", (mail_id,)).fetchone()
        return bytes(row[0]) if row else None

    def find(
        self,
        *,
        to: str | None = None,
        from_: str | None = None,
        kind: str | None = None,
        limit: int = 1000,
    ) -> list[StoredMail]:
        """Newest first; ``to`` matches any envelope recipient, case-insensitively."""
        rows = self._conn.execute(
            f"SELECT {SUMMARY} FROM messages"  # noqa: S608 - fixed columns
            " WHERE (:to IS NULL OR EXISTS (SELECT 1 FROM json_each(messages.rcpt_tos)"
            "   WHERE lower(json_each.value) = lower(:to)))"
            " AND (:from IS NULL OR lower(mail_from) = lower(:from))"
            " AND (:kind IS NULL OR kind = :kind)"
            " ORDER BY id DESC LIMIT :limit",
            {"to": to, "from": from_, "kind": kind, "limit": limit},
        ).fetchall()
        return [StoredMail.from_row(row) for row in rows]

    def log_relay(
        self, *, mail_id: int, url: str, attempts: int, http_status: int | None, error: str | None
    ) -> None:
        self._conn.execute(
            "INSERT INTO relays (message, at, url, attempts, http_status, error)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (mail_id, datetime.now(UTC).isoformat(), url, attempts, http_status, error),
        )

    def relays(self, mail_id: int | None = None) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT * FROM relays WHERE (:id IS NULL OR message = :id) ORDER BY id",
            {"id": mail_id},
        ).fetchall()
        return [dict(row) for row in rows]

    def counts(self) -> dict[str, Any]:
        kinds = dict(
            self._conn.execute("SELECT kind, COUNT(*) FROM messages GROUP BY kind").fetchall()
        )
        relays = dict(
            self._conn.execute(
                "SELECT CASE WHEN http_status BETWEEN 200 AND 299 THEN 'ok' ELSE 'failed' END,"
                " COUNT(*) FROM relays GROUP BY 1"
            ).fetchall()
        )
        return {
            "messages": int(sum(kinds.values())),
            "mail": int(kinds.get("mail", 0)),
            "dsn": int(kinds.get("dsn", 0)),
            "relays": {"ok": int(relays.get("ok", 0)), "failed": int(relays.get("failed", 0))},
        }
