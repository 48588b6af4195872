"""Victims' Code compliance of a force's cases, by unit, officer and month, and the quarterly
figures forces return to the Ministry of Justice.

One query reads each victim case with its facts (annotated in the database); the figures are
counts of the cases meeting each measure, so every number can be drilled into.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.db.models import CharField, Count, Exists, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast

from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import GIVEN
from caseupdates.workdays import uk_date, working_days_after
from crimes.models import CrimeReport
from leaflets.delivery import ABOUT_TYPE as ISSUE_ABOUT
from messaging.models import Message
from messaging.statuses import MessageStatus as M
from organisations.models import Organisation, Unit
from referrals.models import NeedsAssessment, Referral

REFERRAL_WORKING_DAYS = 2
FAILED = (M.UNDELIVERED.value, M.PERMANENT_FAILURE.value, M.TEMPORARY_FAILURE.value,
          M.TECHNICAL_FAILURE.value)


class Measure(StrEnum):
    ACKNOWLEDGED = "acknowledged"  # written acknowledgement with the crime reference
    LEAFLET_SAME_DAY = "leaflet-same-day"  # leaflet given on the day the crime was reported
    NEEDS_ASSESSED = "needs-assessed"
    REFERRAL_OFFERED = "referral-offered"
    REFERRAL_IN_TIME = "referral-in-time"  # passed to a service within 2 working days
    UPDATES_ON_TIME = "updates-on-time"  # every update due so far given within its timescale
    VPS_OFFERED = "vps-offered"  # victim personal statement offered


LABELS: dict[Measure, str] = {
    Measure.ACKNOWLEDGED: "Written acknowledgement with crime reference",
    Measure.LEAFLET_SAME_DAY: "Leaflet given on the day of report",
    Measure.NEEDS_ASSESSED: "Needs assessed",
    Measure.REFERRAL_OFFERED: "Referral offered",
    Measure.REFERRAL_IN_TIME: "Referral passed within 2 working days",
    Measure.UPDATES_ON_TIME: "Updates within their timescales",
    Measure.VPS_OFFERED: "Victim personal statement offered",
}


@dataclass(frozen=True)
class CaseFacts:
    case_id: int
    crime_reference: str
    unit: str
    officer: str
    month: str  # YYYY-MM, UK time
    met: dict[Measure, bool | None]  # None: does not apply (no report loaded, no update due)


@dataclass
class Group:
    key: tuple[str, ...]
    cases: int = 0
    met: dict[Measure, int] = field(default_factory=lambda: dict.fromkeys(Measure, 0))
    applies: dict[Measure, int] = field(default_factory=lambda: dict.fromkeys(Measure, 0))

    def add(self, facts: CaseFacts) -> None:
        self.cases += 1
        for measure, met in facts.met.items():
            if met is not None:
                self.applies[measure] += 1
                self.met[measure] += int(met)


def _annotated(organisation: Organisation, units: Sequence[Unit], start: datetime,
               end: datetime) -> Any:
    issue_id = Cast(OuterRef("leaflet_issue_id"), output_field=CharField())
    needs = NeedsAssessment.objects.filter(leaflet_issue_id=OuterRef("leaflet_issue_id"))
    referrals = (Referral.objects.filter(crime_reference=OuterRef("crime_reference"))
                 .values("crime_reference").annotate(first=Min("created_at")).values("first"))
    report = CrimeReport.objects.filter(organisation_id=OuterRef("organisation_id"),
                                        crime_reference=OuterRef("crime_reference"))
    cases = VictimCase.objects.filter(organisation=organisation, created_at__gte=start,
                                      created_at__lt=end)
    if units:
        cases = cases.filter(unit__in=list(units))
    return cases.annotate(
        written=Exists(Message.objects.filter(about_type=ISSUE_ABOUT, about_id=issue_id)
                       .exclude(status__in=FAILED)),
        reported_at=Subquery(report.values("reported_at")[:1]),
        assessed=Exists(needs),
        support_asked=Exists(needs.filter(answers__has_key="support_wanted")
                             .exclude(answers__support_wanted="skipped")),
        vps=Exists(needs.filter(answers__vps_offered="yes")),
        first_referral=Subquery(referrals[:1]),
    ).values("pk", "crime_reference", "created_at", "unit__name", "officer__username",
             "written", "reported_at", "assessed", "support_asked", "vps", "first_referral")


def _update_counts(cases: Any, now: datetime) -> dict[int, tuple[int, int]]:
    """Case id -> (updates due so far, of them given on time), in one grouped query."""
    given = [s.value for s in GIVEN]
    rows = (CaseUpdate.objects.filter(case__in=cases.values("pk"))
            .filter(Q(status__in=given) | Q(due_at__lt=now))
            .values("case_id")
            .annotate(due=Count("pk"),
                      on_time=Count("pk", filter=Q(status__in=given, given_at__lte=F("due_at")))))
    return {row["case_id"]: (row["due"], row["on_time"]) for row in rows}


def case_facts(*, organisation: Organisation, units: Sequence[Unit], start: datetime,
               end: datetime, now: datetime) -> list[CaseFacts]:
    """The facts of every case opened in [start, end) in the units (all when none given)."""
    annotated = _annotated(organisation, units, start, end)
    updates = _update_counts(annotated, now)
    facts = []
    for row in annotated.iterator(chunk_size=5000):
        due, on_time = updates.get(row["pk"], (0, 0))
        created: datetime = row["created_at"]
        referral: datetime | None = row["first_referral"]
        reported: datetime | None = row["reported_at"]
        offered = bool(row["support_asked"] or referral)
        facts.append(CaseFacts(
            case_id=row["pk"], crime_reference=row["crime_reference"],
            unit=row["unit__name"] or "(no unit)", officer=row["officer__username"] or "(API)",
            month=uk_date(created).strftime("%Y-%m"),
            met={
                Measure.ACKNOWLEDGED: bool(row["written"]),
                Measure.LEAFLET_SAME_DAY: (None if reported is None
                                           else uk_date(reported) == uk_date(created)),
                Measure.NEEDS_ASSESSED: bool(row["assessed"]),
                Measure.REFERRAL_OFFERED: offered,
                Measure.REFERRAL_IN_TIME: (None if referral is None else working_days_after(
                    created, referral) <= REFERRAL_WORKING_DAYS),
                Measure.UPDATES_ON_TIME: None if not due else on_time >= due,
                Measure.VPS_OFFERED: bool(row["vps"]),
            }))
    return facts


def grouped(facts: Iterable[CaseFacts], *, by: Sequence[str]) -> list[Group]:
    """Groups keyed by the named fields of the facts ("unit", "officer", "month")."""
    groups: dict[tuple[str, ...], Group] = defaultdict(lambda: Group(key=()))
    for fact in facts:
        key = tuple(str(getattr(fact, name)) for name in by)
        group = groups[key]
        group.key = key
        group.add(fact)
    return [groups[key] for key in sorted(groups)]


def quarter_of(month: str) -> str:
    """'2026-11' -> '2026 Q4' (calendar quarters)."""
    year, number = month.split("-")
    return f"{year} Q{(int(number) - 1) // 3 + 1}"


MOJ_MEASURES: tuple[tuple[str, Measure], ...] = (
    ("Victims given a written acknowledgement", Measure.ACKNOWLEDGED),
    ("Victims offered a referral to support services", Measure.REFERRAL_OFFERED),
    ("Victims updated within the Code's timeframes", Measure.UPDATES_ON_TIME),
    ("Victims offered the opportunity to make a VPS", Measure.VPS_OFFERED),
)


def quarterly(facts: Iterable[CaseFacts]) -> list[tuple[str, str, int, int]]:
    """(quarter, measure, victims it applies to, victims for whom it was met), per quarter."""
    by_quarter: dict[str, Group] = defaultdict(lambda: Group(key=()))
    for fact in facts:
        by_quarter[quarter_of(fact.month)].add(fact)
    return [(quarter, label, by_quarter[quarter].applies[measure],
             by_quarter[quarter].met[measure])
            for quarter in sorted(by_quarter) for label, measure in MOJ_MEASURES]


def drill_down(facts: Iterable[CaseFacts], *, measure: Measure, met: bool,
               filters: dict[str, str]) -> list[CaseFacts]:
    """The cases behind one number: those of the group where the measure was (not) met."""
    return [fact for fact in facts
            if all(str(getattr(fact, name)) == value for name, value in filters.items())
            and fact.met[measure] is met]


def share(met: int, applies: int) -> str:
    """A percentage for pages and the CSV; "-" when the measure applies to no case."""
    return f"{100 * met / applies:.0f}%" if applies else "-"

