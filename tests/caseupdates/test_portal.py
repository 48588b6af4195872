"""The officer's updates-due, record-a-decision and choices pages; the supervisor's compliance
page, its drill-down and its audited CSV."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, TestCase
from django.utils import timezone

from audit.models import AuditEvent
from caseupdates.events import EventSource, record_event
from caseupdates.models import CaseEvent, CaseUpdate, VictimCase
from caseupdates.statuses import UpdateStatus
from tests.caseupdates.support import UpdateQueue
from tests.portal.factories import World, make_issue, make_world
from tests.second_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def case_with_updates(world: World, reference: str, days_ago: int) -> CaseUpdate:
    make_issue(world, crime_reference=reference)
    recorded = record_event(organisation=world.force, crime_reference=reference,
                            kind="charged", source=EventSource.API,
                            decided_at=timezone.now() - timedelta(days=days_ago))
    return recorded.updates[0]


def test_updates_due_lists_overdue_first_and_a_phone_call_closes_one(
        client: Client, world: World, update_queue: UpdateQueue) -> None:
    recent = case_with_updates(world, "01/000001/26", 0)
    late = case_with_updates(world, "01/000002/26", 20)
    client.force_login(world.officer)
    page = client.get("/portal/updates/").content.decode()
    assert page.index("01/000002/26") < page.index("01/000001/26")
    assert "Overdue" in page
    response = client.post(f"/portal/updates/{late.pk}/by-phone/")
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == UpdateStatus.GIVEN_BY_PHONE
    assert "01/000002/26" not in client.get("/portal/updates/").content.decode()
    assert CaseUpdate.objects.get(pk=recent.pk).status == UpdateStatus.PENDING


def test_another_officers_updates_are_not_listed(client: Client, world: World,
                                                 update_queue: UpdateQueue) -> None:
    make_issue(world, crime_reference="01/000003/26", officer=world.other_officer,
               unit=world.south)
    record_event(organisation=world.force, crime_reference="01/000003/26", kind="charged",
                 source=EventSource.API, decided_at=timezone.now())
    client.force_login(world.officer)
    assert "01/000003/26" not in client.get("/portal/updates/").content.decode()


def test_an_officer_records_a_decision_in_the_portal(client: Client, world: World,
                                                     update_queue: UpdateQueue) -> None:
    make_issue(world, crime_reference="01/000004/26")
    client.force_login(world.officer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/portal/updates/record/", {
            "crime_reference": " 01/000004/26 ", "kind": "arrested",
            "decided_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    event = CaseEvent.objects.get()
    assert (event.source, event.recorded_by, event.crime_reference) == (
        "portal", world.officer, "01/000004/26")
    assert len(update_queue.ids) == 1


def test_a_bad_decision_is_shown_back_with_its_error(client: Client, world: World) -> None:
    client.force_login(world.officer)
    response = client.post("/portal/updates/record/", {
        "crime_reference": "R-1", "kind": "court-date-set",
        "decided_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 200
    assert "A court date needs the date and time" in response.content.decode()
    assert not CaseEvent.objects.exists()


def test_the_officer_sets_the_victims_choices(client: Client, world: World) -> None:
    issue = make_issue(world, crime_reference="01/000005/26")
    case = VictimCase.objects.get(leaflet_issue=issue)
    client.force_login(world.officer)
    client.post(f"/portal/updates/cases/{case.pk}/", {"update_frequency": "major",
                                                       "shared_with_suspect": "on"})
    case.refresh_from_db()
    assert (case.update_frequency, case.shared_with_suspect) == ("major", True)


def test_the_supervisor_sees_compliance_drills_down_and_exports(
        client: Client, world: World, update_queue: UpdateQueue) -> None:
    case_with_updates(world, "01/000002/26", 20)
    verified_login(client, world.supervisor)
    page = client.get("/portal/compliance/").content.decode()
    assert "Updates within their timescales" in page
    assert "Quarterly return to the Ministry of Justice" in page
    month = timezone.localdate().strftime("%Y-%m")
    cases = client.get("/portal/compliance/cases/", {
        "measure": "updates-on-time", "met": "no", "month": month}).content.decode()
    assert "01/000002/26" in cases
    csv = client.get("/portal/compliance.csv").content.decode()
    assert csv.splitlines()[0].startswith("unit,officer,month,cases,")
    assert f",{month},1," in csv
    assert AuditEvent.objects.filter(action="export", object_type="compliance-table").exists()


def test_the_page_shows_units_by_month_and_each_officer_only_when_asked(
        client: Client, world: World, update_queue: UpdateQueue) -> None:
    case_with_updates(world, "01/000003/26", 20)
    verified_login(client, world.supervisor)
    by_unit = client.get("/portal/compliance/").content.decode()
    assert "By unit and month" in by_unit
    assert world.officer.username not in by_unit.split("<h2>By unit and month")[1]
    by_officer = client.get("/portal/compliance/", {"by": "officer"}).content.decode()
    assert "By unit, officer and month" in by_officer
    assert '<input type="hidden" name="by" value="officer">' in by_officer  # kept by the form
    table = by_officer.split("<table class=\"compliance\">")[1].split("</table>")[0]
    assert f"<td>{world.officer.username}</td>" in table
    assert "missed in " in table  # each missed number names its unit, officer and month
