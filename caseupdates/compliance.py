"""Victims' Code compliance of a force's cases, by unit, officer and month, and the quarterly
figures forces return to the Ministry of Justice.

Every figure is counted by the database: each measure is a pair of per-case SQL flags (does it
apply, was it met; ``caseupdates.compliance_flags``) summed in one grouped query, so a force's
year of cases never travels into Python. The drill-down filters the same flags.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, F, Q, QuerySet, Sum

from caseupdates.compliance_flags import LABELS, Measure, flags, one_if
from caseupdates.models import VictimCase
from caseupdates.ukdates import UkMonth
from caseupdates.workdays import start_of
from organisations.models import Organisation, Unit

__all__ = ["LABELS", "CaseRow", "Group", "Measure", "Scope", "drill_down", "quarterly", "share",
           "table"]

NO_UNIT, NO_OFFICER = "(no unit)", "(API)"
# Grouping names (as in the page's links and the CSV) -> the column they read.
_COLUMNS = {"unit": "unit__name", "officer": "officer__username", "month": "month"}
# The sums are grouped by these (ids: no join to name the groups), then named in Python.
_GROUP_BY = {"unit": "unit_id", "officer": "officer_id", "month": "month"}


@dataclass(frozen=True)
class Scope:
    """The cases opened in [start, end) in the units (all the force's when none given)."""

    organisation: Organisation
    units: Sequence[Unit]
    start: datetime
    end: datetime
    now: datetime  # updates due before now count; later ones do not apply yet

    @property
    def years(self) -> range:
        """The years the cases' times and their crime reports' can fall in."""
        return range(self.start.year - 1, self.end.year + 1)


# Read once: iterating an Enum and formatting the column names for every one of a force's
# (unit, officer, month) groups was most of the table's time.
_MEASURES = tuple(Measure)
_SUM_COLUMNS = tuple((m, f"applies_{m.name}", f"met_{m.name}", f"missed_{m.name}")
                     for m in _MEASURES)


@dataclass
class Group:
    key: tuple[str, ...]
    cases: int = 0
    met: dict[Measure, int] = field(default_factory=lambda: dict.fromkeys(_MEASURES, 0))
    applies: dict[Measure, int] = field(default_factory=lambda: dict.fromkeys(_MEASURES, 0))


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    crime_reference: str
    unit: str
    officer: str
    month: str  # YYYY-MM, UK time


def _cases(scope: Scope) -> QuerySet[VictimCase]:
    cases = VictimCase.objects.filter(organisation=scope.organisation,
                                      created_at__gte=scope.start, created_at__lt=scope.end)
    if scope.units:
        cases = cases.filter(unit__in=list(scope.units))
    return cases


def _label(name: str, value: Any) -> str:
    if name == "unit":
        return str(value or NO_UNIT)
    if name == "officer":
        return str(value or NO_OFFICER)
    return str(value)


def _live_sums(scope: Scope) -> dict[str, Any]:
    sums: dict[str, Any] = {"cases": Count("pk")}
    for measure, flag in flags(now=scope.now, years=scope.years).items():
        sums[f"applies_{measure.name}"] = Sum(flag.applies)
        if flag.met is not None:
            sums[f"met_{measure.name}"] = Sum(flag.met)
        else:
            sums[f"missed_{measure.name}"] = Sum(flag.missed)
    return sums


def _facts_sums(scope: Scope) -> dict[str, Any]:
    """The same sums from the cases' stored facts (``caseupdates.compliance_facts``)."""
    due = Q(facts__open_due__lt=scope.now)
    sums: dict[str, Any] = {"cases": Count("pk")}
    stored = {Measure.ACKNOWLEDGED: (None, "acknowledged"),
              Measure.LEAFLET_SAME_DAY: ("same_day_applies", "same_day_met"),
              Measure.NEEDS_ASSESSED: (None, "needs_assessed"),
              Measure.REFERRAL_OFFERED: (None, "referral_offered"),
              Measure.REFERRAL_IN_TIME: ("referral_applies", "referral_in_time"),
              Measure.VPS_OFFERED: (None, "vps_offered")}
    for measure, (applies, met) in stored.items():
        sums[f"applies_{measure.name}"] = (Count("pk") if applies is None
                                           else Sum(f"facts__{applies}"))
        sums[f"met_{measure.name}"] = Sum(f"facts__{met}")
    updates = Measure.UPDATES_ON_TIME.name
    sums[f"applies_{updates}"] = Sum(one_if(Q(facts__updates_given=1) | due))
    sums[f"missed_{updates}"] = Sum(one_if(Q(facts__updates_late=1) | due))
    return sums


def _grouped(scope: Scope, by: Sequence[str]) -> list[dict[str, Any]]:
    """The sums per group: cases with facts from them, the others (not built yet, or changed
    since) live; a group may come back twice, once from each."""
    columns = [_GROUP_BY[name] for name in by]
    cases = _cases(scope)
    stored = (cases.filter(facts__isnull=False).annotate(month=F("facts__month"))
              if "month" in by else cases.filter(facts__isnull=False))
    rows = list(stored.values(*columns).annotate(**_facts_sums(scope)).order_by())
    live = cases.filter(facts__isnull=True).annotate(month=UkMonth("created_at",
                                                                   years=scope.years))
    return rows + list(live.values(*columns).annotate(**_live_sums(scope)).order_by())


def table(scope: Scope, *, by: Sequence[str]) -> list[Group]:
    """One row per value of the named fields ("unit", "officer", "month"), in key order."""
    rows = _grouped(scope, by)
    names: dict[str, dict[Any, str]] = {"month": {}}
    if "unit" in by:
        names["unit"] = dict(Unit.objects.filter(pk__in={row["unit_id"] for row in rows})
                             .values_list("pk", "name"))
    if "officer" in by:
        names["officer"] = dict(User.objects.filter(pk__in={row["officer_id"] for row in rows})
                                .values_list("pk", "username"))
    groups: dict[tuple[str, ...], Group] = {}
    labels = [(name, _GROUP_BY[name], names[name]) for name in by]
    for row in rows:
        key = tuple(_label(name, known.get(row[column], row[column]))
                    for name, column, known in labels)
        # Two units (or officers) with the same name share a row, as they share a label.
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(key=key)
        group.cases += row["cases"]
        group_applies, group_met = group.applies, group.met
        for measure, applies_column, met_column, missed_column in _SUM_COLUMNS:
            applies = row[applies_column] or 0
            group_applies[measure] += applies
            met = row.get(met_column)
            group_met[measure] += (met or 0 if met_column in row
                                   else applies - (row[missed_column] or 0))
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


def quarterly(scope: Scope) -> list[tuple[str, str, int, int]]:
    """(quarter, measure, victims it applies to, victims for whom it was met), per quarter."""
    by_quarter: dict[str, Group] = defaultdict(lambda: Group(key=()))
    for month in table(scope, by=("month",)):
        quarter = by_quarter[quarter_of(month.key[0])]
        for measure in Measure:
            quarter.applies[measure] += month.applies[measure]
            quarter.met[measure] += month.met[measure]
    return [(quarter, label, by_quarter[quarter].applies[measure],
             by_quarter[quarter].met[measure])
            for quarter in sorted(by_quarter) for label, measure in MOJ_MEASURES]


def _matching(cases: QuerySet[VictimCase], filters: dict[str, str]) -> QuerySet[VictimCase]:
    for name, value in filters.items():
        if name == "month":
            try:
                first = datetime.strptime(value, "%Y-%m").date()
            except ValueError:
                return cases.none()
            after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            cases = cases.filter(created_at__gte=start_of(first), created_at__lt=start_of(after))
        elif name in ("unit", "officer"):
            column = _COLUMNS[name]
            empty = NO_UNIT if name == "unit" else NO_OFFICER
            cases = (cases.filter(**{f"{name}__isnull": True}) if value == empty
                     else cases.filter(**{column: value}))
    return cases


def drill_down(scope: Scope, *, measure: Measure, met: bool, filters: dict[str, str]
               ) -> list[CaseRow]:
    """The cases behind one number: those of the group where the measure was (not) met."""
    flag = flags(now=scope.now, years=scope.years)[measure]
    cases = (_matching(_cases(scope), filters)
             .annotate(month=UkMonth("created_at", years=scope.years))
             .alias(applies=flag.applies).filter(applies=1))
    if flag.met is not None:
        cases = cases.alias(met=flag.met).filter(met=int(met))
    else:
        cases = cases.alias(missed=flag.missed).filter(missed=int(not met))
    cases = cases.order_by("created_at", "pk")
    return [CaseRow(case_id=row["pk"], crime_reference=row["crime_reference"],
                    unit=_label("unit", row["unit__name"]),
                    officer=_label("officer", row["officer__username"]),
                    month=_label("month", row["month"]))
            for row in cases.values("pk", "crime_reference", "unit__name", "officer__username",
                                    "month")]


def share(met: int, applies: int) -> str:
    """A percentage for pages and the CSV; "-" when the measure applies to no case."""
    return f"{100 * met / applies:.0f}%" if applies else "-"
