"""The officer's "My leaflets": names not codes, search, paging, the next step after giving, and
failures in plain words with no resend that would fail the same way."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from leaflets.models import LeafletIssue
from messaging.models import Message
from messaging.statuses import MessageStatus
from messaging.transitions import move
from referrals.models import Referral
from tests.portal.factories import World, make_issue


@pytest.fixture
def officer(client: Client, world: World) -> Client:
    client.force_login(world.officer)
    return client


def test_languages_by_name_and_search_by_crime_reference(officer: Client, world: World) -> None:
    make_issue(world, language="ckb", crime_reference="01/111111/26")
    make_issue(world, language="pl", crime_reference="01/222222/26")
    html = officer.get("/portal/leaflets/").content.decode()
    assert "Kurdish (Sorani)" in html
    assert ">ckb<" not in html
    found = officer.get("/portal/leaflets/", {"q": " 222222 "}).content.decode()
    assert "01/222222/26" in found
    assert "01/111111/26" not in found
    assert "None of your leaflets" in officer.get("/portal/leaflets/", {"q": "999"}
                                                  ).content.decode()


def test_paging_goes_beyond_the_first_page(officer: Client, world: World,
                                           settings: Any) -> None:
    settings.PORTAL_PAGE_SIZE = 2
    for n in range(5):
        make_issue(world, crime_reference=f"01/00000{n}/26")
    first = officer.get("/portal/leaflets/")
    assert first.content.decode().count("01/00000") == 2
    seen = []
    url = "/portal/leaflets/"
    page = first
    while True:
        html = page.content.decode()
        seen += [f"01/00000{n}/26" for n in range(5) if f"01/00000{n}/26" in html]
        if 'rel="next"' not in html:
            break
        url = "/portal/leaflets/?" + page.context["older"]
        page = officer.get(url)
    assert sorted(seen) == [f"01/00000{n}/26" for n in range(5)]


def test_after_giving_one_tap_leads_to_needs_and_consent(officer: Client, world: World) -> None:
    qr = officer.post("/portal/give/", {"language": "pl", "channels": ["qr"],
                                        "unit": world.north.pk}).content.decode()
    issue = LeafletIssue.objects.get()
    assert f'href="/portal/leaflets/{issue.pk}/scene/"' in qr
    assert "Next: needs and consent" in qr
    sent = officer.post("/portal/give/", {"language": "pl", "channels": ["sms"],
                                          "phone": "07700 900123", "unit": world.north.pk},
                        follow=True).content.decode()
    second = LeafletIssue.objects.exclude(pk=issue.pk).get()
    assert f'class="button primary" href="/portal/leaflets/{second.pk}/scene/"' in sent


@pytest.mark.parametrize(("channels", "contact", "code", "words"), [
    (["email"], {"email": "nobody@example.org"}, "5.1.1", "this email address does not exist"),
    (["sms"], {"phone": "07700 900123"}, "30005", "no phone uses this number"),
])
def test_a_permanent_failure_reads_plainly_and_is_not_resent(
        officer: Client, world: World, channels: list[str], contact: dict[str, str],
        code: str, words: str) -> None:
    officer.post("/portal/give/", {"language": "en", "channels": channels,
                                   "unit": world.north.pk, **contact})
    message = Message.objects.get()
    move(message, MessageStatus.QUEUED, kind="status", detail="queued")
    move(message, MessageStatus.SENDING, kind="status", detail="sending")
    move(message, MessageStatus.PERMANENT_FAILURE, kind="callback", error_code=code,
         detail=f"bounce: failed {code}")
    html = officer.get("/portal/leaflets/").content.decode()
    assert words in html
    assert "give the leaflet again" in html
    assert f"failed {code}" not in html
    assert "Resend" not in html
    issue = LeafletIssue.objects.get()
    refused = officer.post(f"/portal/leaflets/{issue.pk}/resend/", {"channel": channels[0]},
                           follow=True).content.decode()
    assert words in refused
    assert Message.objects.count() == 1


def test_the_consent_statement_is_shown_in_the_victims_language_beside_english(
        officer: Client, world: World) -> None:
    polish = make_issue(world, language="pl")
    html = officer.get(f"/portal/leaflets/{polish.pk}/scene/").content.decode()
    assert 'lang="pl"' in html
    assert "Czy możemy przekazać organizacji Testshire Care" in html
    assert "Can we pass your name" in html  # the English beside it
    english = make_issue(world, language="en")
    html = officer.get(f"/portal/leaflets/{english.pk}/scene/").content.decode()
    assert "statement-translated" not in html


def test_crime_type_is_chosen_from_a_list_that_drives_enhanced_rights(
        officer: Client, world: World) -> None:
    issue = make_issue(world, language="en")
    page = officer.get(f"/portal/leaflets/{issue.pk}/scene/").content.decode()
    assert '<option value="domestic-abuse">Domestic abuse</option>' in page
    assert '<option value="other">Other</option>' in page
    typed = officer.post(f"/portal/leaflets/{issue.pk}/scene/", {
        "phone": "07700 900123", "crime_type": "domestic violence", "decision": "given"})
    assert typed.status_code == 200
    assert not Referral.objects.exists()
    officer.post(f"/portal/leaflets/{issue.pk}/scene/", {
        "phone": "07700 900123", "crime_type": "domestic-abuse", "decision": "given"})
    referral = Referral.objects.get()
    assert referral.enhanced_rights_reasons == ["serious-crime"]
