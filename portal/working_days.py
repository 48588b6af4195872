"""Working days in England and Wales: Monday to Friday except bank holidays (the ``holidays``
package's calendar for England, which Wales shares).

>>> from datetime import date
>>> add_working_days(date(2026, 12, 24), 2)  # Christmas Day and Boxing Day (Monday) skipped
datetime.date(2026, 12, 30)
>>> add_working_days(date(2026, 12, 4), 2)  # a Friday: due by the end of Tuesday
datetime.date(2026, 12, 8)
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays


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
