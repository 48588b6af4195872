"""Turning a pending update into a message through the gateway, or an officer's task to call.

In order: the victim's chosen frequency; never anything about bail or release to a number
shared with the suspect; the needs assessment's safe-contact answers (not safe to text, or
asked to be called); a safe number, if given, before the number the leaflet went to; the
opt-out list. Only then is a message requested, in the victim's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from caseupdates import compliance_facts
from caseupdates.kinds import EventKind
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import CallReason, UpdateFrequency, UpdateStatus
from caseupdates.texts import TEMPLATE, render
from leaflets.contacts import contact_values
from leaflets.delivery import ABOUT_TYPE as ISSUE_ABOUT
from messaging import optouts
from messaging.models import Message, Recipient
from messaging.outbound import Content, send_to_recipient
from messaging.statuses import Channel, Origin
from referrals.models import NeedsAssessment
from referrals.needs import NO

ABOUT_TYPE = "case-update"
CALL_METHODS = frozenset({"call", "letter"})


@dataclass(frozen=True)
class Plan:
    status: UpdateStatus
    reason: CallReason | None = None
    channel: Channel | None = None
    recipient: Recipient | None = None


def _leaflet_recipient(case: VictimCase) -> tuple[Channel, Recipient] | None:
    """The recipient the leaflet went to, SMS before email."""
    sent = (Message.objects.filter(about_type=ISSUE_ABOUT,
                                   about_id=str(case.leaflet_issue_id))
            .select_related("recipient").order_by("-channel", "created_at"))
    for message in sent:  # "sms" sorts after "email": descending puts it first
        recipient = message.recipient
        if recipient.erased_at is None and (recipient.phone or recipient.email):
            return Channel(message.channel), recipient
    return None


def latest_needs(leaflet_issue_id: int) -> NeedsAssessment | None:
    """The victim's latest needs assessment for the leaflet issue: its safe-contact answers
    decide how, and whether, the case's news may reach them."""
    return (NeedsAssessment.objects.filter(leaflet_issue_id=leaflet_issue_id)
            .select_related("safe_recipient").order_by("-created_at", "-pk").first())


def plan(update: CaseUpdate) -> Plan:
    kind = EventKind(update.event.kind)
    frequency = UpdateFrequency(update.case.update_frequency)
    if frequency is UpdateFrequency.NONE or (frequency is UpdateFrequency.MAJOR
                                             and not kind.is_major):
        return Plan(UpdateStatus.NOT_WANTED)
    if update.case.shared_with_suspect and kind.is_about_release:
        return Plan(UpdateStatus.CALL_NEEDED, CallReason.SHARED_WITH_SUSPECT)
    return route(update.case)


def route(case: VictimCase) -> Plan:
    """How a message may reach the victim of the case, by the safe-contact answers and the
    opt-out list: a channel and recipient, or the reason the officer must call instead."""
    needs = latest_needs(case.leaflet_issue_id)
    answers = needs.answers if needs is not None else {}
    if answers.get("safe_to_text") == NO:
        return Plan(UpdateStatus.CALL_NEEDED, CallReason.NOT_SAFE_TO_TEXT)
    if answers.get("contact_method") in CALL_METHODS:
        return Plan(UpdateStatus.CALL_NEEDED, CallReason.CONTACT_BY_PHONE)
    safe = needs.safe_recipient if needs is not None else None
    found = ((Channel.SMS, safe) if safe is not None and safe.phone
             else _leaflet_recipient(case))
    if found is None:
        return Plan(UpdateStatus.CALL_NEEDED, CallReason.NO_CONTACT)
    channel, recipient = found
    if optouts.is_opted_out(recipient=recipient, channel=channel):
        return Plan(UpdateStatus.CALL_NEEDED, CallReason.OPTED_OUT)
    return Plan(UpdateStatus.TEXTED, channel=channel, recipient=recipient)


def _content(update: CaseUpdate, language: str) -> Content:
    event, issue = update.event, update.case.leaflet_issue
    contacts = contact_values(issue.organisation)
    text = render(language=language, kind=EventKind(event.kind),
                  force_name=contacts.force_name, crime_reference=event.crime_reference,
                  support_name=contacts.support_name, support_phone=contacts.support_phone,
                  court_at=event.court_at, court_place=event.court_place,
                  officer_note=event.officer_note)
    return Content(template=TEMPLATE, language=text.language, text=text.text,
                   subject=f"{contacts.force_name}: {event.crime_reference}")


def deliver_update(*, update_id: int) -> UpdateStatus | None:
    """Decide how a pending update reaches the victim and act on it; its new status (None when
    it was not pending: already handled)."""
    update = (CaseUpdate.objects.select_related("event", "case", "case__leaflet_issue",
                                                "case__leaflet_issue__organisation")
              .filter(pk=update_id, status=UpdateStatus.PENDING.value).first())
    if update is None:
        return None
    decided = plan(update)
    with transaction.atomic():
        claimed = CaseUpdate.objects.filter(pk=update.pk, status=UpdateStatus.PENDING.value)
        message = None
        if decided.recipient is not None and decided.channel is not None:
            language = decided.recipient.language or update.case.leaflet_issue.language
            message = send_to_recipient(
                channel=decided.channel, recipient=decided.recipient,
                content=_content(update, language), idempotency_key=f"{ABOUT_TYPE}:{update.pk}",
                origin=Origin.SYSTEM, about=(ABOUT_TYPE, str(update.pk)))
        changed = claimed.update(
            status=decided.status.value,
            call_reason=decided.reason.value if decided.reason else "",
            message=message,
            given_at=timezone.now() if decided.status is not UpdateStatus.CALL_NEEDED else None)
        if not changed:
            transaction.set_rollback(True)
            return None
        compliance_facts.forget(case_ids=[update.case_id])
    return decided.status
