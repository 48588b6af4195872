"""Case events lose their free text, and update texts their body, after their own periods."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from caseupdates.models import CaseEvent
from messaging.models import Message
from messaging.statuses import MessageStatus
from retention.periods import DataKind
from retention.registry import purger_for
from tests.caseupdates.support import UpdateQueue, give_leaflet, run_updates
from tests.factories import make_force

pytestmark = pytest.mark.django_db


def test_both_kinds_have_their_own_period_and_purger(settings):
    assert settings.SIGNPOST_RETENTION_DAYS["case-events"] == 730
    assert settings.SIGNPOST_RETENTION_DAYS["case-update-texts"] == 90
    assert purger_for(DataKind.CASE_EVENTS) is not None
    assert purger_for(DataKind.CASE_UPDATE_TEXTS) is not None


def test_old_events_and_update_texts_are_blanked(update_queue: UpdateQueue, fake_queue):
    from caseupdates.events import EventSource, record_event

    force = make_force()
    give_leaflet(force)
    with TestCase.captureOnCommitCallbacks(execute=True):
        record_event(organisation=force, crime_reference="42/1234/26", kind="charged",
                     decided_at=timezone.now(), source=EventSource.API, officer_note="note")
    run_updates(update_queue)
    update_text = Message.objects.get(about_type="case-update")
    Message.objects.filter(pk=update_text.pk).update(status=MessageStatus.DELIVERED.value)
    leaflet_text = Message.objects.get(about_type="leaflet-issue")
    now = timezone.now()
    later = now + timedelta(days=1)
    events = purger_for(DataKind.CASE_EVENTS)
    texts = purger_for(DataKind.CASE_UPDATE_TEXTS)
    assert events is not None
    assert texts is not None
    assert events(before=later, now=later, dry_run=True).records == 1
    assert CaseEvent.objects.get().officer_note == "note"
    assert events(before=later, now=later, dry_run=False).records == 1
    assert texts(before=later, now=later, dry_run=False).records == 1
    event = CaseEvent.objects.get()
    assert (event.officer_note, event.kind) == ("", "charged")
    update_text.refresh_from_db()
    leaflet_text.refresh_from_db()
    assert update_text.body_text == ""
    assert leaflet_text.body_text  # other messages keep theirs until their own period
