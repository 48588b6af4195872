"""The officers' daily reminder email: counts and a link, once a day, only when something is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from caseupdates.events import EventSource, record_event
from caseupdates.reminders import send_reminders
from messaging.models import Message
from tests.caseupdates.support import UpdateQueue
from tests.portal.factories import World, make_issue, make_world

pytestmark = pytest.mark.django_db


def test_an_officer_with_overdue_updates_gets_one_email_a_day(update_queue: UpdateQueue,
                                                              fake_queue):
    world: World = make_world()
    world.officer.email = "pc.officer@police.example"
    world.officer.save()
    world.other_officer.email = "pc.other@police.example"
    world.other_officer.save()
    make_issue(world, crime_reference="01/000001/26")
    record_event(organisation=world.force, crime_reference="01/000001/26", kind="charged",
                 source=EventSource.API, decided_at=timezone.now() - timedelta(days=20))
    now = timezone.now()
    assert send_reminders(now=now) == 1
    assert send_reminders(now=now) == 1  # the same day's key: still one message
    [reminder] = Message.objects.filter(about_type="case-update-reminder")
    assert reminder.recipient.email == "pc.officer@police.example"
    assert reminder.body_text.startswith("Victims' Code updates: 1 overdue, 0 due by the end")
    assert "01/000001/26" not in reminder.body_text
