"""Retention of case events (their notes and court places blanked) and of update texts.

Events past ``case-events`` keep their kind and times (the compliance figures count them) but
lose the officer's note and the court's place. Update texts past ``case-update-texts`` are
blanked in the gateway's records, sooner than other messages: they say what happened in a case.
"""

from __future__ import annotations

from datetime import datetime

from caseupdates.delivery import ABOUT_TYPE
from caseupdates.models import CaseEvent, OfficerReply
from caseupdates.replies import ABOUT_TYPE as REPLY_ABOUT
from messaging.models import Message
from messaging.statuses import MessageStatus as M
from retention.periods import DataKind
from retention.registry import Action, PurgeCount, register

UNSENT = (M.CREATED.value, M.QUEUED.value, M.SENDING.value)


def purge_case_events(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    due = (CaseEvent.objects.filter(received_at__lt=before)
           .exclude(officer_note="", court_place=""))
    if dry_run:
        return PurgeCount(Action.ERASED, due.count())
    count = 0
    # Encrypted fields: blanked row by row through the field (an empty value stays empty).
    for event in due.iterator():
        event.officer_note = ""
        event.court_place = ""
        event.save(update_fields=["officer_note", "court_place"])
        count += 1
    return PurgeCount(Action.ERASED, count)


def purge_update_texts(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    """Update texts and the officers' messages (the gateway's copy and the case's own)."""
    due = (Message.objects.filter(about_type__in=[ABOUT_TYPE, REPLY_ABOUT], created_at__lt=before)
           .exclude(status__in=UNSENT).exclude(body_text="", body_html="", subject=""))
    replies = OfficerReply.objects.filter(created_at__lt=before).exclude(body="")
    if dry_run:
        return PurgeCount(Action.ERASED, due.count() + replies.count())
    count = due.update(body_text="", body_html="", subject="")
    for reply in replies.iterator():
        reply.body = ""
        reply.save(update_fields=["body"])
        count += 1
    return PurgeCount(Action.ERASED, count)


def register_all() -> None:
    register(DataKind.CASE_EVENTS, purge_case_events)
    register(DataKind.CASE_UPDATE_TEXTS, purge_update_texts)
