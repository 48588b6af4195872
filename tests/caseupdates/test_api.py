"""POST /api/v1/case-events: recorded, matched to victims with their deadline, idempotent,
scoped, and held when the crime reference is not known yet."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import TestCase

from api.keys import create_key
from api.scopes import Scope
from caseupdates.models import CaseEvent, CaseUpdate, VictimCase
from referrals.models import NeedsAssessment
from referrals.statuses import Via
from tests.api.contract import Answer, ApiClient
from tests.caseupdates.support import give_leaflet

pytestmark = pytest.mark.django_db
PATH = "/api/v1/case-events"
# Monday 7 Dec 2026, 10:00 UK time.
DECIDED = "2026-12-07T10:00:00+00:00"


@pytest.fixture
def api(force, client):
    key = create_key(organisation=force, name="Crime recording",
                     scopes=[Scope.CASE_EVENTS_WRITE]).key
    return ApiClient(client=client, key=key)


def post(api: ApiClient, body: dict[str, Any], **headers: str) -> Answer:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return api.post(PATH, body, headers=headers or None)


def test_an_event_for_a_known_victim_is_due_in_five_working_days(api, force, update_queue):
    issue = give_leaflet(force)
    answer = post(api, {"crime_reference": "42/1234/26", "kind": "arrested",
                        "decided_at": DECIDED})
    assert answer.status == 201
    assert answer.body["held"] is False
    [update] = answer.body["updates"]
    assert update["enhanced_rights"] is False
    assert datetime.fromisoformat(update["due_at"]).astimezone(UTC) == datetime(
        2026, 12, 14, 23, 59, 59, 999999, tzinfo=UTC)
    assert CaseUpdate.objects.get().case.leaflet_issue == issue
    assert update_queue.ids == [update["id"]]


def test_a_victim_with_enhanced_rights_is_due_in_one_working_day(api, force, update_queue):
    issue = give_leaflet(force)
    NeedsAssessment.objects.create(leaflet_issue=issue, question_set_version="t",
                                   answers={"afraid": "yes"}, via=Via.OFFICER,
                                   enhanced_rights_reasons=["intimidated"])
    answer = post(api, {"crime_reference": "42/1234/26", "kind": "charged",
                        "decided_at": "2026-12-04T15:00:00+00:00"})  # a Friday
    [update] = answer.body["updates"]
    assert update["enhanced_rights"] is True
    assert datetime.fromisoformat(update["due_at"]).date().isoformat() == "2026-12-07"


def test_an_event_for_an_unknown_reference_is_held_then_matched(api, force, update_queue):
    answer = post(api, {"crime_reference": "42/9999/26", "kind": "bailed",
                        "decided_at": DECIDED})
    assert answer.body == {**answer.body, "held": True, "updates": []}
    assert CaseEvent.objects.get().matched_at is None
    give_leaflet(force, reference="42/9999/26")
    update = CaseUpdate.objects.get()
    assert update.event.kind == "bailed"
    assert CaseEvent.objects.get().matched_at is not None
    assert update_queue.ids == [update.pk]


def test_the_same_idempotency_key_records_one_event(api, force, update_queue):
    give_leaflet(force)
    body = {"crime_reference": "42/1234/26", "kind": "arrested", "decided_at": DECIDED}
    first = post(api, body, **{"Idempotency-Key": "crs-1"})
    second = post(api, body, **{"Idempotency-Key": "crs-1"})
    assert first.body == second.body
    assert CaseEvent.objects.count() == 1
    assert CaseUpdate.objects.count() == 1
    other = post(api, {**body, "kind": "charged"}, **{"Idempotency-Key": "crs-1"})
    assert other.status == 409


def test_a_key_without_the_scope_is_refused(force, client):
    key = create_key(organisation=force, name="Leaflets", scopes=[Scope.LEAFLETS_ISSUE]).key
    answer = ApiClient(client=client, key=key).post(
        PATH, {"crime_reference": "42/1234/26", "kind": "arrested", "decided_at": DECIDED})
    assert answer.status == 403
    assert not CaseEvent.objects.exists()


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "arrested", "decided_at": "yesterday"}, "/decided_at"),
    ({"kind": "arrested", "decided_at": "2026-12-07T10:00:00"}, "/decided_at"),
    ({"kind": "arrested", "decided_at": "2099-01-01T10:00:00+00:00"}, "/decided_at"),
    ({"kind": "court-date-set", "decided_at": DECIDED}, "/court_at"),
    ({"kind": "arrested", "decided_at": DECIDED, "crime_reference": "42 12?"}, "/crime_reference"),
    # A lone surrogate is valid JSON but not text: encrypting the note failed with a 500.
    ({"kind": "arrested", "decided_at": DECIDED, "officer_note": "\ud800"}, "/officer_note"),
])
def test_bad_events_are_refused_with_the_field_and_nothing_stored(api, force, body, field):
    answer = post(api, {"crime_reference": "42/1234/26", **body})
    assert answer.status == 422
    assert [error["field"] for error in answer.body["errors"]] == [field]
    assert not CaseEvent.objects.exists()


def test_an_unknown_kind_is_refused_by_the_schema(api, force):
    answer = post(api, {"crime_reference": "42/1234/26", "kind": "shrugged",
                        "decided_at": DECIDED})
    assert answer.status == 422
    assert not CaseEvent.objects.exists()


def test_the_officers_note_is_encrypted_at_rest(api, force):
    post(api, {"crime_reference": "42/1234/26", "kind": "arrested", "decided_at": DECIDED,
               "officer_note": "Suspect John Smith arrested at home"})
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT officer_note FROM caseupdates_caseevent")
        [(stored,)] = cursor.fetchall()
    assert "Smith" not in stored
    assert CaseEvent.objects.get().officer_note == "Suspect John Smith arrested at home"


def test_a_victim_case_opens_once_per_leaflet(force):
    issue = give_leaflet(force)
    issue.save()
    assert VictimCase.objects.filter(leaflet_issue=issue).count() == 1
