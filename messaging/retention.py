"""Purgers for the gateway's records: message bodies, received texts and contact details.

Registered from ``MessagingConfig.ready()``. Rows the dashboard counts are kept with their
personal fields blanked.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from messaging.models import InboundMessage, Message, OptOut, Recipient
from messaging.statuses import Channel, InboundStatus, MessageStatus
from retention.periods import DataKind
from retention.registry import Action, PurgeCount, register

# Messages still to be sent keep their body whatever their age.
UNSENT = (MessageStatus.CREATED.value, MessageStatus.QUEUED.value, MessageStatus.SENDING.value)
UNPROCESSED = (InboundStatus.RECEIVED.value, InboundStatus.RELAY_FAILED.value)


def purge_message_bodies(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    due = (Message.objects.filter(created_at__lt=before).exclude(status__in=UNSENT)
           .exclude(body_text="", body_html="", subject=""))
    if dry_run:
        return PurgeCount(Action.ERASED, due.count())
    return PurgeCount(Action.ERASED, due.update(body_text="", body_html="", subject=""))


def purge_inbound_messages(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    due = (InboundMessage.objects.filter(received_at__lt=before)
           .exclude(status__in=UNPROCESSED).exclude(body=""))
    if dry_run:
        return PurgeCount(Action.ERASED, due.count())
    return PurgeCount(Action.ERASED, due.update(body=""))


def _contact_details_due(before: datetime) -> tuple[Q, Q]:
    recent_message = Message.objects.filter(recipient=OuterRef("pk")).filter(
        Q(created_at__gte=before) | Q(status__in=UNSENT))
    recent_inbound = InboundMessage.objects.filter(recipient=OuterRef("pk")).filter(
        Q(received_at__gte=before) | Q(status__in=UNPROCESSED))
    opted_out = OptOut.objects.filter(recipient=OuterRef("pk"), channel=Channel.SMS.value,
                                      ended_at__isnull=True)
    quiet = Q(erased_at__isnull=True, created_at__lt=before) & ~Q(Exists(recent_message)) & ~Q(
        Exists(recent_inbound))
    return quiet, Q(Exists(opted_out))


def purge_contact_details(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    """Blank the phone and email of recipients with no activity in the period.

    A recipient who texted STOP keeps the keyed index of the number (not the number): if the same
    number is given again, the opt-out still holds.
    """
    quiet, opted_out = _contact_details_due(before)
    due = Recipient.objects.filter(quiet)
    if dry_run:
        return PurgeCount(Action.ERASED, due.count())
    with transaction.atomic():
        kept = due.filter(opted_out).update(phone="", email="", email_index="", erased_at=now)
        erased = due.exclude(opted_out).update(phone="", email="", phone_index="",
                                               email_index="", erased_at=now)
    return PurgeCount(Action.ERASED, kept + erased)


def register_all() -> None:
    register(DataKind.MESSAGE_BODIES, purge_message_bodies)
    register(DataKind.INBOUND_MESSAGES, purge_inbound_messages)
    register(DataKind.CONTACT_DETAILS, purge_contact_details)
