"""The purger of conversations with the assistant: Rasa's trackers and web-chat sessions.

A conversation whose last event is older than the period is deleted from Rasa's tracker store
(``retention.trackers``); the web chat's transcript lives in the visitor's server-side session,
so expired sessions are deleted too. Nothing the dashboard counts lives in either.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.sessions.models import Session

from retention.registry import Action, PurgeCount
from retention.trackers import purge_stale_conversations


def purge_conversations(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    trackers = purge_stale_conversations(before=before, dry_run=dry_run)
    expired = Session.objects.filter(expire_date__lt=now)
    sessions = expired.count() if dry_run else expired.delete()[0]
    return PurgeCount(Action.DELETED, trackers + sessions)
