"""Factories for the case-update tests: a force, a leaflet given with a crime reference to a
victim's phone, and a recorder standing in for the case-update queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import TestCase

from leaflets.giving import give_leaflet as give
from leaflets.models import LeafletIssue
from leaflets.statuses import IssueChannel
from messaging.statuses import Origin
from organisations.models import Organisation

PHONE = "+447700900123"


def give_leaflet(force: Organisation, *, reference: str = "42/1234/26", language: str = "pl",
                 phone: str = PHONE, email: str = "", **extra: Any) -> LeafletIssue:
    """A leaflet given by SMS with a crime reference, after-commit work run."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        channels = ([IssueChannel.SMS] if phone else []) + ([IssueChannel.EMAIL] if email else [])
        outcome = give(organisation=force, origin=Origin.API, language=language,
                       channels=channels, crime_reference=reference, phone=phone, email=email,
                       **extra)
    return outcome.issue


@dataclass
class UpdateQueue:
    ids: list[int] = field(default_factory=list)


@pytest.fixture
def update_queue(monkeypatch: pytest.MonkeyPatch) -> UpdateQueue:
    from caseupdates import queue

    recorded = UpdateQueue()
    monkeypatch.setattr(queue, "enqueue", lambda ids: recorded.ids.extend(ids))
    return recorded


def run_updates(update_queue: UpdateQueue) -> None:
    """One worker cycle of the case-update tasks (the gateway's sends stay queued)."""
    from caseupdates.tasks import deliver_update_task

    with TestCase.captureOnCommitCallbacks(execute=True):
        while update_queue.ids:
            deliver_update_task.call_local(update_queue.ids.pop(0))
