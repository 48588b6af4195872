"""Sending email over SMTP with aiosmtplib: one connection for a burst of messages.

TLS per ``SMTP_TLS``: ``none`` (local sink), ``starttls`` (port 587) or ``implicit`` (port 465).
A 5xx refusal ends the message ``permanent-failure``; a 4xx or a lost connection is retried.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import aiosmtplib
from django.conf import settings

from channels.email.compose import build_email, domain_of, message_id_header
from messaging.results import OutboundEmail, Retry, SendAccepted, SendFailed, SendResult
from messaging.statuses import MessageStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str
    password: str
    tls: str  # none | starttls | implicit
    from_address: str
    timeout: float

    @classmethod
    def from_settings(cls) -> SmtpSettings:
        return cls(
            host=settings.SMTP_HOST,
            port=settings.SMTP_PORT,
            username=settings.SMTP_USERNAME,
            password=settings.SMTP_PASSWORD,
            tls=settings.SMTP_TLS,
            from_address=settings.EMAIL_FROM,
            timeout=settings.SIGNPOST_PROVIDER_TIMEOUT_S,
        )


def _retryable(reason: str, code: str = "") -> SendFailed:
    return SendFailed(MessageStatus.TECHNICAL_FAILURE, "smtp-error", code, reason, Retry.YES)


def _refused(code: int, reason: str) -> SendFailed:
    if 400 <= code < 500:
        return _retryable(reason, str(code))
    return SendFailed(MessageStatus.PERMANENT_FAILURE, "smtp-refused", str(code), reason, Retry.NO)


def client_for(smtp: SmtpSettings) -> aiosmtplib.SMTP:
    if smtp.tls not in {"none", "starttls", "implicit"}:
        raise ValueError("SMTP_TLS must be none, starttls or implicit")
    return aiosmtplib.SMTP(
        hostname=smtp.host,
        port=smtp.port,
        timeout=smtp.timeout,
        use_tls=smtp.tls == "implicit",
        start_tls=smtp.tls == "starttls",
    )


async def _send_one(client: aiosmtplib.SMTP, mail: OutboundEmail, smtp: SmtpSettings) -> SendResult:
    domain = domain_of(smtp.from_address)
    message = build_email(mail, from_address=smtp.from_address, domain=domain)
    try:
        await client.send_message(message, sender=smtp.from_address, recipients=[mail.to])
    except aiosmtplib.SMTPRecipientsRefused as error:
        code = error.recipients[0].code if error.recipients else 550
        return _refused(code, "the receiving server refused the address")
    except aiosmtplib.SMTPResponseException as error:
        return _refused(error.code, "the mail server refused the message")
    return SendAccepted(
        provider_ref=message_id_header(mail.message_id, domain),
        provider_status="accepted-by-relay",
        status=MessageStatus.SENT,
    )


async def send_burst(mails: list[OutboundEmail], smtp: SmtpSettings) -> list[SendResult]:
    """Send each mail over one connection; a result per mail, in order."""
    results: list[SendResult] = []
    client = client_for(smtp)
    try:
        await client.connect()
        if smtp.username:
            await client.login(smtp.username, smtp.password)
    except aiosmtplib.SMTPAuthenticationError:
        failed = SendFailed(MessageStatus.TECHNICAL_FAILURE, "smtp-auth", "", "mail server "
                            "refused our credentials", Retry.NO)
        return [failed for _ in mails]
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
        logger.info("mail server unreachable (%s)", type(error).__name__)
        return [_retryable(f"mail server unreachable ({type(error).__name__})") for _ in mails]
    try:
        for index, mail in enumerate(mails):
            try:
                results.append(await _send_one(client, mail, smtp))
            except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
                reason = f"connection lost ({type(error).__name__})"
                results.extend(_retryable(reason) for _ in mails[index:])
                break
    finally:
        try:
            await client.quit()
        except (aiosmtplib.SMTPException, OSError, TimeoutError):
            client.close()
    return results


def send_emails(mails: list[OutboundEmail]) -> list[SendResult]:
    """Blocking wrapper for the worker threads."""
    if not mails:
        return []
    return asyncio.run(send_burst(mails, SmtpSettings.from_settings()))
