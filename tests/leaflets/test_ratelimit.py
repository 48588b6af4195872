"""Link-token guessing (leaflets.ratelimit on the shared counters): unknown tokens per client in
the last window; the log says counts, never the address. The pages' 429 answers are tested in
tests/hardening/test_public_pages_hostile.py."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory

from leaflets import ratelimit
from ratelimits.models import Counter

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 22, 2, 9, 59, tzinfo=UTC)
ADDRESS = "203.0.113.77"


@pytest.fixture
def client_key(settings) -> str:
    settings.LEAFLET_LINK_FAILURES_PER_WINDOW = 3
    settings.LEAFLET_LINK_FAILURE_WINDOW_S = 600
    return ratelimit.client_key(RequestFactory().get("/l/x", REMOTE_ADDR=ADDRESS))


def test_unknown_tokens_block_the_client_at_the_limit_and_log_counts_only(client_key, caplog):
    caplog.set_level(logging.INFO, logger="leaflets.ratelimit")
    counts = [ratelimit.record_failure(client=client_key, now=T0 + timedelta(seconds=n))
              for n in range(3)]
    assert counts == [1, 2, 3]
    assert not ratelimit.is_blocked(client=client_key, now=T0 + timedelta(seconds=1))
    assert ratelimit.is_blocked(client=client_key, now=T0 + timedelta(seconds=3))
    messages = [record.getMessage() for record in caplog.records]
    assert messages[-1] == ("link tokens: a client reached 3 unknown tokens within 600 s; "
                            "answering 429 until the window passes")
    assert [r.levelname for r in caplog.records] == ["INFO", "INFO", "WARNING"]
    assert ADDRESS not in "\n".join(messages)
    assert ADDRESS not in " ".join(Counter.objects.values_list("key", flat=True))


def test_the_block_lifts_as_the_failures_leave_the_window(client_key):
    for n in range(3):
        ratelimit.record_failure(client=client_key, now=T0 + timedelta(seconds=n))
    window = timedelta(seconds=600)
    assert ratelimit.is_blocked(client=client_key, now=T0 + window)
    assert not ratelimit.is_blocked(client=client_key, now=T0 + window + timedelta(seconds=1))


def test_clients_are_counted_apart(client_key):
    other = ratelimit.client_key(RequestFactory().get("/l/x", REMOTE_ADDR="203.0.113.78"))
    assert other != client_key
    for _ in range(3):
        ratelimit.record_failure(client=client_key, now=T0)
    assert not ratelimit.is_blocked(client=other, now=T0)
