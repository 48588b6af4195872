"""Purgers for the gateway's records and the leaflet's, and the registration of every purger.

Conversations (``retention.conversations``), needs and referrals (``retention.referrals``) have
purgers of their own module; the audit log registers its own (``audit.apps``). Rows the
dashboard counts are kept with their personal fields blanked; only link opens are deleted,
after being tallied.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from leaflets.models import LeafletIssue, LinkOpen
from messaging.models import InboundMessage, Message, OptOut, Recipient
from messaging.statuses import Channel, InboundStatus, MessageStatus
from retention.periods import DataKind
from retention.registry import Action, PurgeCount, register
from retention.tallies import add_tallies

# Messages still to be sent keep their body whatever their age.
UNSENT = (MessageStatus.CREATED.value, MessageStatus.QUEUED.value, MessageStatus.SENDING.value)
UNPROCESSED = (InboundStatus.RECEIVED.value, InboundStatus.RELAY_FAILED.value)
BATCH = 1000


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


def purge_leaflet_issues(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    """The crime reference ties an issue to a person's crime record: blank it."""
    due = LeafletIssue.objects.filter(created_at__lt=before).exclude(crime_reference="")
    if dry_run:
        return PurgeCount(Action.ERASED, due.count())
    return PurgeCount(Action.ERASED, due.update(crime_reference=""))


def link_open_key(*, organisation_id: int | None, language: str) -> str:
    return f"org:{organisation_id or '-'}|lang:{language}"


def purge_link_opens(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    due = LinkOpen.objects.filter(opened_at__lt=before)
    if dry_run:
        return PurgeCount(Action.DELETED, due.count())
    deleted = 0
    while True:
        with transaction.atomic():
            rows = list(due.select_for_update().order_by("pk")
                        .values_list("pk", "opened_at", "language", "issue__organisation_id")
                        [:BATCH])
            if not rows:
                break
            counts: Counter[tuple[date, str]] = Counter(
                (timezone.localdate(opened_at),
                 link_open_key(organisation_id=organisation, language=language))
                for _, opened_at, language, organisation in rows
            )
            add_tallies(kind=DataKind.LINK_OPENS, counts=counts)
            LinkOpen.objects.filter(pk__in=[row[0] for row in rows]).delete()
            deleted += len(rows)
    return PurgeCount(Action.DELETED, deleted)


def register_all() -> None:
    from retention.conversations import purge_conversations
    from retention.referrals import purge_needs, purge_referrals

    register(DataKind.MESSAGE_BODIES, purge_message_bodies)
    register(DataKind.INBOUND_MESSAGES, purge_inbound_messages)
    register(DataKind.CONTACT_DETAILS, purge_contact_details)
    register(DataKind.LEAFLET_ISSUES, purge_leaflet_issues)
    register(DataKind.LINK_OPENS, purge_link_opens)
    register(DataKind.CONVERSATIONS, purge_conversations)
    register(DataKind.NEEDS, purge_needs)
    register(DataKind.REFERRALS, purge_referrals)
