"""Working days in England and Wales: Monday to Friday except bank holidays (the ``holidays``
package, subdivisions ENG and WLS, which share their bank holidays). Deadlines end at the end of
the last working day, UK time.

>>> from datetime import date
>>> add_working_days(date(2026, 12, 24), 1)  # Christmas, Boxing Day (observed) on the 28th
datetime.date(2026, 12, 29)
>>> add_working_days(date(2026, 4, 2), 5)  # Good Friday and Easter Monday skipped
datetime.date(2026, 4, 13)
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

UK = ZoneInfo("Europe/London")
SUBDIVISIONS = ("ENG", "WLS")


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    days: set[date] = set()
    for subdivision in SUBDIVISIONS:
        days.update(holidays.country_holidays("GB", subdiv=subdivision, years=year))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself never counts)."""
    found = 0
    while found < count:
        day += timedelta(days=1)
        if is_working_day(day):
            found += 1
    return day


def uk_date(moment: datetime) -> date:
    return moment.astimezone(UK).date()


def start_of(day: date) -> datetime:
    """Midnight at the start of ``day``, UK time."""
    return datetime.combine(day, time(0), tzinfo=UK)


def due_by(decided_at: datetime, working_days: int) -> datetime:
    """The end (UK time) of the ``working_days``-th working day after the decision's day."""
    last = add_working_days(uk_date(decided_at), working_days)
    return start_of(last + timedelta(days=1)) - timedelta(microseconds=1)


def working_days_after(start: datetime, end: datetime) -> int:
    """How many working days after ``start``'s UK day ``end``'s UK day is (0 if same or before)."""
    first, last = uk_date(start), uk_date(end)
    count = 0
    day = first
    while day < last:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
