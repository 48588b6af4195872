"""POST /api/v1/leaflet-issues and GET /api/v1/leaflet-issues/<id>."""

from __future__ import annotations

import pytest
from django.test import override_settings

from api.scopes import Scope
from audit.models import AuditEvent
from leaflets.models import LeafletIssue
from messaging.models import Message, Recipient
from tests.second_factor import verified_login

URL = "/api/v1/leaflet-issues"
PHONE = "07700 900456"
EMAIL = "victim.person@example.org"


def test_issue_by_sms_and_email_creates_one_issue_and_two_messages(api):
    answer = api.post(URL, {"language": "pl", "crime_reference": " ab/123/26 ",
                            "phone": PHONE, "email": EMAIL})
    assert answer.status == 201
    issue = LeafletIssue.objects.get()
    assert answer.body["id"] == issue.pk
    assert issue.crime_reference == "AB/123/26"
    assert issue.organisation is not None
    assert issue.organisation.slug == "test-force"
    assert sorted(issue.channels) == ["email", "sms"]
    messages = Message.objects.filter(about_type="leaflet-issue", about_id=str(issue.pk))
    assert sorted(m.channel for m in messages) == ["email", "sms"]
    assert {m.origin for m in messages} == {"api"}
    assert {m.template for m in messages} == {"leaflet-link"}  # as the portal's sends
    sms = messages.get(channel="sms")
    assert "/l/" in sms.body_text
    assert sms.language == "pl"
    assert [m["channel"] for m in answer.body["messages"]] == ["sms", "email"]
    event = AuditEvent.objects.get(action="create", object_type="leaflets.leafletissue")
    assert event.role == "api"
    assert event.object_id == str(issue.pk)


def test_answer_carries_no_contact_details_or_link_token(api):
    answer = api.post(URL, {"language": "en", "phone": PHONE, "email": EMAIL})
    text = str(answer.body)
    assert "900456" not in text
    assert "example.org" not in text
    assert "/l/" not in text


def test_same_idempotency_key_returns_first_answer_and_issues_once(api):
    body = {"language": "en", "phone": PHONE}
    first = api.post(URL, body, headers={"Idempotency-Key": "case-1"})
    again = api.post(URL, body, headers={"Idempotency-Key": "case-1"})
    assert first.status == again.status == 201
    assert first.body == again.body
    assert LeafletIssue.objects.count() == 1
    assert Message.objects.count() == 1


def test_idempotency_key_reused_for_another_request_is_a_conflict(api):
    api.post(URL, {"language": "en", "phone": PHONE}, headers={"Idempotency-Key": "k"})
    answer = api.post(URL, {"language": "fr", "phone": PHONE}, headers={"Idempotency-Key": "k"})
    assert answer.status == 409
    assert LeafletIssue.objects.count() == 1


def test_without_idempotency_key_each_call_issues(api):
    api.post(URL, {"language": "en", "phone": PHONE})
    api.post(URL, {"language": "en", "phone": PHONE})
    assert LeafletIssue.objects.count() == 2


@pytest.mark.parametrize(("body", "field"), [
    ({"language": "en", "phone": "020 7946 0000"}, "/phone"),  # landline
    ({"language": "en", "phone": "not a number"}, "/phone"),
    ({"language": "en", "email": "nobody@"}, "/email"),
    ({"language": "xx", "phone": PHONE}, "/language"),
    ({"language": "en"}, "/phone"),  # neither phone nor email
    ({"language": "en", "phone": PHONE, "crime_reference": "two words"}, "/crime_reference"),
    ({"phone": PHONE}, "/language"),
    ({"language": "en", "phone": PHONE, "name": "A Person"}, "/name"),
    ({"language": 7, "phone": PHONE}, "/language"),
])
def test_bad_input_is_a_422_with_field_errors_and_stores_nothing(api, body, field):
    answer = api.post(URL, body)
    assert answer.status == 422
    assert answer.body["type"].endswith(":validation")
    assert field in [error["field"] for error in answer.body["errors"]]
    assert "900456" not in str(answer.body)
    assert "7946" not in str(answer.body)
    assert LeafletIssue.objects.count() == 0
    assert Recipient.objects.count() == 0
    assert Message.objects.count() == 0


def test_body_that_is_not_json_is_a_400(api):
    answer = api.post(URL, raw=b"{not json")
    assert answer.status == 400
    assert answer.body["status"] == 400


def test_body_that_is_not_an_object_is_a_422(api):
    assert api.post(URL, ["language", "en"]).status == 422


def test_form_encoded_body_is_a_415(api):
    answer = api.post(URL, raw=b"language=en", content_type="application/x-www-form-urlencoded")
    assert answer.status == 415


