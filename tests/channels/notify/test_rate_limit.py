"""Notify's rate limit is one budget per API key, shared by every worker process: counted on the
shared counters, not in a process's memory."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from channels.notify import adapter, pacing
from messaging.models import Message
from messaging.results import OutboundSms, Retry, SendAccepted, SendFailed
from messaging.statuses import MessageStatus
from ratelimits.models import Counter
from tests.messaging.support import queue_sms, run_queue

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 7, 9, 0, 40, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Django's clock, held at ``clock.now`` (every process reads the same wall clock)."""

    class Clock:
        now = START

    monkeypatch.setattr("django.utils.timezone.now", lambda: Clock.now)
    return Clock


def a_new_process() -> None:
    """What a second worker process starts with: none of this process's module state."""
    importlib.reload(pacing)


def send(n: int) -> Any:
    return adapter.send_sms(OutboundSms(message_id=f"00000000-0000-4000-8000-{n:012d}",
                                        to="+447700900111", body="hello"))


def sent_to_notify(notify: Any) -> int:
    return len(notify.get("/_emulator/notifications")["notifications"])


def test_two_processes_together_never_exceed_the_budget(notify, settings, clock):
    settings.NOTIFY_RATE_PER_MINUTE = 3
    first = [send(n) for n in range(2)]
    a_new_process()
    second = [send(n) for n in range(2, 5)]
    assert all(isinstance(result, SendAccepted) for result in first)
    assert [isinstance(result, SendAccepted) for result in second] == [True, False, False]
    assert sent_to_notify(notify) == 3


def test_over_budget_is_a_retryable_failure_until_the_next_minute(notify, settings, clock):
    settings.NOTIFY_RATE_PER_MINUTE = 1
    send(0)
    refused = send(1)
    assert isinstance(refused, SendFailed)
    assert refused.retry is Retry.YES
    assert refused.retry_after_s == 20.0  # 09:00:40 -> 09:01:00
    assert sent_to_notify(notify) == 1


def test_a_new_minute_sends_again(notify, settings, clock):
    settings.NOTIFY_RATE_PER_MINUTE = 1
    send(0)
    assert isinstance(send(1), SendFailed)
    clock.now = START + timedelta(seconds=20)
    a_new_process()
    assert isinstance(send(2), SendAccepted)
    assert sent_to_notify(notify) == 2


def test_the_counter_names_no_api_key(notify, settings, clock):
    send(0)
    keys = list(Counter.objects.filter(scope=pacing.SCOPE).values_list("key", flat=True))
    assert len(keys) == 1
    assert settings.NOTIFY_API_KEY not in keys[0]
    assert settings.NOTIFY_API_KEY[-36:] not in keys[0]


def test_a_held_back_message_waits_for_the_next_minute_without_spending_an_attempt(
        notify, fake_queue, settings, clock):
    settings.NOTIFY_RATE_PER_MINUTE = 1
    settings.SIGNPOST_SEND_MAX_ATTEMPTS = 1
    queue_sms(key="a")
    second = queue_sms(key="b")
    run_queue(fake_queue)
    second = Message.objects.get(pk=second.pk)
    assert second.status == MessageStatus.QUEUED  # not given up, though attempts are 1 at most
    assert second.attempts == 0
    assert (str(second.pk), 20.0) in [(mid, delay) for mid, delay in fake_queue.delayed]
    assert sent_to_notify(notify) == 1
