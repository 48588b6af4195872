"""The worker's side of a send: claim the message, check, call the provider, record the answer.

A message is claimed (``queued`` → ``sending``) before the provider is called, so two workers
never send it twice (``messaging.claims``: an SMS by one conditional UPDATE when it is as read,
else under the row lock; an email under the row lock, with the others due in its burst). One
already holding a provider reference is never resent; one whose last attempt may have reached
the provider is looked up there before resending. Emails due at the same time go out together
(over one SMTP connection with a relay).

The provider is the one the force chose for the channel, found in the registry
(``messaging.providers``): this module names none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from messaging import claims, optouts
from messaging.models import Message
from messaging.providers import EmailProvider, ProviderUnavailable, SmsProvider, providers
from messaging.results import (
    OutboundEmail,
    OutboundSms,
    Retry,
    SendAccepted,
    SendFailed,
    SendResult,
)
from messaging.retry import backoff_seconds
from messaging.statuses import Channel, MessageStatus
from messaging.transitions import move, record_event
from organisations.services import message_providers


@dataclass
class DeliveryOutcome:
    attempted: list[str] = field(default_factory=list)  # message ids handed to a provider
    retry_in: dict[str, float] = field(default_factory=dict)  # message id -> seconds
    attempts: dict[str, int] = field(default_factory=dict)  # message id -> attempts made so far


def _stale(message: Message, after_attempt: int | None) -> bool:
    """A task queued after attempt N finds more attempts made: the message was tried meanwhile
    (in another task's email burst, which queued its own retry), so this task does nothing.
    Otherwise every burst during an outage would multiply tasks and spend attempts at once."""
    return after_attempt is not None and message.attempts != after_attempt


def _claim(message_id: str, after_attempt: int | None = None) -> list[Message]:
    """The messages this task may send now, claimed (an SMS alone; an email with a burst)."""
    seen = Message.objects.select_related("recipient").filter(pk=message_id).first()
    if (seen is None or _stale(seen, after_attempt) or seen.status != MessageStatus.QUEUED
            or seen.provider_ref):
        return []  # nothing to send: no lock needed to do nothing
    if seen.channel == Channel.SMS:
        return [seen] if claims.claim(seen, after_attempt=after_attempt) else []
    return _claim_emails(message_id, after_attempt)


def _claim_emails(message_id: str, after_attempt: int | None) -> list[Message]:
    with transaction.atomic():
        first = (
            Message.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=message_id)
            .first()
        )
        if first is None or _stale(first, after_attempt) or not claims.claim_locked(first):
            return []
        claimed = [first]
        if first.channel == Channel.EMAIL and settings.SIGNPOST_EMAIL_BURST > 1:
            # skip_locked: rows another worker holds are its to send. Waiting for them instead
            # deadlocks two workers whose bursts overlap (PostgreSQL; SQLite has no row locks).
            due = (
                Message.objects.select_for_update(of=("self",), skip_locked=True)
                .select_related("recipient")
                .filter(channel=Channel.EMAIL.value, status=MessageStatus.QUEUED.value)
                .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
                .exclude(pk=first.pk)
                .order_by("created_at")[: settings.SIGNPOST_EMAIL_BURST - 1]
            )
            claimed.extend(other for other in due if claims.claim_locked(other))
        return claimed


def _sms(message: Message) -> OutboundSms:
    return OutboundSms(message_id=str(message.pk), to=message.recipient.phone,
                       body=message.body_text, sender=message.sender)


def _email(message: Message) -> OutboundEmail:
    return OutboundEmail(
        message_id=str(message.pk),
        to=message.recipient.email,
        subject=message.subject,
        text=message.body_text,
        html=message.body_html,
        language=message.language,
        sender=message.sender,
    )


def sms_provider() -> SmsProvider:
    """The SMS provider the force chose (or the deployment's default)."""
    return providers.sms(message_providers(default_sms=settings.SIGNPOST_SMS_PROVIDER,
                                           default_email=settings.SIGNPOST_EMAIL_PROVIDER).sms)


def email_provider() -> EmailProvider:
    """The email provider the force chose (or the deployment's default)."""
    return providers.email(message_providers(default_sms=settings.SIGNPOST_SMS_PROVIDER,
                                             default_email=settings.SIGNPOST_EMAIL_PROVIDER).email)


def _send_sms(message: Message) -> SendResult:
    sms = _sms(message)
    provider = sms_provider()
    if message.check_provider_first and message.first_attempt_at is not None:
        try:
            found = provider.find_sent(sms, since=message.first_attempt_at)
        except ProviderUnavailable as error:
            return SendFailed(MessageStatus.TECHNICAL_FAILURE, "", "",
                              f"could not check with the provider ({error})", Retry.CHECK_FIRST)
        if found is not None:
            return found
    return provider.send_sms(sms)


def record_result(*, message: Message, result: SendResult) -> float | None:
    """Store the provider's answer to the attempt ``message`` (as claimed) holds; the seconds
    until a retry, or None when there is none."""
    if isinstance(result, SendAccepted):
        claims.record_accepted(message=message, result=result)
        return None
    with transaction.atomic():
        locked = Message.objects.select_for_update(of=("self",)).select_related("recipient").get(
            pk=message.pk
        )
        return _record_failure(locked, result)


def _record_failure(message: Message, result: SendFailed) -> float | None:
    if result.opted_out:
        optouts.opt_out(recipient=message.recipient, channel=Channel(message.channel),
                        keyword="", source="provider-21610")
    if message.status != MessageStatus.SENDING:
        record_event(message, kind="ignored", previous=message.status,
                     error_code=result.error_code, detail=f"late send failure: {result.reason}")
        return None
    if result.retry is Retry.NO:
        move(message, result.status, provider_status=result.provider_status,
             error_code=result.error_code, detail=result.reason)
        return None
    if result.retry_after_s is not None:
        # Nothing reached the provider: the message waits for room, and this was no attempt.
        message.attempts -= 1
        delay = result.retry_after_s
    elif message.attempts >= settings.SIGNPOST_SEND_MAX_ATTEMPTS:
        move(message, MessageStatus.TECHNICAL_FAILURE, provider_status=result.provider_status,
             error_code=result.error_code,
             detail=f"gave up after {message.attempts} attempts: {result.reason}")
        return None
    else:
        delay = backoff_seconds(attempt=message.attempts, base=settings.SIGNPOST_RETRY_BASE_S,
                                cap=settings.SIGNPOST_RETRY_CAP_S)
    message.check_provider_first = message.check_provider_first or result.retry is Retry.CHECK_FIRST
    message.next_attempt_at = timezone.now() + timedelta(seconds=delay)
    move(message, MessageStatus.QUEUED, kind="retry", provider_status=result.provider_status,
         error_code=result.error_code, detail=f"{result.reason}; retry in {delay:.0f} s")
    return delay


def deliver(*, message_id: str, after_attempt: int | None = None) -> DeliveryOutcome:
    """Send one queued message (and, for email, others due) and record what happened.

    ``after_attempt``: the attempts the message had when this task was queued (None: unknown);
    if it has had more since, the task is stale and sends nothing.
    """
    outcome = DeliveryOutcome()
    claimed = _claim(message_id, after_attempt)
    if not claimed:
        return outcome
    if claimed[0].channel == Channel.SMS:
        results = [_send_sms(claimed[0])]
    else:
        results = email_provider().send_emails([_email(message) for message in claimed])
    for message, result in zip(claimed, results, strict=True):
        outcome.attempted.append(str(message.pk))
        delay = record_result(message=message, result=result)
        if delay is not None:
            outcome.retry_in[str(message.pk)] = delay
            outcome.attempts[str(message.pk)] = message.attempts
    return outcome
