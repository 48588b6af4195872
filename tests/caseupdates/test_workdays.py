"""Working days in England and Wales, and the deadlines built on them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from caseupdates.workdays import add_working_days, due_by, is_working_day, working_days_after


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 12, 25), False),  # Christmas Day
    (date(2026, 12, 28), False),  # Boxing Day observed (the 26th is a Saturday)
    (date(2026, 8, 31), False),  # late summer bank holiday (England and Wales, not Scotland)
    (date(2026, 12, 12), False),  # a Saturday
    (date(2026, 12, 7), True),
])
def test_bank_holidays_and_weekends_are_not_working_days(day, working):
    assert is_working_day(day) is working


def test_five_working_days_skip_the_easter_weekend():
    assert add_working_days(date(2026, 4, 2), 5) == date(2026, 4, 13)


def test_a_deadline_ends_at_the_end_of_the_day_uk_time():
    # Friday 11 Dec 2026 15:00 UTC: one working day -> the end of Monday 14 Dec in London.
    due = due_by(datetime(2026, 12, 11, 15, 0, tzinfo=UTC), 1)
    assert due.astimezone(UTC) == datetime(2026, 12, 14, 23, 59, 59, 999999, tzinfo=UTC)


def test_a_late_evening_decision_counts_from_its_uk_day():
    # 23:30 UTC on 30 June is already 1 July in London (BST).
    due = due_by(datetime(2026, 6, 30, 23, 30, tzinfo=UTC), 1)
    assert due.date() == date(2026, 7, 2)


def test_working_days_after_counts_only_working_days():
    assert working_days_after(datetime(2026, 12, 24, 9, tzinfo=UTC),
                              datetime(2026, 12, 29, 9, tzinfo=UTC)) == 1


def test_the_stored_referral_deadline_agrees_with_counting_working_days():
    from caseupdates.deadlines import REFERRAL_WORKING_DAYS, referral_due_before

    for day in range(0, 400, 3):  # a year and more, across bank holidays and clock changes
        created = datetime(2026, 1, 1, 23, 30, tzinfo=UTC) + timedelta(days=day)
        deadline = referral_due_before(created)
        for hours in range(-30, 24 * 9, 7):
            referred = created + timedelta(hours=hours)
            in_time = working_days_after(created, referred) <= REFERRAL_WORKING_DAYS
            assert in_time == (referred < deadline), (created, referred)


def test_the_summer_time_sqlite_is_told_of_agrees_with_the_time_zone_database():
    from caseupdates.ukdates import summer_time
    from caseupdates.workdays import UK

    for year in range(2020, 2036):
        start, end = summer_time(year)
        for moment, summer in ((start - timedelta(minutes=1), False), (start, True),
                               (end - timedelta(minutes=1), True), (end, False)):
            assert bool(moment.astimezone(UK).dst()) is summer, moment
