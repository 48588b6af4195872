"""The per-sender queue: one number's flood holds one relay task and delays only itself; other
victims' texts are relayed in turn; nothing is lost or relayed twice, even when a worker dies."""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from messaging import queue, turns
from messaging.inbound import receive_sms, relay_turn
from messaging.models import InboundMessage, Message, RelayTurn
from messaging.statuses import InboundStatus
from messaging.sweep import sweep
from messaging.tasks import process_inbound_task
from tests.messaging.support import run_relays

pytestmark = pytest.mark.django_db

FLOODER, VICTIM = "+447700900111", "+447700900222"
FLOOD = 200


def text_in(body: str, *, sid: str, phone: str) -> InboundMessage:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return receive_sms(provider_id=sid, from_phone=phone, body=body).inbound


def said(assistant: Any) -> list[str]:
    return [str(received["message"]) for received in assistant.received]


def flood_with_one_victim(victim_after: int = 100) -> None:
    for n in range(FLOOD):
        text_in(f"spam n{n}", sid=f"SMF{n}", phone=FLOODER)
        if n == victim_after:
            text_in("I was burgled, what now?", sid="SMV", phone=VICTIM)


def assert_nothing_lost_nor_relayed_twice(assistant: Any, *, limit: int) -> None:
    flood = InboundMessage.objects.filter(provider_id__startswith="SMF")
    assert flood.count() == FLOOD  # every text kept
    assert flood.filter(status=InboundStatus.RELAYED).count() == limit
    assert flood.filter(status=InboundStatus.STORED).count() == FLOOD - limit
    assert InboundMessage.objects.get(provider_id="SMV").status == InboundStatus.RELAYED
    counts = Counter(said(assistant))
    assert max(counts.values()) == 1  # nothing relayed twice
    assert len(counts) == limit + 1
    # The flood is answered only by the capped replies: one each within the limit, one
    # "slow down", then silence.
    templates = Counter(Message.objects.filter(recipient__inbound__provider_id="SMF0")
                        .values_list("template", flat=True))
    assert templates == {"assistant-reply": limit, "inbound-slow-down": 1}


def test_a_flood_holds_one_task_and_another_victim_is_relayed_before_most_of_it(
        gateway_settings, fake_queue, assistant):
    flood_with_one_victim()
    flooder = InboundMessage.objects.get(provider_id="SMF0").recipient_id
    victim = InboundMessage.objects.get(provider_id="SMV").recipient_id
    # 30 texts of the flood wait for the assistant, with one task between them.
    assert fake_queue.conversations == [flooder, victim]
    run_relays(fake_queue)
    relayed = said(assistant)
    # Only one text of the flood (its turn was queued first) goes before the victim's.
    assert relayed.index("I was burgled, what now?") == 1
    assert_nothing_lost_nor_relayed_twice(assistant, limit=30)
    assert not RelayTurn.objects.exists()  # both conversations left the queue


def test_a_danger_text_jumps_its_conversations_queue_and_the_others(
        gateway_settings, fake_queue, assistant):
    for n in range(5):
        text_in(f"spam n{n}", sid=f"SMF{n}", phone=FLOODER)
    text_in("hello", sid="SMV", phone=VICTIM)
    text_in("he is at my door with a knife", sid="SMD", phone=FLOODER)
    run_relays(fake_queue)
    assert said(assistant) == ["he is at my door with a knife", "hello", "spam n0", "spam n1",
                               "spam n2", "spam n3", "spam n4"]


def test_a_text_arriving_while_its_conversation_is_relayed_joins_that_turn(
        gateway_settings, fake_queue, assistant):
    first = text_in("first", sid="SM1", phone=VICTIM)
    [turn] = fake_queue.relays
    fake_queue.relays.clear()
    assert turns.claim(recipient_id=turn.recipient_id, token=turn.token)
    text_in("second", sid="SM2", phone=VICTIM)
    assert fake_queue.relays == []  # no second task: the running one will see it
    with TestCase.captureOnCommitCallbacks(execute=True):
        turns.end(recipient_id=turn.recipient_id, token=turn.token, retry_in=None)
    run_relays(fake_queue)
    assert said(assistant) == ["first", "second"]
    first.refresh_from_db()
    assert first.status == InboundStatus.RELAYED


def test_a_replaced_task_does_nothing(gateway_settings, fake_queue, assistant):
    text_in("hello", sid="SM1", phone=VICTIM)
    [stale] = fake_queue.relays
    RelayTurn.objects.update(token="00000000-0000-0000-0000-000000000000")
    with TestCase.captureOnCommitCallbacks(execute=True):
        relay_turn(recipient_id=stale.recipient_id, token=stale.token)
    assert said(assistant) == []
    assert InboundMessage.objects.get().status == InboundStatus.RECEIVED


