"""Building DSNs (pure), checked by parsing them back."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy
from typing import Any

import pytest

from emulators.smtp_sink.bounces import rule_from_json
from emulators.smtp_sink.dsn import FailedRecipient, build_dsn, header_block

ORIGINAL = (
    b"From: noreply@signpost.test\r\nTo: a@gone.test, b@gone.test\r\n"
    b"Message-ID: <orig-1@signpost.test>\r\nSubject: Leaflet\r\n\r\nBody text\r\n"
)
NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


def build(*failures: FailedRecipient) -> bytes:
    return build_dsn(
        original=ORIGINAL,
        envelope_from="bounces@signpost.test",
        failures=list(failures),
        reporting_mta="sink.test",
        arrival=NOW,
        now=NOW,
    )


def failed(address: str, **rule: str) -> FailedRecipient:
    return FailedRecipient(address, rule_from_json({"pattern": address, **rule}))


def test_dsn_structure_follows_rfc_3464():
    raw = build(failed("a@gone.test"), failed("b@gone.test"))

    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF line ends throughout
    dsn = message_from_bytes(raw, policy=policy.default)
    assert [p.get_content_type() for p in dsn.iter_parts()] == [
        "text/plain",
        "message/delivery-status",
        "text/rfc822-headers",
    ]
    parts: list[Any] = list(dsn.iter_parts())
    blocks = parts[1].get_payload()
    assert [b["Final-Recipient"] for b in blocks[1:]] == [
        "rfc822; a@gone.test",
        "rfc822; b@gone.test",
    ]
    assert blocks[0]["Arrival-Date"] == "Thu, 02 Jan 2025 03:04:05 +0000"
    assert "a@gone.test" in parts[0].get_content()
    assert "Body text" not in raw.decode()  # only the headers come back


def test_returned_headers_are_the_originals():
    assert header_block(ORIGINAL).splitlines()[2] == "Message-ID: <orig-1@signpost.test>"
    assert header_block(ORIGINAL.replace(b"\r\n", b"\n")) == header_block(ORIGINAL)


def test_a_dsn_needs_a_failure():
    with pytest.raises(ValueError, match="at least one"):
        build()
