"""Texts and mails coming in: stored first (deduplicated), then handled by a task.

Handling order for a text: opt-out and opt-in words first (the gateway's business, never the
assistant's), then the relay to the assistant, whose replies go back out through the gateway.
If the assistant does not answer, the victim gets one short text with the support line and the
inbound message stays ``relay-failed`` for a retry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from messaging import optouts, queue
from messaging.assistant import AssistantUnavailable, ask_any_assistant
from messaging.keywords import Keyword, Match, classify
from messaging.models import InboundMessage, Recipient
from messaging.outbound import Content, send_to_recipient
from messaging.recipients import recipient_for_phone
from messaging.retry import backoff_seconds
from messaging.statuses import Channel, InboundStatus, Origin
from organisations.services import support_contact


@dataclass(frozen=True)
class Received:
    inbound: InboundMessage
    duplicate: bool


def receive_sms(*, provider_id: str, from_phone: str, body: str) -> Received:
    """Store a text once per provider id and queue its handling; a repeat changes nothing."""
    existing = InboundMessage.objects.filter(provider_id=provider_id).first()
    if existing is not None:
        return Received(existing, duplicate=True)
    recipient = recipient_for_phone(phone=from_phone)
    try:
        with transaction.atomic():
            inbound = InboundMessage.objects.create(
                channel=Channel.SMS.value, provider_id=provider_id[:200], recipient=recipient,
                body=body[:5000],
            )
            queue.process_after_commit(inbound.pk)
    except IntegrityError:
        return Received(InboundMessage.objects.get(provider_id=provider_id), duplicate=True)
    return Received(inbound, duplicate=False)


def _finish(inbound: InboundMessage, status: InboundStatus) -> None:
    inbound.status = status.value
    inbound.processed_at = timezone.now()
    inbound.save(update_fields=["status", "processed_at", "relay_attempts"])


def _confirm(inbound: InboundMessage, recipient: Recipient, match: Match) -> None:
    """Our own confirmation, for translated words only: Twilio confirms its own words."""
    if match.provider_default:
        return
    with override(match.language):
        if match.keyword is Keyword.OPT_OUT:
            text = _("You will get no more texts from this service. Reply START to get them again.")
        else:
            text = _("You will get texts from this service again. Reply STOP to stop them.")
    send_to_recipient(
        channel=Channel.SMS, recipient=recipient,
        content=Content(template=f"keyword-{match.keyword}", language=match.language, text=text),
        idempotency_key=f"keyword-confirmation:{inbound.pk}", origin=Origin.SYSTEM,
        opt_out_confirmation=match.keyword is Keyword.OPT_OUT,
    )


def _handle_keyword(inbound: InboundMessage, recipient: Recipient, match: Match) -> bool:
    """True when the text was an opt-out or opt-in and is now dealt with."""
    if match.keyword is Keyword.OPT_OUT:
        optouts.opt_out(recipient=recipient, channel=Channel.SMS, keyword=match.word,
                        source="inbound-keyword")
        _finish(inbound, InboundStatus.OPTED_OUT)
        _confirm(inbound, recipient, match)
        return True
    if optouts.opt_in(recipient=recipient, channel=Channel.SMS, keyword=match.word):
        _finish(inbound, InboundStatus.OPTED_IN)
        _confirm(inbound, recipient, match)
        return True
    return False  # "YES" from someone not opted out is an answer for the assistant


def _support_text(language: str) -> str:
    contact = support_contact()
    with override(language):
        if contact is None:
            return _("Sorry, our assistant is not available just now. Please try again later. "
                     "In an emergency call 999.")
        return _("Sorry, our assistant is not available just now. For help, call "
                 "%(name)s on %(phone)s. In an emergency call 999.") % {
                     "name": contact.name, "phone": contact.phone}


def _relay(inbound: InboundMessage, recipient: Recipient) -> float | None:
    inbound.relay_attempts += 1
    try:
        replies = ask_any_assistant(servers=settings.RASA_URLS, sender=recipient.conversation_id,
                                    text=inbound.body, timeout=settings.SIGNPOST_RASA_TIMEOUT_S)
    except AssistantUnavailable:
        _finish(inbound, InboundStatus.RELAY_FAILED)
        send_to_recipient(
            channel=Channel.SMS, recipient=recipient,
            content=Content(template="assistant-unavailable", language=recipient.language,
                            text=_support_text(recipient.language)),
            idempotency_key=f"assistant-unavailable:{inbound.pk}", origin=Origin.SYSTEM,
        )
        if inbound.relay_attempts >= settings.SIGNPOST_RELAY_MAX_ATTEMPTS:
            return None
        return backoff_seconds(attempt=inbound.relay_attempts, base=settings.SIGNPOST_RETRY_BASE_S,
                               cap=settings.SIGNPOST_RETRY_CAP_S)
    for index, reply in enumerate(replies):
        send_to_recipient(
            channel=Channel.SMS, recipient=recipient,
            content=Content(template="assistant-reply", language=recipient.language,
                            text=reply.text),
            idempotency_key=f"assistant-reply:{inbound.pk}:{index}", origin=Origin.ASSISTANT,
        )
    if not replies:
        # Rasa answered but said nothing (e.g. its action server is down): never silence.
        send_to_recipient(
            channel=Channel.SMS, recipient=recipient,
            content=Content(template="assistant-unavailable", language=recipient.language,
                            text=_support_text(recipient.language)),
            idempotency_key=f"assistant-silent:{inbound.pk}", origin=Origin.SYSTEM,
        )
    _finish(inbound, InboundStatus.RELAYED)
    return None


def process_inbound(*, inbound_id: int) -> float | None:
    """Handle one stored text; the seconds until the relay should be retried, or None."""
    with transaction.atomic():
        inbound = (
            InboundMessage.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=inbound_id)
            .first()
        )
        if inbound is None or inbound.recipient is None:
            return None
        if inbound.status not in (InboundStatus.RECEIVED, InboundStatus.RELAY_FAILED):
            return None
        recipient = inbound.recipient
        match = classify(inbound.body)
        if match is not None and _handle_keyword(inbound, recipient, match):
            return None
        if optouts.is_opted_out(recipient=recipient, channel=Channel.SMS):
            # Nothing may be sent to them, so the assistant is not asked; staff can read it.
            _finish(inbound, InboundStatus.STORED)
            return None
    # The relay runs outside the lock: Rasa may take seconds.
    return _relay(inbound, recipient)
