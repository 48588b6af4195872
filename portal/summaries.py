"""Daily summaries behind the dashboard: a year of a large force is read from a few thousand
summary rows instead of a million issues.

``summarise_day`` rebuilds one day from the issues and messages (in one transaction); the
nightly task rebuilds the last ``PORTAL_SUMMARY_REFRESH_DAYS`` days, because opens and delivery
reports keep arriving after the day. The dashboard counts summarised days from the summaries
and every other day (today, or any day not yet built) live, so figures are never missing.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from leaflets.delivery import ABOUT_TYPE
from leaflets.models import LeafletIssue
from messaging.models import Message
from portal.models import IssueDaySummary, MessageDaySummary, SummarisedDay

IssueGroup = tuple[int, str, int, int]  # unit id, value, issued, opened
MessageGroup = tuple[str, str, str, int]  # channel, status, reason, messages
# The dimensions the dashboard groups issues by, and the issue field behind each.
DIMENSIONS = {"officer": "issued_by_id", "language": "language", "channels": "channels"}
_OPENED = Count("pk", filter=Q(first_opened_at__isnull=False))


def dimension_value(dimension: str, raw: object) -> str:
    """The stored value of a dimension: a user id, a language code, or "qr,sms".

    >>> dimension_value("channels", ["sms", "qr"]), dimension_value("officer", None)
    ('qr,sms', '')
    """
    if dimension == "channels":
        return ",".join(sorted(raw or [])) if isinstance(raw, list) else str(raw or "")
    return "" if raw is None else str(raw)


def grouped(issues: QuerySet[LeafletIssue], dimension: str) -> list[IssueGroup]:
    """Issued and opened per unit and dimension value, counted in the database."""
    field = DIMENSIONS[dimension]
    merged: dict[tuple[int, str], tuple[int, int]] = {}
    for row in (issues.values("unit_id", field).annotate(n=Count("pk"), opened=_OPENED)
                .order_by()):
        key = (row["unit_id"], dimension_value(dimension, row[field]))
        n, opened = merged.get(key, (0, 0))
        merged[key] = (n + row["n"], opened + row["opened"])
    return [(unit, value, n, opened) for (unit, value), (n, opened) in merged.items()]


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


@transaction.atomic
def summarise_day(*, day: date) -> int:
    """Rebuild one day's summaries; returns how many issues they cover."""
    since, until = day_bounds(day)
    IssueDaySummary.objects.filter(day=day).delete()
    MessageDaySummary.objects.filter(day=day).delete()
    issues = LeafletIssue.objects.filter(created_at__gte=since, created_at__lt=until,
                                         unit__isnull=False)
    rows = [IssueDaySummary(day=day, unit_id=unit, dimension=dimension, value=value,
                            issued=n, opened=opened)
            for dimension in DIMENSIONS for unit, value, n, opened in grouped(issues, dimension)]
    IssueDaySummary.objects.bulk_create(rows, batch_size=1000)
    unit_of = {str(pk): unit for pk, unit in issues.values_list("pk", "unit_id")}
    counts: Counter[tuple[int, str, str, str]] = Counter()
    keys = list(unit_of)
    for start in range(0, len(keys), 500):
        for about_id, channel, status, reason in (
                Message.objects.filter(about_type=ABOUT_TYPE, about_id__in=keys[start:start + 500])
                .values_list("about_id", "channel", "status", "reason")):
            counts[(unit_of[about_id], channel, status, reason)] += 1
    MessageDaySummary.objects.bulk_create(
        [MessageDaySummary(day=day, unit_id=unit, channel=channel, status=status, reason=reason,
                           messages=n) for (unit, channel, status, reason), n in counts.items()],
        batch_size=1000)
    SummarisedDay.objects.update_or_create(day=day)
    return sum(row.issued for row in rows if row.dimension == "channels")


def summarise_days(*, start: date, end: date) -> int:
    """Rebuild every day from start to end (inclusive); one transaction per day."""
    total, day = 0, start
    while day <= end:
        total += summarise_day(day=day)
        day += timedelta(days=1)
    return total


def first_live_day(*, start: date, end: date, today: date) -> date:
    """The first day from which the dashboard counts live: after the unbroken run of summarised
    days at the start of the period (never today or later, which are still changing)."""
    built = set(SummarisedDay.objects.filter(day__gte=start, day__lte=end)
                .values_list("day", flat=True))
    day = start
    while day <= end and day < today and day in built:
        day += timedelta(days=1)
    return day


def summarised_issue_groups(*, dimension: str, units: list[int], start: date,
                            end: date) -> list[IssueGroup]:
    rows = (IssueDaySummary.objects.filter(dimension=dimension, unit_id__in=units,
                                           day__gte=start, day__lte=end)
            .values("unit_id", "value").annotate(n=Sum("issued"), o=Sum("opened")).order_by())
    return [(row["unit_id"], row["value"], row["n"], row["o"]) for row in rows]


def summarised_message_groups(*, units: list[int], start: date, end: date
                              ) -> list[MessageGroup]:
    rows = (MessageDaySummary.objects.filter(unit_id__in=units, day__gte=start, day__lte=end)
            .values("channel", "status", "reason").annotate(n=Sum("messages"))
            .order_by())
    return [(row["channel"], row["status"], row["reason"], row["n"]) for row in rows]
