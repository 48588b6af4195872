"""Asking the gateway to send: validate, record the Message (status ``created``), then queue it.

An idempotency key names the send (for example ``leaflet-issue:42:sms``): asking twice with the
same key returns the first Message and sends nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from messaging import optouts, queue
from messaging.contacts import ContactError, parse_email, parse_phone
from messaging.models import Message, Recipient
from messaging.recipients import recipient_for_email, recipient_for_phone
from messaging.statuses import Channel, MessageStatus, Origin
from messaging.transitions import move, record_event


@dataclass(frozen=True)
class Content:
    template: str
    language: str
    text: str
    subject: str = ""
    html: str = ""


def _recipient(channel: Channel, to: str, language: str) -> Recipient:
    if channel is Channel.SMS:
        phone = parse_phone(to, for_sms=True, allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)
        return recipient_for_phone(phone=phone, language=language)
    return recipient_for_email(email=parse_email(to), language=language)


def request_send(
    *,
    channel: Channel,
    to: str,
    content: Content,
    idempotency_key: str,
    origin: Origin,
    triggered_by: User | None = None,
    about: tuple[str, str] = ("", ""),
) -> Message:
    """Validate ``to`` (ContactError if bad), record the message and queue it after commit."""
    if not content.text.strip():
        raise ValueError("a message needs a text body")
    if not idempotency_key or len(idempotency_key) > 200:
        raise ValueError("an idempotency key of 1-200 characters is required")
    existing = Message.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    recipient = _recipient(channel, to, content.language)
    return send_to_recipient(
        channel=channel,
        recipient=recipient,
        content=content,
        idempotency_key=idempotency_key,
        origin=origin,
        triggered_by=triggered_by,
        about=about,
    )


def send_to_recipient(
    *,
    channel: Channel,
    recipient: Recipient,
    content: Content,
    idempotency_key: str,
    origin: Origin,
    triggered_by: User | None = None,
    about: tuple[str, str] = ("", ""),
    opt_out_confirmation: bool = False,
) -> Message:
    """Record and queue a message to a known recipient (assistant replies, confirmations)."""
    if channel is Channel.SMS and not recipient.phone:
        raise ContactError("This person has no mobile number on record.")
    if channel is Channel.EMAIL and not recipient.email:
        raise ContactError("This person has no email address on record.")
    try:
        with transaction.atomic():
            message = Message.objects.create(
                channel=channel.value,
                recipient=recipient,
                template=content.template[:100],
                language=content.language[:20],
                subject=content.subject[:300],
                body_text=content.text,
                body_html=content.html,
                idempotency_key=idempotency_key,
                origin=origin.value,
                triggered_by=triggered_by,
                about_type=about[0][:40],
                about_id=about[1][:64],
                is_opt_out_confirmation=opt_out_confirmation,
            )
            record_event(message, kind="status", detail=f"created by {origin.value}")
            opted_out = optouts.is_opted_out(recipient=recipient, channel=channel)
            if opted_out and not opt_out_confirmation:
                move(
                    message,
                    MessageStatus.PERMANENT_FAILURE,
                    kind="status",
                    detail="not sent: the recipient has opted out of this channel",
                )
            else:
                queue.send_after_commit(message.pk)
    except IntegrityError:  # the same key, recorded meanwhile by another request
        return Message.objects.get(idempotency_key=idempotency_key)
    return message
