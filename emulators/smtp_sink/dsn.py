"""RFC 3464 delivery status notifications (bounces), built as raw RFC 822 bytes.

The report is ``multipart/report; report-type=delivery-status`` with three parts: a note for
people, the ``message/delivery-status`` fields, and the original message's headers
(``text/rfc822-headers``), so the original Message-ID travels back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, make_msgid

from emulators.smtp_sink.bounces import BounceRule

CRLF_POLICY = policy.compat32.clone(linesep="\r\n")
RETRY_WINDOW = timedelta(days=5)


@dataclass(frozen=True)
class FailedRecipient:
    address: str
    rule: BounceRule


def header_block(raw: bytes) -> str:
    """The header section of a raw message, as text, with CRLF line ends."""
    for separator in (b"\r\n\r\n", b"\n\n"):
        head, found, _ = raw.partition(separator)
        if found:
            break
    else:
        head = raw
    text = head.decode("utf-8", errors="replace")
    return "\r\n".join(text.splitlines()) + "\r\n"


def _fields(pairs: Sequence[tuple[str, str]]) -> Message:
    block = Message()
    for name, value in pairs:
        block[name] = value
    return block


def _human_note(reporting_mta: str, failures: Sequence[FailedRecipient], delayed: bool) -> str:
    lines = [f"This is the mail system at host {reporting_mta}.", ""]
    if delayed:
        lines.append("Your message could not be delivered yet to the recipients below.")
        lines.append("The mail system will keep trying; you need not send it again.")
    else:
        lines.append("Your message could not be delivered to the recipients below.")
        lines.append("This is a permanent error; the mail system will not try again.")
    lines.append("")
    lines.extend(f"<{f.address}>: {f.rule.smtp_reply(f.address)}" for f in failures)
    return "\n".join(lines) + "\n"


def build_dsn(
    *,
    original: bytes,
    envelope_from: str,
    failures: Sequence[FailedRecipient],
    reporting_mta: str,
    arrival: datetime,
    now: datetime,
) -> bytes:
    """A DSN telling ``envelope_from`` that ``original`` failed (or is delayed) for ``failures``.

    The recipients in one DSN share an Action: give failed and delayed ones separately.
    """
    if not failures:
        raise ValueError("a DSN needs at least one failed recipient")
    delayed = all(f.rule.action == "delayed" for f in failures)
    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = f"Mail Delivery System <MAILER-DAEMON@{reporting_mta}>"
    report["To"] = envelope_from
    report["Subject"] = (
        "Delayed Mail (still being retried)" if delayed else "Undelivered Mail Returned to Sender"
    )
    report["Date"] = format_datetime(now)
    report["Message-ID"] = make_msgid(domain=reporting_mta)
    report["Auto-Submitted"] = "auto-replied"

    note = _human_note(reporting_mta, failures, delayed)
    report.attach(MIMEText(note, "plain", "us-ascii" if note.isascii() else "utf-8"))

    status = Message()
    status["Content-Type"] = "message/delivery-status"
    per_message = _fields(
        [("Reporting-MTA", f"dns; {reporting_mta}"), ("Arrival-Date", format_datetime(arrival))]
    )
    per_recipient = []
    for failure in failures:
        rule, address = failure.rule, failure.address
        pairs = [
            ("Final-Recipient", f"rfc822; {address}"),
            ("Original-Recipient", f"rfc822; {address}"),
            ("Action", rule.action),
            ("Status", rule.status),
            ("Remote-MTA", f"dns; {address.rpartition('@')[2] or reporting_mta}"),
            ("Diagnostic-Code", f"smtp; {rule.smtp_reply(address)}"),
            ("Last-Attempt-Date", format_datetime(now)),
        ]
        if rule.action == "delayed":
            pairs.append(("Will-Retry-Until", format_datetime(now + RETRY_WINDOW)))
        per_recipient.append(_fields(pairs))
    status.set_payload([per_message, *per_recipient])
    report.attach(status)

    headers = header_block(original)
    charset = "us-ascii" if headers.isascii() else "utf-8"
    report.attach(MIMEText(headers, "rfc822-headers", charset))
    return report.as_bytes(policy=CRLF_POLICY)
