"""The dashboard's trend: leaflets issued per week (or per 4 weeks over long periods), beside
the same weeks of the period before, read from the daily summaries so that a year of a large
force stays fast; only the days not yet summarised are counted live."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from portal.dashboard import Rate, Row, Scope, Table, issues_in, live_from, pct
from portal.models import IssueDaySummary

WEEK = 7
LONG_BUCKET = 28  # periods over 13 weeks are shown in blocks of 4 weeks
MAX_WEEKLY_DAYS = 13 * WEEK


@dataclass(frozen=True)
class Totals:
    issued: int = 0
    opened: int = 0


def previous(scope: Scope) -> Scope:
    """The period of the same length just before the scope's, same units."""
    if "previous" not in scope.memo:
        days = (scope.end - scope.start).days + 1
        scope.memo["previous"] = replace(scope, start=scope.start - timedelta(days=days),
                                         end=scope.start - timedelta(days=1), memo={})
    found: Scope = scope.memo["previous"]
    return found


def daily(scope: Scope) -> dict[date, Totals]:
    """Issued and opened per day: summarised days from the summaries, the rest live (kept in
    the scope's memo: the trend and the headline's comparison both read it)."""
    if "daily" in scope.memo:
        kept: dict[date, Totals] = scope.memo["daily"]
        return kept
    found: dict[date, Totals] = {}
    first_live = live_from(scope)
    units = [unit.pk for unit in scope.units]
    if first_live > scope.start:
        for row in (IssueDaySummary.objects.filter(
                dimension="channels", unit_id__in=units, day__gte=scope.start,
                day__lt=first_live).values("day").annotate(n=Sum("issued"), o=Sum("opened"))
                .order_by()):
            found[row["day"]] = Totals(row["n"], row["o"])
    for row in (issues_in(scope, live_only=True)
                .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
                .values("day").annotate(n=Count("pk"),
                                        o=Count("pk", filter=Q(first_opened_at__isnull=False)))
                .order_by()):
        was = found.get(row["day"], Totals())
        found[row["day"]] = Totals(was.issued + row["n"], was.opened + row["o"])
    scope.memo["daily"] = found
    return found


def bucket_days(scope: Scope) -> int:
    return WEEK if (scope.end - scope.start).days + 1 <= MAX_WEEKLY_DAYS else LONG_BUCKET


def _buckets(scope: Scope, size: int) -> list[Totals]:
    counts = daily(scope)
    length = (scope.end - scope.start).days + 1
    buckets = [Totals() for _ in range((length + size - 1) // size)]
    for day, totals in counts.items():
        index = (day - scope.start).days // size
        if 0 <= index < len(buckets):
            was = buckets[index]
            buckets[index] = Totals(was.issued + totals.issued, was.opened + totals.opened)
    return buckets


def change(now: int, before: int) -> Rate:
    """The change from before to now as a share of before (blank when before is 0).

    >>> str(change(120, 100)), str(change(75, 100)), change(3, 0).decimal
    ('20%', '-25%', None)
    """
    return pct(now - before, before)


def trend(scope: Scope) -> Table:
    size = bucket_days(scope)
    now, before = _buckets(scope, size), _buckets(previous(scope), size)
    rows: list[Row] = []
    periods: list[dict[str, str]] = []
    for index, (this, that) in enumerate(zip(now, before, strict=True)):
        first = scope.start + timedelta(days=index * size)
        last = min(first + timedelta(days=size - 1), scope.end)
        label = f"{first:%-d %b} to {last:%-d %b %Y}"
        periods.append({"start": first.isoformat(), "end": last.isoformat()})
        rows.append((label, this.issued, that.issued, change(this.issued, that.issued),
                     pct(this.opened, this.issued)))
    unit = "Week" if size == WEEK else "4 weeks"
    return Table("trend", f"Leaflets issued by {unit.lower()}, beside the period before",
                 (unit.lower(), "issued", "issued in the period before", "change",
                  "opened rate"), tuple(rows),
                 row_filters=tuple(periods), column_filters=(None, {}, None, None, None))


def comparison(scope: Scope) -> dict[str, object]:
    """The headline's comparison: this period against the one before, with the change."""
    before = previous(scope)
    now = sum(totals.issued for totals in daily(scope).values())
    then = sum(totals.issued for totals in daily(before).values())
    return {"start": before.start, "end": before.end, "issued": then,
            "change": change(now, then)}
