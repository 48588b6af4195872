"""The two-working-day referral standard: when a referral is due and whether it is overdue.

Working days are Monday to Friday except the bank holidays of England and Wales (the
``holidays`` package's calendar for England, which Wales shares). A referral received on a
working day counts from the next one, so one received on Friday is due by the end of Tuesday.

>>> from datetime import date
>>> due_date(date(2026, 12, 24))  # Christmas Day and Boxing Day (moved to Monday) skipped
datetime.date(2026, 12, 30)
>>> working_days_between(date(2026, 12, 24), date(2026, 12, 30))
2
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

import holidays
from django.utils import timezone

STANDARD_WORKING_DAYS = 2


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The working day ``count`` working days after ``day`` (``day`` itself not counted)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += is_working_day(day)
    return days


def due_date(received: date) -> date:
    return add_working_days(received, STANDARD_WORKING_DAYS)


@dataclass(frozen=True)
class Timeliness:
    due: date
    age_working_days: int
    overdue: bool


def timeliness(*, received: datetime, now: datetime | None = None) -> Timeliness:
    """A referral's due date, its age in working days and whether today is past the due date."""
    today = timezone.localdate(now or timezone.now())
    received_day = timezone.localdate(received)
    due = due_date(received_day)
    return Timeliness(due=due, age_working_days=working_days_between(received_day, today),
                      overdue=today > due)
