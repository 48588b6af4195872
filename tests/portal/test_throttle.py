"""Log-in throttling (portal.throttle on the shared counters): failures in the last window, per
username and per address, under keyed hashes; a good log-in clears the username's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal import throttle
from ratelimits.models import Counter

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 22, 2, 14, 58, tzinfo=UTC)
S = timedelta(seconds=1)
IP = "192.0.2.1"


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME = 3
    settings.PORTAL_LOGIN_MAX_FAILURES_PER_IP = 5
    settings.PORTAL_LOGIN_WINDOW_S = 15 * 60


def fail(username: str, at: datetime, ip: str = IP) -> None:
    throttle.record_failure(username=username, ip=ip, now=at)


def test_failures_within_the_window_lock_the_username_across_a_clock_edge():
    fail("Officer-N", T0)
    fail("officer-n ", T0 + S)  # the same username, typed differently
    assert not throttle.is_locked(username="officer-n", ip="198.51.100.1", now=T0 + 3 * S)
    fail("officer-n", T0 + 3 * S)  # 02:15:01, past a 15-minute edge of the clock
    assert throttle.is_locked(username="officer-n", ip="198.51.100.1", now=T0 + 4 * S)
    assert not throttle.is_locked(username="supervisor-n", ip="198.51.100.1", now=T0 + 4 * S)


def test_the_lock_lifts_when_the_oldest_failure_leaves_the_window():
    window = timedelta(minutes=15)
    for offset in (0, 1, 2):
        fail("officer-n", T0 + offset * S)
    assert throttle.is_locked(username="officer-n", ip="", now=T0 + window)
    assert not throttle.is_locked(username="officer-n", ip="", now=T0 + window + S)


def test_failures_from_one_address_lock_it_for_every_username():
    for n in range(5):
        fail(f"nobody-{n}", T0, ip="198.51.100.7")
    assert throttle.is_locked(username="officer-n", ip="198.51.100.7", now=T0 + S)
    assert not throttle.is_locked(username="officer-n", ip="198.51.100.8", now=T0 + S)


def test_a_good_log_in_clears_the_username_but_not_the_address():
    for n in range(3):
        fail("officer-n", T0 + n * S)
    fail("someone-else", T0, ip=IP)
    fail("someone-else", T0, ip=IP)
    throttle.clear_username(username="Officer-N")
    assert not throttle.is_locked(username="officer-n", ip="203.0.113.1", now=T0 + 3 * S)
    assert throttle.is_locked(username="officer-n", ip=IP, now=T0 + 3 * S)  # 5 from the address


def test_the_counters_hold_neither_usernames_nor_addresses_and_old_ones_go():
    fail("officer-n", T0)
    keys = " ".join(Counter.objects.values_list("key", flat=True))
    assert "officer" not in keys
    assert "192.0.2" not in keys
    assert set(Counter.objects.values_list("scope", flat=True)) == {"login-username", "login-ip"}
    fail("supervisor-n", T0 + timedelta(hours=1), ip="198.51.100.9")
    assert Counter.objects.count() == 2  # the first failure's rows were pruned
