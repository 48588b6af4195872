"""What the Twilio emulator remembers (SQLite): messages, phones, API requests, webhooks."""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from emulators.common.db import connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    sid TEXT NOT NULL UNIQUE,
    account_sid TEXT NOT NULL,
    direction TEXT NOT NULL,             -- outbound-api | outbound-reply | inbound
    to_number TEXT NOT NULL,
    from_number TEXT,                    -- NULL until picked, for messaging-service sends
    messaging_service_sid TEXT,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    error_code INTEGER,
    num_segments INTEGER NOT NULL,
    num_media INTEGER NOT NULL DEFAULT 0,
    price TEXT,
    status_callback TEXT,
    params TEXT NOT NULL DEFAULT '{}',   -- the form fields as received: name -> [values]
    date_created TEXT NOT NULL,          -- ISO 8601, UTC
    date_updated TEXT NOT NULL,
    date_sent TEXT
);
CREATE INDEX IF NOT EXISTS messages_to ON messages (to_number);
CREATE INDEX IF NOT EXISTS messages_from ON messages (from_number);
CREATE TABLE IF NOT EXISTS phones (
    id TEXT PRIMARY KEY,                 -- opaque; page URLs use it instead of the number
    number TEXT NOT NULL UNIQUE,
    opted_out INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    endpoint TEXT NOT NULL,              -- send | fetch | list
    outcome TEXT NOT NULL,               -- accepted | rejected | fault-500 | ... | ok
    http_status INTEGER,
    error_code INTEGER,
    message_sid TEXT
);
CREATE TABLE IF NOT EXISTS webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,                  -- status | inbound
    message_sid TEXT NOT NULL,
    message_status TEXT NOT NULL,
    url TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    http_status INTEGER,
    error TEXT
);
"""


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_sid(prefix: str) -> str:
    return prefix + secrets.token_hex(16)


@dataclass(frozen=True)
class MessageRecord:
    sid: str
    account_sid: str
    direction: str
    to_number: str
    from_number: str | None
    messaging_service_sid: str | None
    body: str
    status: str
    error_code: int | None
    num_segments: int
    num_media: int
    price: str | None
    status_callback: str | None
    params: dict[str, list[str]]
    date_created: datetime
    date_updated: datetime
    date_sent: datetime | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> MessageRecord:
        values = dict(zip(row.keys(), row, strict=True))  # a Row iterates its values
        del values["seq"]
        values["params"] = json.loads(values["params"])
        for key in ("date_created", "date_updated", "date_sent"):
            if values[key] is not None:
                values[key] = datetime.fromisoformat(values[key])
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("date_created", "date_updated", "date_sent"):
            value = data[key]
            data[key] = value.isoformat() if value is not None else None
        return data


@dataclass(frozen=True)
class Phone:
    id: str
    number: str
    opted_out: bool


class Store:
    def __init__(self, path: str) -> None:
        self._conn = connect(path, SCHEMA)

    def close(self) -> None:
        self._conn.close()

    def reset(self) -> None:
        for table in ("messages", "phones", "api_requests", "webhooks"):
            self._conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    # Messages

    def add_message(self, record: MessageRecord) -> None:
        values = asdict(record)
        values["params"] = json.dumps(record.params)
        for key in ("date_created", "date_updated", "date_sent"):
            value = values[key]
            values[key] = value.isoformat() if value is not None else None
        columns = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        self._conn.execute(f"INSERT INTO messages ({columns}) VALUES ({marks})", values)  # noqa: S608

    def get_message(self, sid: str) -> MessageRecord | None:
        row = self._conn.execute("SELECT * FROM messages WHERE sid = ?", (sid,)).fetchone()
        return MessageRecord.from_row(row) if row else None

    def find_messages(
        self,
        *,
        to: str | None = None,
        from_: str | None = None,
        direction: str | None = None,
        status: str | None = None,
        limit: int = 1000,
        offset: int = 0,
        newest_first: bool = True,
    ) -> list[MessageRecord]:
        rows = self._conn.execute(
            "SELECT * FROM messages WHERE (:to IS NULL OR to_number = :to)"
            " AND (:from IS NULL OR from_number = :from)"
            " AND (:direction IS NULL OR direction = :direction)"
            " AND (:status IS NULL OR status = :status)"
            " ORDER BY CASE WHEN :newest THEN -seq ELSE seq END LIMIT :limit OFFSET :offset",
            {
                "newest": newest_first,
                "to": to,
                "from": from_,
                "direction": direction,
                "status": status,
                "limit": limit,
                "offset": offset,
            },
        ).fetchall()
        return [MessageRecord.from_row(row) for row in rows]

    def conversation(self, number: str) -> list[MessageRecord]:
        rows = self._conn.execute(
            "SELECT * FROM messages WHERE to_number = ? OR from_number = ? ORDER BY seq",
            (number, number),
        ).fetchall()
        return [MessageRecord.from_row(row) for row in rows]

    def last_sender_to(self, number: str) -> str | None:
        """The number that last texted ``number`` (a phone replies to it)."""
        row = self._conn.execute(
            "SELECT from_number FROM messages WHERE to_number = ? AND direction != 'inbound'"
            " AND from_number IS NOT NULL ORDER BY seq DESC LIMIT 1",
            (number,),
        ).fetchone()
        return str(row[0]) if row else None

    def set_status(
        self, sid: str, *, status: str, error_code: int | None, from_number: str, price: str
    ) -> MessageRecord | None:
        now = utcnow().isoformat()
        self._conn.execute(
            "UPDATE messages SET status = :status, error_code = :error_code,"
            " date_updated = :now, from_number = COALESCE(from_number, :from_number),"
            " date_sent = CASE WHEN :status IN ('sent', 'delivered', 'undelivered')"
            "   THEN COALESCE(date_sent, :now) ELSE date_sent END,"
            " price = CASE WHEN :status IN ('sent', 'delivered', 'undelivered')"
            "   THEN :price ELSE price END"
            " WHERE sid = :sid",
            {
                "sid": sid,
                "status": status,
                "error_code": error_code,
                "now": now,
                "from_number": from_number,
                "price": price,
            },
        )
        return self.get_message(sid)

    # Phones

    def phone_for(self, number: str) -> Phone:
        """The simulated phone with this number, made on first sight."""
        self._conn.execute(
            "INSERT OR IGNORE INTO phones (id, number, created) VALUES (?, ?, ?)",
            ("ph_" + secrets.token_urlsafe(9), number, utcnow().isoformat()),
        )
        phone = self._phone_where("number = ?", number)
        if phone is None:
            raise RuntimeError("the phone vanished")
        return phone

    def phone_by_id(self, phone_id: str) -> Phone | None:
        return self._phone_where("id = ?", phone_id)

    def _phone_where(self, condition: str, value: str) -> Phone | None:
        row = self._conn.execute(
            f"SELECT id, number, opted_out FROM phones WHERE {condition}",  # noqa: S608
            (value,),
        ).fetchone()
        return Phone(row["id"], row["number"], bool(row["opted_out"])) if row else None

    def phones(self) -> list[Phone]:
        rows = self._conn.execute(
            "SELECT id, number, opted_out FROM phones ORDER BY created, number"
        ).fetchall()
        return [Phone(row["id"], row["number"], bool(row["opted_out"])) for row in rows]

    def set_opted_out(self, number: str, opted_out: bool) -> Phone:
        phone = self.phone_for(number)
        self._conn.execute(
            "UPDATE phones SET opted_out = ? WHERE id = ?", (int(opted_out), phone.id)
        )
        return Phone(phone.id, phone.number, opted_out)

    def is_opted_out(self, number: str) -> bool:
        row = self._conn.execute(
            "SELECT opted_out FROM phones WHERE number = ?", (number,)
        ).fetchone()
        return bool(row and row[0])

    # Request and webhook logs (no numbers, no bodies)

    def log_request(
        self,
        *,
        endpoint: str,
        outcome: str,
        http_status: int | None,
        error_code: int | None = None,
        message_sid: str | None = None,
    ) -> None:
        self._conn.execute(
            "INSERT INTO api_requests (at, endpoint, outcome, http_status, error_code,"
            " message_sid) VALUES (?, ?, ?, ?, ?, ?)",
            (utcnow().isoformat(), endpoint, outcome, http_status, error_code, message_sid),
        )

    def requests(self) -> list[dict[str, Any]]:
        rows = self._conn.execute("SELECT * FROM api_requests ORDER BY id").fetchall()
        return [dict(row) for row in rows]

    def log_webhook(
        self,
        *,
        kind: str,
        message_sid: str,
        message_status: str,
        url: str,
        attempts: int,
        http_status: int | None,
        error: str | None,
    ) -> None:
        self._conn.execute(
            "INSERT INTO webhooks (at, kind, message_sid, message_status, url, attempts,"
            " http_status, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                utcnow().isoformat(),
                kind,
                message_sid,
                message_status,
                url,
                attempts,
                http_status,
                error,
            ),
        )

    def webhooks(self, message_sid: str | None = None) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT * FROM webhooks WHERE (:sid IS NULL OR message_sid = :sid) ORDER BY id",
            {"sid": message_sid},
        ).fetchall()
        return [dict(row) for row in rows]

    def counts(self) -> dict[str, Any]:
        def grouped(sql: str) -> dict[str, int]:
            return {str(key): int(n) for key, n in self._conn.execute(sql).fetchall()}

        duplicates = self._conn.execute(
            "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM messages"
            " WHERE direction = 'outbound-api'"
            " GROUP BY to_number, COALESCE(from_number, messaging_service_sid), body)"
        ).fetchone()[0]
        return {
            "messages": grouped("SELECT direction, COUNT(*) FROM messages GROUP BY direction"),
            "statuses": grouped("SELECT status, COUNT(*) FROM messages GROUP BY status"),
            "requests": grouped("SELECT outcome, COUNT(*) FROM api_requests GROUP BY outcome"),
            "webhooks": grouped(
                "SELECT kind || ':' || CASE WHEN http_status BETWEEN 200 AND 299"
                " THEN 'ok' ELSE 'failed' END, COUNT(*) FROM webhooks GROUP BY 1"
            ),
            "accepted_sends": grouped(
                "SELECT 'n', COUNT(*) FROM messages WHERE direction = 'outbound-api'"
            ).get("n", 0),
            "duplicate_sends": int(duplicates),
            "opted_out_phones": grouped("SELECT 'n', COUNT(*) FROM phones WHERE opted_out = 1").get(
                "n", 0
            ),
        }
