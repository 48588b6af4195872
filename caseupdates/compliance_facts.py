"""Per-case compliance facts (``CaseFacts``): computed by the live figures' own SQL flags, kept
so that a force's year is summed from one table instead of a dozen look-ups per case.

A case's facts are deleted when something its figures depend on changes (``forget``): the
case-update code does so as it changes an update, and a minute sweep (``refresh_changed``)
forgets and rebuilds the facts of cases whose leaflet text, needs assessment, referral or crime
report changed in the last minutes, then builds the facts of every case that has none. A case
without facts is counted live, so the figures never miss one; the nightly ``refresh`` of every
case catches what no timestamp shows (retention blanking old referrals and needs).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, Expression, F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from caseupdates.compliance_flags import Measure, flags, one_if
from caseupdates.models import CaseFacts, CaseUpdate, VictimCase
from caseupdates.statuses import GIVEN
from caseupdates.ukdates import UkMonth
from crimes.models import CrimeReport
from leaflets.delivery import ABOUT_TYPE as ISSUE_ABOUT
from messaging.models import Message
from referrals.models import NeedsAssessment, Referral

BATCH = 2000
# How far back the minute sweep looks for changed rows: a few missed minutes (a slow or
# restarted worker) are covered by the overlap.
LOOK_BACK = timedelta(minutes=5)
RECENT = timedelta(days=60)


def _expressions(years: range) -> dict[str, Expression | Subquery]:
    live = flags(now=timezone.now(), years=years)  # ``now`` only matters to updates: not used
    given = [status.value for status in GIVEN]
    updates = CaseUpdate.objects.filter(case_id=OuterRef("pk"))
    told = updates.filter(status__in=given)
    on_time = Q(given_at__lte=F("due_at"))

    def met(measure: Measure) -> Expression:
        value = live[measure].met
        assert value is not None  # noqa: S101 (every measure but updates has "met")
        return value

    return {
        "month": UkMonth("created_at", years=years),
        "acknowledged": met(Measure.ACKNOWLEDGED),
        "same_day_applies": live[Measure.LEAFLET_SAME_DAY].applies,
        "same_day_met": met(Measure.LEAFLET_SAME_DAY),
        "needs_assessed": met(Measure.NEEDS_ASSESSED),
        "referral_offered": met(Measure.REFERRAL_OFFERED),
        "referral_applies": live[Measure.REFERRAL_IN_TIME].applies,
        "referral_in_time": met(Measure.REFERRAL_IN_TIME),
        "vps_offered": met(Measure.VPS_OFFERED),
        "updates_given": one_if(Exists(told)),
        "updates_late": one_if(Exists(told.exclude(on_time))),
        "open_due": Subquery(updates.exclude(status__in=given).order_by("due_at")
                             .values("due_at")[:1]),
    }


def refresh(*, cases: QuerySet[VictimCase]) -> int:
    """Build (again) the facts of these cases; how many."""
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    built = 0
    for first in range(0, len(ids), BATCH):
        chunk = VictimCase.objects.filter(pk__in=ids[first:first + BATCH])
        bounds = chunk.aggregate(first=Min("created_at"), last=Max("created_at"))
        if bounds["first"] is None:
            continue
        expressions = _expressions(range(bounds["first"].year - 1, bounds["last"].year + 1))
        rows = list(chunk.annotate(**expressions).values("pk", *expressions))
        with transaction.atomic():
            CaseFacts.objects.filter(case__in=chunk).delete()
            CaseFacts.objects.bulk_create([CaseFacts(case_id=row.pop("pk"), **row)
                                           for row in rows])
        built += len(rows)
    return built


def forget(*, case_ids: Iterable[int]) -> None:
    """The facts of these cases no longer hold: count them live until they are rebuilt."""
    CaseFacts.objects.filter(case_id__in=list(case_ids)).delete()


def _changed_since(since: datetime) -> Q:
    """Cases whose leaflet text, needs assessment, referral or crime report changed since then
    (a reference changed in another force only costs that case a rebuild). Texts, needs and
    referrals are looked for among those created in the last ``RECENT`` (their indexed
    column): later changes (retention) wait for the nightly rebuild."""
    recent = since - RECENT
    issues = (Message.objects.filter(about_type=ISSUE_ABOUT, created_at__gte=recent,
                                     updated_at__gte=since).values_list("about_id", flat=True))
    needs = (NeedsAssessment.objects.filter(created_at__gte=recent, updated_at__gte=since)
             .values_list("leaflet_issue_id", flat=True))
    referrals = (Referral.objects.filter(created_at__gte=recent, updated_at__gte=since)
                 .values_list("crime_reference", flat=True))
    reports = CrimeReport.objects.filter(loaded_at__gte=since).values_list("crime_reference",
                                                                         flat=True)
    return (Q(leaflet_issue_id__in=[int(pk) for pk in issues if pk.isdigit()] + list(needs))
            | Q(crime_reference__in=[*referrals, *reports]))


def refresh_changed(*, now: datetime, limit: int = 5000) -> int:
    """The minute sweep: forget the facts of cases whose inputs changed lately, then build the
    facts of (up to ``limit``) cases that have none; how many were built."""
    changed = VictimCase.objects.filter(_changed_since(now - LOOK_BACK), facts__isnull=False)
    forget(case_ids=changed.values_list("pk", flat=True))
    missing = VictimCase.objects.filter(facts__isnull=True).order_by("pk")[:limit]
    return refresh(cases=VictimCase.objects.filter(pk__in=list(
        missing.values_list("pk", flat=True))))
