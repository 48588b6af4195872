"""What happens to an accepted mail: kept, maybe bounced, maybe handed to Signpost as inbound."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from datetime import UTC, datetime

from emulators.common.webhooks import post_with_retries
from emulators.smtp_sink.bounces import BounceMode
from emulators.smtp_sink.dsn import FailedRecipient, build_dsn
from emulators.smtp_sink.parsing import summary_headers
from emulators.smtp_sink.state import Sink
from emulators.smtp_sink.store import StoredMail

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Signpost-Signature"


def signature(secret: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of the body, keyed by the shared secret."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def is_reply_address(address: str, reply_domain: str) -> bool:
    """
    >>> is_reply_address("r-123@Reply.Signpost.test", "reply.signpost.test")
    True
    """
    domain = address.rpartition("@")[2].lower().rstrip(".")
    reply_domain = reply_domain.lower()
    return domain == reply_domain or domain.endswith("." + reply_domain)


def accept_mail(sink: Sink, *, mail_from: str, rcpt_tos: list[str], raw: bytes) -> StoredMail:
    message_id, subject = summary_headers(raw)
    mail = sink.store.add(
        kind="mail",
        mail_from=mail_from,
        rcpt_tos=rcpt_tos,
        raw=raw,
        message_id=message_id,
        subject=subject,
    )
    logger.info("mail %d accepted for %d recipient(s)", mail.id, len(rcpt_tos))
    failures = [
        FailedRecipient(address, rule)
        for address in rcpt_tos
        if (rule := sink.rules.match(address)) is not None and rule.mode is BounceMode.DSN
    ]
    if failures and mail_from:  # never bounce a mail with a null sender
        sink.tasks.spawn(send_dsns(sink, mail, raw, failures), name=f"dsn-{mail.id}")
    if any(is_reply_address(a, sink.config.reply_domain) for a in rcpt_tos):
        sink.tasks.spawn(relay(sink, mail.id, raw), name=f"relay-{mail.id}")
    return mail


async def send_dsns(
    sink: Sink, mail: StoredMail, raw: bytes, failures: list[FailedRecipient]
) -> None:
    """After the bounce delay, a DSN per Action (failed, delayed) to the envelope sender."""
    await asyncio.sleep(sink.config.bounce_delay)
    for action in ("failed", "delayed"):
        group = [f for f in failures if f.rule.action == action]
        if not group:
            continue
        dsn = build_dsn(
            original=raw,
            envelope_from=mail.mail_from,
            failures=group,
            reporting_mta=sink.config.hostname,
            arrival=mail.received,
            now=datetime.now(UTC),
        )
        message_id, subject = summary_headers(dsn)
        stored = sink.store.add(
            kind="dsn",
            mail_from="",
            rcpt_tos=[mail.mail_from],
            raw=dsn,
            message_id=message_id,
            subject=subject,
        )
        logger.info("mail %d bounced (%s) as DSN %d", mail.id, action, stored.id)
        await relay(sink, stored.id, dsn)


async def relay(sink: Sink, mail_id: int, raw: bytes) -> None:
    """POST the raw mail to Signpost's inbound-mail webhook, signed."""
    url = sink.config.inbound_email_url
    result = await post_with_retries(
        sink.session,
        url,
        body=raw,
        headers={
            "Content-Type": "message/rfc822",
            SIGNATURE_HEADER: signature(sink.config.inbound_email_secret, raw),
            "User-Agent": "signpost-smtp-sink",
        },
        policy=sink.config.webhook_retry,
        label=f"mail {mail_id}",
    )
    sink.store.log_relay(
        mail_id=mail_id,
        url=url,
        attempts=result.attempts,
        http_status=result.status,
        error=result.error,
    )
