"""The officer's pages: give the leaflet by QR, SMS and email; My leaflets; resend."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import AuditEvent
from leaflets.models import LeafletIssue
from leaflets.services import find_issue
from messaging.models import Message
from messaging.statuses import MessageStatus
from messaging.transitions import move
from referrals.consent import CURRENT_VERSION
from tests.portal.factories import World
from tests.second_factor import verified_login


@pytest.fixture
def officer(client: Client, world: World) -> Client:
    verified_login(client, world.officer)
    return client


def test_qr_now_shows_a_qr_and_the_short_url_that_opens_the_issue(officer: Client,
                                                                   world: World) -> None:
    page = officer.post("/portal/give/", {"crime_reference": "01/234567/26", "language": "pl",
                                          "channels": ["qr"], "unit": world.north.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    short_url = page.context["short_url"]
    assert short_url in html
    issue = LeafletIssue.objects.get()
    assert find_issue(token=short_url.rsplit("/", 1)[1]) == issue
    assert (issue.language, issue.crime_reference, issue.issued_by, issue.unit) == (
        "pl", "01/234567/26", world.officer, world.north)
    assert not Message.objects.exists()
    assert AuditEvent.objects.filter(action="create", object_id=str(issue.pk)).exists()


def test_sms_and_email_queue_one_message_each_about_the_issue(officer: Client,
                                                              world: World) -> None:
    page = officer.post("/portal/give/", {"language": "en", "channels": ["sms", "email"],
                                          "phone": "07700 900123", "email": "v@example.org",
                                          "unit": world.north.pk})
    assert page.status_code == 302
    issue = LeafletIssue.objects.get()
    messages = Message.objects.filter(about_type="leaflet-issue", about_id=str(issue.pk))
    assert sorted(m.channel for m in messages) == ["email", "sms"]
    assert all("/l/" in m.body_text for m in messages)
    assert all(m.triggered_by == world.officer for m in messages)


def test_a_crime_reference_in_the_wrong_format_is_refused(officer: Client, world: World) -> None:
    page = officer.post("/portal/give/", {"crime_reference": "nonsense", "language": "en",
                                          "channels": ["qr"], "unit": world.north.pk})
    assert page.status_code == 200
    assert "01/234567/26" in page.content.decode()  # the force's example
    assert not LeafletIssue.objects.exists()


def test_sms_needs_a_valid_mobile_number_and_stores_nothing_otherwise(officer: Client,
                                                                      world: World) -> None:
    page = officer.post("/portal/give/", {"language": "en", "channels": ["sms"],
                                          "unit": world.north.pk})
    assert "mobile number" in page.content.decode()
    page = officer.post("/portal/give/", {"language": "en", "channels": ["sms"],
                                          "phone": "020 7946 0000", "unit": world.north.pk})
    assert page.status_code == 200
    assert page.context["form"].errors
    assert not LeafletIssue.objects.exists()


def test_no_channel_is_refused(officer: Client, world: World) -> None:
    page = officer.post("/portal/give/", {"language": "en", "unit": world.north.pk})
    assert "Choose at least one way" in page.content.decode()


def test_the_give_page_lists_languages_by_native_and_english_name(officer: Client) -> None:
    html = officer.get("/portal/give/").content.decode()
    assert "Polski — Polish" in html
    assert "language-search.js" in html
    assert "<script>" not in html


def test_my_leaflets_shows_plain_status_with_reason_and_resends(officer: Client,
                                                                world: World) -> None:
    officer.post("/portal/give/", {"language": "en", "channels": ["sms"],
                                   "phone": "07700 900123", "unit": world.north.pk})
    message = Message.objects.get()
    move(message, MessageStatus.QUEUED, kind="status", detail="queued")
    move(message, MessageStatus.SENDING, kind="status", detail="sending")
    move(message, MessageStatus.UNDELIVERED, kind="callback",
         detail="The phone was switched off for too long")
    html = officer.get("/portal/leaflets/").content.decode()
    assert "Not delivered: their phone was off or out of signal for too long" in html
    issue = LeafletIssue.objects.get()
    assert officer.post(f"/portal/leaflets/{issue.pk}/resend/", {"channel": "sms"}
                        ).status_code == 302
    assert Message.objects.count() == 2
    second = Message.objects.exclude(pk=message.pk).get()
    assert (second.recipient_id, second.body_text) == (message.recipient_id, message.body_text)


def test_an_officer_sees_only_their_own_leaflets(client: Client, world: World) -> None:
    verified_login(client, world.other_officer)
    client.post("/portal/give/", {"language": "en", "channels": ["qr"]})
    issue = LeafletIssue.objects.get()
    verified_login(client, world.officer)
    assert "Not yet" not in client.get("/portal/leaflets/").content.decode()
    assert client.post(f"/portal/leaflets/{issue.pk}/resend/", {"channel": "sms"}
                       ).status_code == 404


def test_needs_and_consent_at_the_scene_make_a_referral(officer: Client, world: World) -> None:
    from referrals.models import ConsentRecord, NeedsAssessment, Referral

    officer.post("/portal/give/", {"language": "pl", "channels": ["sms"],
                                   "phone": "07700 900123", "unit": world.north.pk,
                                   "crime_reference": "01/234567/26"})
    issue = LeafletIssue.objects.get()
    page = officer.get(f"/portal/leaflets/{issue.pk}/scene/")
    assert "Testshire Care" in page.content.decode()  # the consent statement names the service
    answer = officer.post(f"/portal/leaflets/{issue.pk}/scene/", {
        "q_afraid": "yes", "q_interpreter": "yes", "q_contact_method": "call",
        "crime_type": "burglary", "decision": "given"})
    assert answer.status_code == 302
    needs = NeedsAssessment.objects.get()
    assert (needs.via, needs.leaflet_issue, needs.recorded_by) == ("officer", issue,
                                                                   world.officer)
    consent = ConsentRecord.objects.get()
    assert (consent.channel, consent.wording_version, consent.language) == (
        "officer", CURRENT_VERSION, "pl")
    referral = Referral.objects.get()
    assert (referral.source, referral.referrer_unit, referral.crime_reference) == (
        "police", world.north, "01/234567/26")
    assert referral.enhanced_rights
    assert "interpreter-needed" in referral.data_quality_flags


def test_a_refusal_at_the_scene_makes_no_referral(officer: Client, world: World) -> None:
    from referrals.models import ConsentRecord, Referral

    officer.post("/portal/give/", {"language": "en", "channels": ["qr"],
                                   "unit": world.north.pk})
    issue = LeafletIssue.objects.get()
    page = officer.post(f"/portal/leaflets/{issue.pk}/scene/", {"decision": "refused"})
    assert "phone number" in page.content.decode()  # no SMS went: a number is needed
    officer.post(f"/portal/leaflets/{issue.pk}/scene/", {"decision": "refused",
                                                         "phone": "07700 900555"})
    assert ConsentRecord.objects.get().decision == "refused"
    assert not Referral.objects.exists()


def test_an_issue_without_a_chosen_unit_counts_for_the_officers_unit(officer: Client,
                                                                      world: World) -> None:
    officer.post("/portal/give/", {"language": "en", "channels": ["qr"]})
    assert LeafletIssue.objects.get().unit == world.north
