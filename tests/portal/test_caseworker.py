"""The referral inbox: only the service's referrals; details, audited contact view, actions."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import AuditEvent
from audit.services import verify_chain
from referrals.models import Referral
from tests.portal.factories import World, make_referral


@pytest.fixture
def caseworker(client: Client, world: World) -> Client:
    client.force_login(world.caseworker)
    return client


def test_the_inbox_lists_open_referrals_with_flags(caseworker: Client, world: World) -> None:
    referral = make_referral(world, phone="+442079460000")  # a landline
    html = caseworker.get("/portal/referrals/").content.decode()
    assert referral.reference in html
    assert "landline" in html
    filtered = caseworker.get("/portal/referrals/?flag=invalid-number").content.decode()
    assert referral.reference not in filtered


def test_opening_a_referral_shows_consent_and_is_audited_but_hides_contact(
        caseworker: Client, world: World) -> None:
    referral = make_referral(world)
    html = caseworker.get(f"/portal/referrals/{referral.reference}/").content.decode()
    assert "referral-consent-2026.1" in html
    assert "Officer" in html or "officer" in html
    assert "+447700900123" not in html
    assert AuditEvent.objects.filter(action="view-referral", object_id=str(referral.pk),
                                     actor_id=world.caseworker.pk).exists()


def test_contact_details_are_shown_only_with_a_reason_and_audited(caseworker: Client,
                                                                  world: World) -> None:
    referral = make_referral(world)
    url = f"/portal/referrals/{referral.reference}/contact/"
    assert "+447700900123" not in caseworker.post(url, {"reason": ""}).content.decode()
    html = caseworker.post(url, {"reason": "first call"}).content.decode()
    assert "+447700900123" in html
    event = AuditEvent.objects.get(action="view-contact")
    assert (event.reason, event.object_id) == ("first call", str(referral.pk))
    assert "+447700900123" not in str(event.detail)
    assert verify_chain().ok


def test_mark_contacted_and_return_with_a_reason_the_officer_sees(caseworker: Client,
                                                                  client: Client,
                                                                  world: World) -> None:
    referral = make_referral(world)
    base = f"/portal/referrals/{referral.reference}"
    assert caseworker.post(f"{base}/status/", {"to": "contacted"}).status_code == 302
    assert Referral.objects.get(pk=referral.pk).status == "contacted"
    second = make_referral(world, phone="+447700900124")
    page = caseworker.post(f"/portal/referrals/{second.reference}/status/", {"to": "returned"})
    assert "Say why" in page.content.decode()
    caseworker.post(f"/portal/referrals/{second.reference}/status/",
                    {"to": "returned", "reason": "The number belongs to someone else"})
    assert Referral.objects.get(pk=second.pk).status == "returned"
    client.force_login(world.officer)
    assert "The number belongs to someone else" in client.get("/portal/leaflets/"
                                                              ).content.decode()


def test_a_forbidden_move_is_explained(caseworker: Client, world: World) -> None:
    referral = make_referral(world)
    base = f"/portal/referrals/{referral.reference}"
    caseworker.post(f"{base}/status/", {"to": "closed"})
    page = caseworker.post(f"{base}/status/", {"to": "contacted"})
    assert "cannot move" in page.content.decode()


def test_notes_are_added(caseworker: Client, world: World) -> None:
    referral = make_referral(world)
    caseworker.post(f"/portal/referrals/{referral.reference}/note/",
                    {"text": "Left a voicemail"})
    html = caseworker.get(f"/portal/referrals/{referral.reference}/").content.decode()
    assert "Left a voicemail" in html