def test_a_worker_killed_mid_relay_loses_nothing_and_the_sweep_resumes_the_conversation(
        gateway_settings, fake_queue, assistant, settings):
    settings.SIGNPOST_SWEEP_STUCK_S = 60
    text_in("first", sid="SM1", phone=VICTIM)
    text_in("second", sid="SM2", phone=VICTIM)
    [lost] = fake_queue.relays
    fake_queue.relays.clear()
    # The worker took the turn, then died before relaying (SIGKILL: nothing more written).
    assert turns.claim(recipient_id=lost.recipient_id, token=lost.token)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert sweep().requeued_inbound == 0  # its heartbeat is recent: left alone
    assert fake_queue.relays == []
    RelayTurn.objects.update(running_since=timezone.now() - timedelta(seconds=120))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert sweep().requeued_inbound == 1
    run_relays(fake_queue)
    with TestCase.captureOnCommitCallbacks(execute=True):
        relay_turn(recipient_id=lost.recipient_id, token=lost.token)  # the dead task's token
    assert said(assistant) == ["first", "second"]
    assert set(InboundMessage.objects.values_list("status", flat=True)) == {
        InboundStatus.RELAYED}
    assert not RelayTurn.objects.exists()


def test_a_turn_whose_task_was_never_queued_is_queued_by_the_sweep(
        gateway_settings, fake_queue, assistant, settings):
    settings.SIGNPOST_SWEEP_STUCK_S = 60
    text_in("hello", sid="SM1", phone=VICTIM)
    fake_queue.relays.clear()  # the queue was down
    RelayTurn.objects.update(due_at=timezone.now() - timedelta(seconds=120))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert sweep().requeued_inbound == 1
    run_relays(fake_queue)
    assert said(assistant) == ["hello"]


class HueyLikeQueue:
    """Higher priority first, then first in first out, as Huey's Redis and SQLite queues."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, queue.RelayDispatch]] = []
        self._order = itertools.count()
        self._lock = threading.Lock()

    def put(self, dispatch: queue.RelayDispatch) -> None:
        priority = 2 if dispatch.urgent else 1
        with self._lock:
            heapq.heappush(self._heap, (-priority, next(self._order), dispatch))

    def get(self) -> queue.RelayDispatch | None:
        with self._lock:
            return heapq.heappop(self._heap)[2] if self._heap else None


def _worker(tasks: HueyLikeQueue, stop: threading.Event, errors: list[BaseException]) -> None:
    try:
        while not stop.is_set():
            dispatch = tasks.get()
            if dispatch is None:
                time.sleep(0.005)
                continue
            relay_turn(recipient_id=dispatch.recipient_id, token=dispatch.token)
    except BaseException as error:  # re-raised by the test
        errors.append(error)
    finally:
        connection.close()


@pytest.mark.scaled
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_with_two_workers_the_victim_goes_before_the_flood(
        gateway_settings, assistant, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent workers need PostgreSQL (the scaled run)")
    tasks = HueyLikeQueue()
    monkeypatch.setattr(queue, "enqueue_relay", tasks.put)
    monkeypatch.setattr(queue, "enqueue_send", lambda *args, **kwargs: None)
    flood_with_one_victim()  # all stored before the workers start: the worst backlog
    stop, errors = threading.Event(), list[BaseException]()
    workers = [threading.Thread(target=_worker, args=(tasks, stop, errors)) for _ in range(2)]
    for worker in workers:
        worker.start()
    try:
        deadline = time.monotonic() + 60
        while (InboundMessage.objects.filter(status=InboundStatus.RECEIVED).exists()
               and time.monotonic() < deadline):
            time.sleep(0.05)
    finally:
        stop.set()
        for worker in workers:
            worker.join(30)
    assert errors == []
    relayed = said(assistant)
    # Two workers: the flood's one turn and the victim's run side by side.
    assert relayed.index("I was burgled, what now?") <= 1
    assert_nothing_lost_nor_relayed_twice(assistant, limit=30)
    assert not RelayTurn.objects.exists()


def test_a_task_queued_per_text_by_an_earlier_release_queues_its_conversation(
        gateway_settings, fake_queue, assistant):
    waiting = text_in("hello", sid="SM1", phone=VICTIM)
    RelayTurn.objects.all().delete()  # as if stored before turns were kept
    fake_queue.relays.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        process_inbound_task.call_local(waiting.pk)
    assert fake_queue.conversations == [waiting.recipient_id]
    run_relays(fake_queue)
    with TestCase.captureOnCommitCallbacks(execute=True):
        process_inbound_task.call_local(waiting.pk)  # handled: nothing more
    assert fake_queue.relays == []
    assert said(assistant) == ["hello"]


def test_a_turn_may_relay_several_texts_beating_between_them(
        gateway_settings, fake_queue, assistant, monkeypatch):
    gateway_settings.SIGNPOST_RELAY_TEXTS_PER_TURN = 2
    beats: list[int] = []
    monkeypatch.setattr(turns, "heartbeat",
                        lambda *, recipient_id, token: beats.append(recipient_id))
    mine = [text_in(f"mine {n}", sid=f"SM{n}", phone=FLOODER) for n in range(3)]
    text_in("hi", sid="SMT", phone=VICTIM)
    run_relays(fake_queue)
    assert said(assistant) == ["mine 0", "mine 1", "hi", "mine 2"]
    assert beats == [mine[0].recipient_id]  # before the second text of the first turn
