"""Texts and mails coming in: stored first (deduplicated), then handled by a task.

Handling order for a text: opt-out and opt-in words first (the gateway's business, never the
assistant's), then the relay to the assistant, whose replies go back out through the gateway.
If the assistant does not answer, the victim gets one short text with the support line and the
inbound message stays ``relay-failed`` for a retry.

Each conversation has at most one relay task queued or running (messaging.turns, the
per-sender queue): it relays a few of the conversation's waiting texts, urgent first then oldest
first, and queues the conversation again at the back while more wait. So one number's flood
delays only itself, and different conversations take turns in the order they were queued.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from assistant.nlu.danger import danger_match
from messaging import optouts, sender_limit, sending, turns
from messaging.assistant import AssistantUnavailable, ask_any_assistant
from messaging.contacts import ContactError, parse_phone
from messaging.conversation_lock import ConversationBusy, conversation_turn
from messaging.keywords import Keyword, Match, classify
from messaging.models import InboundMessage, Recipient
from messaging.outbound import Content, send_to_recipient
from messaging.recipients import recipient_for_phone
from messaging.retry import backoff_seconds
from messaging.statuses import Channel, InboundStatus, Origin, SenderRange
from organisations.services import support_contact

logger = logging.getLogger(__name__)

PENDING = turns.PENDING
# How long a turn waits for another relay of its conversation (one the sweep replaced, still
# running) before it is queued again.
LOCK_WAIT_S = 0.5
BUSY_RETRY_S = 1.0


@dataclass(frozen=True)
class Relayed:
    answered: bool  # False: the assistant did not answer and the support line was sent
    retry_in: float | None  # seconds until the text should be tried again


@dataclass(frozen=True)
class Received:
    inbound: InboundMessage
    duplicate: bool


@dataclass(frozen=True)
class Sender:
    phone: str  # E.164 when libphonenumber knows the number, else as the provider sent it
    range: SenderRange


# What a provider may send as a sender it cannot format in E.164: a number in a range
# libphonenumber does not know yet, a short code, an alphanumeric sender id.
_SEPARATORS = re.compile(r"[\s().-]")
_UNKNOWN_SENDER = re.compile(r"^\+?[0-9]{3,15}$|^[A-Za-z0-9 ]{1,11}$")


def sender_of(raw: str) -> Sender:
    """The sender of a text. Never refused for its range: the victim is answered whatever the
    number (``ContactError`` only when there is no sender at all)."""
    try:
        phone = parse_phone(raw, for_sms=False, allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)
        return Sender(phone, SenderRange.KNOWN)
    except ContactError:
        pass
    compact = _SEPARATORS.sub("", raw.strip())
    if compact.isdigit() or compact.startswith("+"):
        raw = compact
    if not _UNKNOWN_SENDER.match(raw.strip()):
        raise ContactError("The sender of this text is missing or not a number.")
    return Sender(raw.strip(), SenderRange.UNKNOWN)


def receive_sms(*, provider_id: str, from_phone: str, body: str,
                sender_range: SenderRange = SenderRange.KNOWN) -> Received:
    """Store a text once per provider id and queue its handling; a repeat changes nothing."""
    existing = InboundMessage.objects.filter(provider_id=provider_id).first()
    if existing is not None:
        return Received(existing, duplicate=True)
    recipient = recipient_for_phone(phone=from_phone)
    urgent = danger_match(body[:5000]) is not None
    try:
        with transaction.atomic():
            inbound = InboundMessage.objects.create(
                channel=Channel.SMS.value, provider_id=provider_id[:200], recipient=recipient,
                body=body[:5000], sender_range=sender_range.value, urgent=urgent,
            )
            if not _always_relayed(inbound.body) and not _within_sender_limit(inbound, recipient):
                return Received(inbound, duplicate=False)
            turns.arrived(recipient_id=recipient.pk, urgent=urgent)
    except IntegrityError:
        return Received(InboundMessage.objects.get(provider_id=provider_id), duplicate=True)
    return Received(inbound, duplicate=False)


def _always_relayed(body: str) -> bool:
    """Texts the flood limit never holds back, nor counts: opt-out and opt-in words (STOP must
    always work) and anything the danger lexicon recognises (someone in danger past the limit
    must still get the 999 guidance)."""
    return classify(body) is not None or danger_match(body) is not None


def _within_sender_limit(inbound: InboundMessage, recipient: Recipient) -> bool:
    """Count the text toward its sender's limit (``sender_limit``); past it, keep the text
    unrelayed and send the one "slow down" reply at the crossing."""
    decision = sender_limit.count_text(recipient=recipient)
    if decision.relay:
        return True
    _finish(inbound, InboundStatus.STORED)
    if decision.warn:
        send_to_recipient(
            channel=Channel.SMS, recipient=recipient,
            content=Content(template="inbound-slow-down", language=recipient.language,
                            text=sender_limit.slow_down_text(recipient.language)),
            idempotency_key=f"inbound-slow-down:{inbound.pk}", origin=Origin.SYSTEM,
        )
    return False


def _finish(inbound: InboundMessage, status: InboundStatus) -> None:
    inbound.status = status.value
    inbound.processed_at = timezone.now()
    inbound.save(update_fields=["status", "processed_at", "relay_attempts"])


def _confirm(inbound: InboundMessage, recipient: Recipient, match: Match) -> None:
    """Our own confirmation; for the provider's own English words only when the provider does
    not confirm them itself (Twilio does, Notify does not)."""
    if match.provider_default and sending.sms_provider().handles_stop_words:
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


def _fail(inbound: InboundMessage, recipient: Recipient) -> float | None:
    """The assistant did not answer: the support line (once per text), and when to try again."""
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


def _current_language(recipient: Recipient) -> str:
    """The language as the assistant last set it (it may have changed it on an earlier text of
    this pass, after ``recipient`` was read)."""
    stored = Recipient.objects.filter(pk=recipient.pk).values_list("language", flat=True).first()
    return stored or recipient.language


def _language_metadata(recipient: Recipient) -> dict[str, str]:
    return {"language": _current_language(recipient)}


def _relay(inbound: InboundMessage, recipient: Recipient, *, assistant_failed: bool) -> Relayed:
    """Ask the assistant and hand its replies to the gateway. ``assistant_failed``: it has just
    failed an earlier text of this conversation, so this one is not sent ahead of it."""
    inbound.relay_attempts += 1
    if assistant_failed:
        return Relayed(answered=False, retry_in=_fail(inbound, recipient))
    waited = timezone.now() - inbound.received_at
    asked = time.monotonic()
    try:
        replies = ask_any_assistant(servers=settings.RASA_URLS, sender=recipient.conversation_id,
                                    text=inbound.body, timeout=settings.SIGNPOST_RASA_TIMEOUT_S,
                                    in_flight=settings.SIGNPOST_RASA_IN_FLIGHT,
                                    metadata=_language_metadata(recipient))
    except AssistantUnavailable:
        return Relayed(answered=False, retry_in=_fail(inbound, recipient))
    answered = time.monotonic()
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
    logger.info("inbound %d relayed: waited %.0f ms, assistant %.0f ms, %d replies handed to the "
                "gateway in %.0f ms", inbound.pk, waited.total_seconds() * 1000,
                (answered - asked) * 1000, len(replies), (time.monotonic() - answered) * 1000)
    return Relayed(answered=True, retry_in=None)


def _take(inbound_id: int) -> tuple[InboundMessage, Recipient] | None:
    """Lock the stored text and deal with what is not for the assistant (opt-out and opt-in
    words, opted-out senders); the text and its sender when it goes to the assistant."""
    with transaction.atomic():
        inbound = (
            InboundMessage.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=inbound_id)
            .first()
        )
        if inbound is None or inbound.recipient is None or inbound.status not in PENDING:
            return None
        recipient = inbound.recipient
        match = classify(inbound.body)
        if match is not None and _handle_keyword(inbound, recipient, match):
            return None
        if optouts.is_opted_out(recipient=recipient, channel=Channel.SMS):
            # Nothing may be sent to them, so the assistant is not asked; staff can read it.
            _finish(inbound, InboundStatus.STORED)
            return None
    return inbound, recipient


def _fail_the_rest(recipient: Recipient) -> None:
    """The assistant has just failed a text: the conversation's other waiting texts are not sent
    ahead of it; each is failed at once with the support line (no call to the assistant)."""
    for inbound_id in turns.next_texts(recipient_id=recipient.pk, limit=turns.BATCH):
        taken = _take(inbound_id)
        if taken is not None and taken[0].status == InboundStatus.RECEIVED.value:
            _relay(*taken, assistant_failed=True)


def _relay_some(recipient: Recipient, token: str) -> float | None:
    """Up to ``SIGNPOST_RELAY_TEXTS_PER_TURN`` of the conversation's waiting texts, in order;
    the seconds until the conversation should be tried again when the assistant failed."""
    for index, inbound_id in enumerate(turns.next_texts(
            recipient_id=recipient.pk, limit=settings.SIGNPOST_RELAY_TEXTS_PER_TURN)):
        if index:  # the claim was the first beat
            turns.heartbeat(recipient_id=recipient.pk, token=token)
        taken = _take(inbound_id)
        if taken is None:
            continue
        relayed = _relay(*taken, assistant_failed=False)
        if not relayed.answered:
            _fail_the_rest(recipient)
            return relayed.retry_in
    return None


def relay_turn(*, recipient_id: int, token: str) -> None:
    """One turn of a conversation in the per-sender queue (messaging.turns): relay a few of its
    waiting texts, then leave the queue or go to its back.

    A task whose turn was given to another does nothing. The conversation's relay lock
    (``conversation_turn``) still guards the order should a replaced task still be running.
    The assistant is asked outside any database transaction: Rasa may take seconds.
    """
    if not turns.claim(recipient_id=recipient_id, token=token):
        return
    recipient = Recipient.objects.get(pk=recipient_id)
    try:
        with conversation_turn(recipient.conversation_id, wait_s=LOCK_WAIT_S):
            retry_in = _relay_some(recipient, token)
    except ConversationBusy:
        turns.end(recipient_id=recipient_id, token=token, retry_in=None, pause_s=BUSY_RETRY_S)
        return
    except Exception:
        # Queued again after a pause rather than left to the sweep's stuck window.
        turns.end(recipient_id=recipient_id, token=token, retry_in=None,
                  pause_s=settings.SIGNPOST_RETRY_BASE_S)
        raise
    turns.end(recipient_id=recipient_id, token=token, retry_in=retry_in)


def queue_conversation_of(*, inbound_id: int) -> None:
    """Make sure the conversation of a stored text that still waits has its relay task."""
    inbound = InboundMessage.objects.filter(pk=inbound_id, status__in=PENDING).first()
    if inbound is None or inbound.recipient_id is None:
        return
    with transaction.atomic():
        turns.arrived(recipient_id=inbound.recipient_id, urgent=inbound.urgent)
