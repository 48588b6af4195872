"""What the emulator holds: notifications sent, outcomes and faults set, requests seen, texts in.

In memory: the emulator stands in for a service whose data Notify would keep for 7 days, and a
restart is a fresh service. One lock guards it (handlers run on one loop; tests read it from
other threads).
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from emulators.notify.simulated import Outcome


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Notification:
    id: str
    type: str  # sms | email
    to: str
    body: str
    subject: str
    reference: str | None
    template_id: str
    status: str = "created"
    created_at: str = field(default_factory=now_iso)
    sent_at: str | None = None
    completed_at: str | None = None

    def to_api(self) -> dict[str, Any]:
        """As ``GET /v2/notifications/{id}`` answers."""
        return {
            "id": self.id, "reference": self.reference, "type": self.type, "status": self.status,
            "phone_number": self.to if self.type == "sms" else None,
            "email_address": self.to if self.type == "email" else None,
            "body": self.body, "subject": self.subject if self.type == "email" else None,
            "template": {"id": self.template_id, "version": 1,
                         "uri": f"/v2/template/{self.template_id}"},
            "created_at": self.created_at, "created_by_name": None, "sent_at": self.sent_at,
            "completed_at": self.completed_at, "line_1": None, "postage": None,
        }

    def receipt(self) -> dict[str, Any]:
        """The delivery-receipt callback's body."""
        return {
            "id": self.id, "reference": self.reference, "to": self.to, "status": self.status,
            "created_at": self.created_at, "completed_at": self.completed_at,
            "sent_at": self.sent_at, "notification_type": self.type,
        }


@dataclass
class Store:
    notifications: dict[str, Notification] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # recipient -> outcome
    requests: list[dict[str, Any]] = field(default_factory=list)
    webhooks: list[dict[str, Any]] = field(default_factory=list)
    inbound: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, notification: Notification) -> None:
        with self.lock:
            self.notifications[notification.id] = notification

    def get(self, notification_id: str) -> Notification | None:
        with self.lock:
            return self.notifications.get(notification_id)

    def by_reference(self, reference: str) -> list[Notification]:
        with self.lock:
            return [n for n in self.notifications.values() if n.reference == reference]

    def all(self) -> list[Notification]:
        with self.lock:
            return sorted(self.notifications.values(), key=lambda n: n.created_at, reverse=True)

    def set_status(self, notification_id: str, status: str) -> Notification | None:
        with self.lock:
            found = self.notifications.get(notification_id)
            if found is None:
                return None
            found.status = status
            if status == "sending":
                found.sent_at = now_iso()
            elif status not in ("created", "pending"):
                found.completed_at = now_iso()
            return Notification(**asdict(found))

    def log_request(self, *, endpoint: str, outcome: str) -> None:
        with self.lock:
            self.requests.append({"endpoint": endpoint, "outcome": outcome, "at": now_iso()})

    def log_webhook(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.webhooks.append(entry)

    def reset(self) -> None:
        with self.lock:
            self.notifications.clear()
            self.outcomes.clear()
            self.requests.clear()
            self.webhooks.clear()
            self.inbound.clear()


def new_id() -> str:
    return str(uuid.uuid4())