def test_missing_or_wrong_key_is_a_401(api):
    assert api.post(URL, {"language": "en", "phone": PHONE}, auth=False).status == 401
    answer = api.post(URL, {"language": "en", "phone": PHONE},
                      headers={"Authorization": "Bearer sp_AAAAAAAAAAAA_" + "x" * 43})
    assert answer.status == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert LeafletIssue.objects.count() == 0


def test_key_without_the_scope_is_a_403(api_for, force):
    reader = api_for(force, Scope.LEAFLETS_READ)
    assert reader.post(URL, {"language": "en", "phone": PHONE}).status == 403


def test_wrong_method_is_a_405_problem(api, client):
    response = client.get(URL, headers={"Authorization": f"Bearer {api.key}"})
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "POST"


@override_settings(API_RATE_LIMIT_PER_MINUTE=2)
def test_requests_past_the_rate_limit_get_a_429(api):
    for _ in range(2):
        assert api.post(URL, {"language": "en"}).status == 422
    answer = api.post(URL, {"language": "en", "phone": PHONE})
    assert answer.status == 429
    assert int(answer.headers["Retry-After"]) >= 1
    assert LeafletIssue.objects.count() == 0


def test_csrf_is_not_needed_with_a_key(api, force):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, {"language": "en", "phone": PHONE}, content_type="application/json",
                           headers={"Authorization": f"Bearer {api.key}"})
    assert response.status_code == 201


def test_read_an_issue_with_its_messages_events_and_opens(api):
    issued = api.post(URL, {"language": "en", "phone": PHONE, "crime_reference": "AB/1/26"})
    answer = api.get(f"{URL}/{issued.body['id']}")
    assert answer.status == 200
    assert answer.body["crime_reference"] == "AB/1/26"
    assert answer.body["messages"][0]["status"] == "queued"  # recorded queued in one commit
    assert [event["status"] for event in answer.body["events"]] == ["created", "queued"]
    assert answer.body["opens"] == []
    event = AuditEvent.objects.get(action="view-issue")
    assert event.object_id == str(issued.body["id"])
    assert event.role == "api"


def test_an_issue_of_another_force_is_not_found(api, api_for, other_force):
    issued = api.post(URL, {"language": "en", "phone": PHONE})
    stranger = api_for(other_force, Scope.LEAFLETS_READ)
    answer = stranger.get(f"{URL}/{issued.body['id']}")
    assert answer.status == 404
    assert not AuditEvent.objects.filter(action="view-issue").exists()


def test_unknown_issue_is_a_404(api):
    assert api.get(f"{URL}/999999").status == 404


def test_a_crime_reference_must_match_the_forces_format(api, force):
    force.crime_reference_pattern = r"\d{2}/\d{6}/\d{2}"
    force.crime_reference_example = "01/234567/26"
    force.save()
    answer = api.post(URL, {"language": "en", "phone": PHONE, "crime_reference": "AB/1/26"})
    assert answer.status == 422
    assert "01/234567/26" in answer.body["errors"][0]["message"]
    assert api.post(URL, {"language": "en", "phone": PHONE,
                          "crime_reference": "01/234567/26"}).status == 201


def test_a_logged_in_session_is_not_an_api_key(api, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-x" * 4)
    verified_login(client, admin)
    response = client.post(URL, {"language": "en", "phone": PHONE},
                           content_type="application/json")
    assert response.status_code == 401


def test_no_contact_detail_or_key_reaches_the_log(api, caplog):
    api.post(URL, {"language": "en", "phone": "07700 900999", "email": "secret.person@mail.test"})
    api.post(URL, {"language": "en", "phone": "020 7946 0999"})
    assert "900999" not in caplog.text
    assert "secret.person" not in caplog.text
    assert "7946" not in caplog.text
    assert api.key not in caplog.text


def test_an_issue_is_attributed_to_the_forces_unit_by_name(api, force):
    from organisations.models import Unit

    north = Unit.objects.create(organisation=force, name="North Borough")
    answer = api.post(URL, {"language": "en", "phone": PHONE, "unit_name": "north borough"})
    assert answer.status == 201
    assert answer.body["unit_name"] == "North Borough"
    assert LeafletIssue.objects.get().unit == north
    unknown = api.post(URL, {"language": "en", "phone": PHONE, "unit_name": "Atlantis"})
    assert unknown.status == 422
    assert unknown.body["errors"][0]["field"] == "/unit_name"


def test_a_support_services_key_cannot_issue_leaflets_even_with_the_scope(api_for, force):
    from organisations.models import Organisation, OrganisationKind

    service = Organisation.objects.create(slug="care", name="Care",
                                          kind=OrganisationKind.SUPPORT_SERVICE)
    answer = api_for(service, Scope.LEAFLETS_ISSUE).post(URL, {"language": "en",
                                                               "phone": PHONE})
    assert answer.status == 403
    assert not LeafletIssue.objects.exists()
    assert not Message.objects.exists()
