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

from django.db.models import CharField, Count, F, Min, Q
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


def _cases(organisation: Organisation, units: Sequence[Unit], start: datetime,
           end: datetime) -> Any:
    cases = VictimCase.objects.filter(organisation=organisation, created_at__gte=start,
                                      created_at__lt=end)
    return cases.filter(unit__in=list(units)) if units else cases


@dataclass(frozen=True)
class _Facts:
    """What one pass over each related table says, keyed by leaflet issue or crime reference.

    One query per table over the chosen cases (not one subquery per case): a force's year is
    tens of thousands of cases.
    """

    written: set[int]  # leaflet issues whose SMS or email did not fail
    needs: dict[int, dict[str, Any]]  # leaflet issue -> the latest needs answers
    reported: dict[str, datetime]  # crime reference -> reported at
    referred: dict[str, datetime]  # crime reference -> first referral


def _related(organisation: Organisation, cases: Any) -> _Facts:
    issue_ids = cases.annotate(text_id=Cast("leaflet_issue_id", output_field=CharField()))
    written = {int(about_id) for about_id in Message.objects.filter(
        about_type=ISSUE_ABOUT, about_id__in=issue_ids.values("text_id"))
        .exclude(status__in=FAILED).values_list("about_id", flat=True).distinct()}
    needs: dict[int, dict[str, Any]] = {}
    for issue_id, answers in (NeedsAssessment.objects
                              .filter(leaflet_issue_id__in=cases.values("leaflet_issue_id"))
                              .order_by("created_at").values_list("leaflet_issue_id",
                                                                  "answers")):
        needs[issue_id] = answers or {}
    references = cases.values("crime_reference")
    reported = dict(CrimeReport.objects.filter(organisation=organisation,
                                               crime_reference__in=references)
                    .values_list("crime_reference", "reported_at"))
    referred = dict(Referral.objects.filter(crime_reference__in=references)
                    .values("crime_reference").annotate(first=Min("created_at"))
                    .values_list("crime_reference", "first"))
    return _Facts(written=written, needs=needs, reported=reported, referred=referred)


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
    cases = _cases(organisation, units, start, end)
    related = _related(organisation, cases)
    updates = _update_counts(cases, now)
    facts = []
    for row in cases.values("pk", "leaflet_issue_id", "crime_reference", "created_at",
                            "unit__name", "officer__username").iterator(chunk_size=5000):
        created: datetime = row["created_at"]
        reference: str = row["crime_reference"]
        due, on_time = updates.get(row["pk"], (0, 0))
        answers = related.needs.get(row["leaflet_issue_id"])
        referral = related.referred.get(reference)
        reported = related.reported.get(reference)
        support = answers.get("support_wanted", "skipped") if answers else "skipped"
        facts.append(CaseFacts(
            case_id=row["pk"], crime_reference=reference,
            unit=row["unit__name"] or "(no unit)", officer=row["officer__username"] or "(API)",
            month=uk_date(created).strftime("%Y-%m"),
            met={
                Measure.ACKNOWLEDGED: row["leaflet_issue_id"] in related.written,
                Measure.LEAFLET_SAME_DAY: (None if reported is None
                                           else uk_date(reported) == uk_date(created)),
                Measure.NEEDS_ASSESSED: answers is not None,
                Measure.REFERRAL_OFFERED: support != "skipped" or referral is not None,
                Measure.REFERRAL_IN_TIME: (None if referral is None else working_days_after(
                    created, referral) <= REFERRAL_WORKING_DAYS),
                Measure.UPDATES_ON_TIME: None if not due else on_time >= due,
                Measure.VPS_OFFERED: bool(answers and answers.get("vps_offered") == "yes"),
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

