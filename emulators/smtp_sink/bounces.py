"""Bounce rules: which addresses fail, permanently or for now, and how the failure shows.

A rule's pattern is an address or a shell-style pattern, compared case-insensitively:

>>> rule = rule_from_json({"pattern": "*@gone.example"})
>>> rule.matches("Someone@GONE.example"), rule.action, rule.status
(True, 'failed', '5.1.1')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from fnmatch import fnmatchcase
from typing import Any


class BounceKind(StrEnum):
    PERMANENT = "permanent"  # Action: failed
    TEMPORARY = "temporary"  # Action: delayed


class BounceMode(StrEnum):
    DSN = "dsn"  # accept the mail, then send a delivery status notification
    REJECT = "reject"  # refuse the recipient during the SMTP conversation


DEFAULT_STATUS = {BounceKind.PERMANENT: "5.1.1", BounceKind.TEMPORARY: "4.2.2"}
DEFAULT_TEXT = {
    "5.1.1": "Recipient address rejected: User unknown",
    "4.2.2": "Mailbox full, try again later",
}
STATUS = re.compile(r"^[245]\.\d{1,3}\.\d{1,3}$")


@dataclass(frozen=True)
class BounceRule:
    pattern: str
    kind: BounceKind = BounceKind.PERMANENT
    mode: BounceMode = BounceMode.DSN
    status: str = "5.1.1"
    text: str = DEFAULT_TEXT["5.1.1"]

    def matches(self, address: str) -> bool:
        return fnmatchcase(address.lower(), self.pattern.lower())

    @property
    def action(self) -> str:
        return "failed" if self.kind is BounceKind.PERMANENT else "delayed"

    @property
    def reply_code(self) -> int:
        return 550 if self.kind is BounceKind.PERMANENT else 450

    def smtp_reply(self, address: str) -> str:
        """The SMTP reply line: ``550 5.1.1 <a@b>: Recipient address rejected: ...``."""
        return f"{self.reply_code} {self.status} <{address}>: {self.text}"

    def to_json(self) -> dict[str, Any]:
        return {
            "pattern": self.pattern,
            "kind": self.kind.value,
            "mode": self.mode.value,
            "status": self.status,
            "text": self.text,
        }


def rule_from_json(data: dict[str, Any]) -> BounceRule:
    """Read ``{"pattern": "x@y", "kind": "temporary", "mode": "dsn", "status": "4.4.1"}``."""
    pattern = data.get("pattern") or data.get("address")
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError("pattern (or address) is required")
    kind = BounceKind(data.get("kind", BounceKind.PERMANENT))
    status = str(data.get("status") or DEFAULT_STATUS[kind])
    if not STATUS.match(status) or status[0] != ("5" if kind is BounceKind.PERMANENT else "4"):
        raise ValueError("status must be 5.x.x for permanent and 4.x.x for temporary failures")
    text = str(data.get("text") or DEFAULT_TEXT.get(status, "Delivery failed"))
    return BounceRule(
        pattern=pattern.strip(),
        kind=kind,
        mode=BounceMode(data.get("mode", BounceMode.DSN)),
        status=status,
        text=text.replace("\r", " ").replace("\n", " "),
    )


@dataclass
class BounceRules:
    rules: list[BounceRule] = field(default_factory=list)

    def add(self, rule: BounceRule) -> None:
        self.rules.append(rule)

    def clear(self) -> None:
        self.rules.clear()

    def match(self, address: str) -> BounceRule | None:
        """The most recently added rule matching ``address``."""
        for rule in reversed(self.rules):
            if rule.matches(address):
                return rule
        return None

    def to_json(self) -> list[dict[str, Any]]:
        return [rule.to_json() for rule in self.rules]
