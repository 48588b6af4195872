"""The referral inbox: only the service's referrals; details, audited contact view, actions."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import verify_chain
from organisations.models import Organisation, OrganisationKind
from portal import inbox
from referrals.consent import CURRENT_VERSION
from referrals.models import Referral
from tests.portal.factories import World, make_referral
from tests.second_factor import verified_login


@pytest.fixture
def caseworker(client: Client, world: World) -> Client:
    verified_login(client, world.caseworker)
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
    assert CURRENT_VERSION in html
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
    verified_login(client, world.officer)
    assert "The number belongs to someone else" in client.get("/portal/leaflets/"
                                                              ).content.decode()


def test_a_forbidden_move_is_explained(caseworker: Client, world: World) -> None:
    referral = make_referral(world)
    base = f"/portal/referrals/{referral.reference}"
    caseworker.post(f"{base}/status/", {"to": "closed", "outcome": "declined"})
    page = caseworker.post(f"{base}/status/", {"to": "contacted"})
    assert "cannot move" in page.content.decode()


def test_notes_are_added(caseworker: Client, world: World) -> None:
    referral = make_referral(world)
    caseworker.post(f"/portal/referrals/{referral.reference}/note/",
                    {"text": "Left a voicemail"})
    html = caseworker.get(f"/portal/referrals/{referral.reference}/").content.decode()
    assert "Left a voicemail" in html


REFERENCE_LINK = re.compile(r'href="/portal/referrals/(R-[0-9A-Z]{6})/"')
OLDER_LINK = re.compile(r'href="([^"]+)" rel="next"')


def _referrals(world: World, count: int, *, target: Organisation | None = None) -> list[Referral]:
    return [make_referral(world, phone=f"+4477009002{n:02d}", target=target)
            for n in range(count)]


def test_older_pages_walk_every_referral_once_even_with_equal_times(
        caseworker: Client, world: World, settings: Any) -> None:
    settings.PORTAL_PAGE_SIZE = 2
    made = _referrals(world, 5)
    same = timezone.now() - timedelta(days=1)
    Referral.objects.filter(pk__in=[r.pk for r in made[1:4]]).update(created_at=same)
    expected = list(Referral.objects.order_by("-created_at", "-id")
                    .values_list("reference", flat=True))
    seen: list[str] = []
    url = "/portal/referrals/?status=all"
    for _ in range(5):
        html = caseworker.get(url).content.decode()
        seen += REFERENCE_LINK.findall(html)
        older = OLDER_LINK.search(html)
        if older is None:
            break
        url = unescape(older.group(1))
    assert seen == expected


def test_a_page_key_that_is_not_one_shows_the_first_page(caseworker: Client,
                                                         world: World) -> None:
    referral = make_referral(world)
    for key in ("nonsense", "2026-01-01T00:00:00_not-a-uuid", "2026-01-01T00:00:00_" + "0" * 32):
        page = caseworker.get("/portal/referrals/", {"before": key})
        assert page.status_code == 200
        assert referral.reference in page.content.decode()


def test_search_finds_a_reference_however_typed_and_only_in_the_service(
        caseworker: Client, world: World) -> None:
    referral, other = _referrals(world, 2)
    caseworker.post(f"/portal/referrals/{referral.reference}/status/",
                    {"to": "closed", "outcome": "declined"})
    typed = referral.reference.removeprefix("R-").lower()
    html = caseworker.get("/portal/referrals/", {"q": f" {typed} "}).content.decode()
    assert REFERENCE_LINK.findall(html) == [referral.reference]  # closed, found all the same
    elsewhere = Organisation.objects.create(slug="elsewhere", name="Elsewhere Care",
                                            kind=OrganisationKind.SUPPORT_SERVICE)
    theirs = make_referral(world, phone="+447700900299", target=elsewhere)
    html = caseworker.get("/portal/referrals/", {"q": theirs.reference}).content.decode()
    assert REFERENCE_LINK.findall(html) == []
    assert "No referral of your service has the reference" in html
    assert other.reference not in html
    assert f"/portal/referrals/{theirs.reference}/" not in html


def test_counts_are_of_the_services_open_referrals(caseworker: Client, world: World) -> None:
    new, contacted, closed = _referrals(world, 3)
    caseworker.post(f"/portal/referrals/{contacted.reference}/status/", {"to": "contacted"})
    caseworker.post(f"/portal/referrals/{closed.reference}/status/",
                    {"to": "closed", "outcome": "declined"})
    elsewhere = Organisation.objects.create(slug="elsewhere", name="Elsewhere Care",
                                            kind=OrganisationKind.SUPPORT_SERVICE)
    make_referral(world, phone="+447700900299", target=elsewhere)
    html = caseworker.get("/portal/referrals/").content.decode()
    assert ">All open (2)<" in html
    assert ">New (1)<" in html
    assert ">Contacted (1)<" in html
    assert ">Closed<" in html  # never counted
    assert REFERENCE_LINK.findall(html) == [contacted.reference, new.reference]


@pytest.mark.parametrize("flag", sorted(inbox.FLAG_WORDS))
def test_each_data_problem_filter_lists_exactly_the_referrals_with_it(
        caseworker: Client, world: World, flag: str) -> None:
    _referrals(world, 2)
    make_referral(world, phone="+442079460000")  # a landline
    expected = sorted(r.reference for r in Referral.objects.all()
                      if flag in r.data_quality_flags)
    html = caseworker.get("/portal/referrals/", {"flag": flag}).content.decode()
    assert sorted(REFERENCE_LINK.findall(html)) == expected
