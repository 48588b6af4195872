"""Asking the gateway to send: validate, then record the Message and queue it, in one commit.

An idempotency key names the send (for example ``leaflet-issue:42:sms``): asking twice with the
same key returns the first Message and sends nothing more.

A send is one transaction: the recipient (found or added), the Message written straight as
``queued`` and its two events (``created``, ``queued``) in one INSERT; the Huey task is queued
once that commits. If the process dies in between, the sweep finds the row ``queued`` and
queues it again (docs/gateway.md, "Cost of one send").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from messaging import optouts, queue
from messaging.contacts import ContactError, parse_email, parse_phone
from messaging.models import DeliveryEvent, Message, Recipient
from messaging.recipients import find_or_add
from messaging.statuses import Channel, MessageStatus, Origin


@dataclass(frozen=True)
class Content:
    template: str
    language: str
    text: str
    subject: str = ""
    html: str = ""
    sender: str = ""  # SMS sender ID or email From; blank: the service's default


@dataclass(frozen=True)
class _Send:
    """What every send records, whoever the recipient is."""

    channel: Channel
    content: Content
    idempotency_key: str
    origin: Origin
    triggered_by: User | None
    about: tuple[str, str]
    opt_out_confirmation: bool = False


def _contact(channel: Channel, to: str) -> dict[str, str]:
    """The validated phone number or email address (ContactError with a message to show)."""
    if channel is Channel.SMS:
        return {"phone": parse_phone(to, for_sms=True,
                                     allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)}
    return {"email": parse_email(to)}


def _check(content: Content, idempotency_key: str) -> None:
    if not content.text.strip():
        raise ValueError("a message needs a text body")
    if not idempotency_key or len(idempotency_key) > 200:
        raise ValueError("an idempotency key of 1-200 characters is required")


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
    _check(content, idempotency_key)
    existing = Message.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    contact = _contact(channel, to)
    send = _Send(channel=channel, content=content, idempotency_key=idempotency_key,
                 origin=origin, triggered_by=triggered_by, about=about)

    def record() -> Message:
        with transaction.atomic():
            recipient, created = find_or_add(language=content.language, **contact)
            return _record(send, recipient, opted_out=not created and _opted_out(send, recipient))

    try:
        return record()
    except IntegrityError:  # the same key, or a recipient with this number, recorded meanwhile
        existing = Message.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    return record()  # the recipient exists now


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
    send = _Send(channel=channel, content=content, idempotency_key=idempotency_key,
                 origin=origin, triggered_by=triggered_by, about=about,
                 opt_out_confirmation=opt_out_confirmation)
    try:
        with transaction.atomic():
            return _record(send, recipient, opted_out=_opted_out(send, recipient))
    except IntegrityError:  # the same key, recorded meanwhile by another request
        return Message.objects.get(idempotency_key=idempotency_key)


def _opted_out(send: _Send, recipient: Recipient) -> bool:
    return not send.opt_out_confirmation and optouts.is_opted_out(recipient=recipient,
                                                                  channel=send.channel)


NOT_SENT = "not sent: the recipient has opted out of this channel"


def _record(send: _Send, recipient: Recipient, *, opted_out: bool) -> Message:
    """Write the message ``queued`` (or closed, if opted out) with its events; queue it after
    commit. Inside the caller's transaction."""
    status = MessageStatus.PERMANENT_FAILURE if opted_out else MessageStatus.QUEUED
    content = send.content
    message = Message.objects.create(
        channel=send.channel.value,
        recipient=recipient,
        template=content.template[:100],
        language=content.language[:20],
        subject=content.subject[:300],
        body_text=content.text,
        body_html=content.html,
        sender=content.sender,
        idempotency_key=send.idempotency_key,
        status=status.value,
        reason=NOT_SENT if opted_out else "",
        origin=send.origin.value,
        triggered_by=send.triggered_by,
        about_type=send.about[0][:40],
        about_id=send.about[1][:64],
        is_opt_out_confirmation=send.opt_out_confirmation,
    )
    created = MessageStatus.CREATED.value
    DeliveryEvent.objects.bulk_create([
        DeliveryEvent(message=message, kind="status", status=created,
                      detail=f"created by {send.origin.value}"),
        DeliveryEvent(message=message, kind="status", status=status.value,
                      previous_status=created, detail=NOT_SENT if opted_out else "queued"),
    ])
    if not opted_out:
        queue.send_after_commit(message.pk)
    return message
