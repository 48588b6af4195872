"""The minute sweep: failed texts become tasks; updates whose task was lost are queued again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from caseupdates.events import EventSource, record_event
from caseupdates.models import CaseUpdate
from caseupdates.tasks import sweep_updates_task
from tests.caseupdates.support import UpdateQueue, give_leaflet
from tests.factories import make_force

pytestmark = pytest.mark.django_db


def test_a_pending_update_whose_task_was_lost_is_queued_again(update_queue: UpdateQueue):
    force = make_force()
    give_leaflet(force)
    # outside captureOnCommitCallbacks: the after-commit queueing never runs, as if lost
    update = record_event(organisation=force, crime_reference="42/1234/26", kind="charged",
                          decided_at=timezone.now(), source=EventSource.API).updates[0]
    sweep_updates_task.call_local()
    assert update_queue.ids == []  # too recent: its own task may still be on its way
    CaseUpdate.objects.filter(pk=update.pk).update(created_at=timezone.now() - timedelta(
        minutes=5))
    sweep_updates_task.call_local()
    assert update_queue.ids == [update.pk]


def test_the_due_lists_index_condition_names_every_open_status():
    from caseupdates.due import OPEN_VALUES
    from caseupdates.statuses import OPEN

    assert set(OPEN_VALUES) == {status.value for status in OPEN}
    [index] = [i for i in CaseUpdate._meta.indexes if i.name == "case_update_open_due"]
    assert index.condition is not None
    assert index.condition.children == [("status__in", OPEN_VALUES)]
