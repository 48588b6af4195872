"""Purgers for the leaflet's records: the crime reference of an issue, and link opens.

Registered from ``LeafletsConfig.ready()``. Link opens are the only rows deleted: they are added
to ``retention.tallies`` first, so the dashboard's totals stay the same.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from leaflets.models import LeafletIssue, LinkOpen
from retention.periods import DataKind
from retention.registry import Action, PurgeCount, register
from retention.tallies import add_tallies

BATCH = 1000


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
    register(DataKind.LEAFLET_ISSUES, purge_leaflet_issues)
    register(DataKind.LINK_OPENS, purge_link_opens)
