"""A support line's opening hours as days and times, written out in any leaflet language.

No Django dependency: the assistant formats the same hours in its replies. The force stores them
as JSON (``Organisation.support_line_opening_hours``), one entry per run of days::

    [{"days": "mon-fri", "opens": "08:00", "closes": "20:00"},
     {"days": "sat", "opens": "09:00", "closes": "17:00"}]

Day names, the time format (24-hour or with am/pm), range dashes and the list's "and" all come
from CLDR through Babel, so no English reaches a translated page.

>>> hours = parse_opening_hours([{"days": "mon-fri", "opens": "08:00", "closes": "20:00"},
...                              {"days": "sat", "opens": "09:00", "closes": "17:00"}])
>>> english = format_opening_hours(hours, "en")
>>> english.startswith("Monday"), "Friday 08:00" in english, "and Saturday 09:00" in english
(True, True, True)
>>> format_opening_hours(hours, "cy").startswith("Dydd Llun")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

from babel import Locale
from babel.dates import format_interval
from babel.lists import format_list

from i18n.languages import formatting_locale

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class OpeningPeriod:
    """Open from first_day to last_day (0 = Monday, inclusive), each day from opens to closes."""

    first_day: int
    last_day: int
    opens: time
    closes: time


def _day(key: str) -> int:
    try:
        return DAY_KEYS.index(key.strip().lower()[:3])
    except ValueError:
        raise ValueError(f"unknown day {key!r}: use one of {', '.join(DAY_KEYS)}") from None


def _time(value: object) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"not a time {value!r}: write it as HH:MM, e.g. 08:00") from None


def parse_opening_hours(data: object) -> tuple[OpeningPeriod, ...]:
    """The periods of a force's stored JSON; ValueError saying what is wrong with bad input."""
    if data in (None, ""):
        return ()
    if not isinstance(data, list):
        raise ValueError("opening hours must be a list of {days, opens, closes} entries")
    periods = []
    for entry in data:
        if not isinstance(entry, dict) or set(entry) != {"days", "opens", "closes"}:
            raise ValueError('each entry needs exactly "days", "opens" and "closes"')
        first, _, last = str(entry["days"]).partition("-")
        period = OpeningPeriod(first_day=_day(first), last_day=_day(last or first),
                               opens=_time(entry["opens"]), closes=_time(entry["closes"]))
        if period.last_day < period.first_day:
            raise ValueError(f"days {entry['days']!r} run backwards: write them Monday first")
        if period.closes <= period.opens:
            raise ValueError(f"closing time {entry['closes']} is not after {entry['opens']}")
        periods.append(period)
    return tuple(periods)


def _days(period: OpeningPeriod, locale: Locale) -> str:
    # The "format" names: Babel 2.18 resolves the "stand-alone" alias of some locales (ur, ps)
    # to whichever locale was read before.
    names = locale.days["format"]["wide"]
    if period.first_day == period.last_day:
        return str(names[period.first_day])
    between = str(locale.interval_formats.get(None, "{0}\u2013{1}"))
    return between.replace("{0}", str(names[period.first_day])).replace(
        "{1}", str(names[period.last_day]))


def format_opening_hours(periods: Iterable[OpeningPeriod], code: str) -> str:
    """The periods in the language of a catalog code ("" for none)."""
    locale = Locale.parse(formatting_locale(code))
    pattern = locale.time_formats["short"].pattern
    skeleton = "Hm" if "H" in pattern else "hm"
    parts = [f"{_days(period, locale)} "
             f"{format_interval(period.opens, period.closes, skeleton, locale=locale)}"
             for period in periods]
    if not parts:
        return ""
    joined = format_list(parts, locale=locale)
    # Two CLDR list patterns need a hand: Welsh writes "a(c)" for "a" or "ac" (a day name follows,
    # always "Dydd ...", so "a"), and Yoruba's "àti" has no space after it.
    return joined.replace(" a(c) ", " a ").replace(" àti", " àti ").replace("àti  ", "àti ")
