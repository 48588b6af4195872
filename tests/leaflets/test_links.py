"""Leaflet issues, tokens, the short link and its "opened" beacon."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from leaflets import services
from leaflets.content import CONTENT_VERSION
from leaflets.models import LeafletIssue, LinkOpen
from leaflets.statuses import IssueChannel, IssueStatus
from leaflets.tokens import hash_code, hash_token
from messaging.segments import Encoding, measure
from organisations.models import Organisation

BROWSER_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/126.0.0.0 Mobile Safari/537.36")
SCANNER_UAS = [
    "Mozilla/5.0 (compatible; Proofpoint URL Defense)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "WhatsApp/2.23.20.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "python-requests/2.31.0",
    "",
]


def _issue(force: Organisation, language: str = "fr") -> services.IssuedLeaflet:
    return services.issue_leaflet(language=language, channels=[IssueChannel.SMS],
                                  organisation=force, crime_reference="NB-12345-26")


def _view_id(client: Client, token: str) -> str:
    html = client.get(f"/l/{token}", HTTP_USER_AGENT=BROWSER_UA).content.decode()
    found = re.search(r'data-view="([^"]+)"', html)
    assert found
    return found.group(1)


def _beacon(client: Client, token: str, view_id: str, ua: str = BROWSER_UA) -> int:
    response = client.post(f"/l/{token}/opened", {"v": view_id, "lang": "fr"},
                           HTTP_USER_AGENT=ua, HTTP_SEC_FETCH_SITE="same-origin")
    return response.status_code


@pytest.mark.django_db
def test_issue_stores_only_the_hash_and_records_the_content_version(force: Organisation) -> None:
    issued = _issue(force)
    issue = LeafletIssue.objects.get()
    assert issue.token_hash == hash_token(issued.token)
    assert issued.token not in issue.token_hash
    assert len(issued.token) >= 22  # 128 bits in URL-safe base64
    assert issue.content_version == CONTENT_VERSION
    assert issue.status == IssueStatus.ISSUED
    assert issue.expires_at - issue.created_at == timedelta(days=90)
    assert issued.short_url.endswith(f"/l/{issued.token}")


@pytest.mark.django_db
def test_unknown_language_cannot_be_issued(force: Organisation) -> None:
    with pytest.raises(ValueError, match="unknown"):
        services.issue_leaflet(language="xx", channels=[], organisation=force)


@pytest.mark.django_db
def test_short_url_with_a_one_line_message_fits_one_gsm_segment(force: Organisation,
                                                                settings: object) -> None:
    issued = _issue(force)
    text = f"{force.name}: your rights as a victim of crime: {issued.short_url}"
    size = measure(text)
    assert size.encoding is Encoding.GSM7
    assert size.segments == 1


@pytest.mark.django_db
def test_link_shows_the_issue_language_and_can_switch(client: Client, force: Organisation) -> None:
    issued = _issue(force, "ar")
    response = client.get(f"/l/{issued.token}")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    switched = client.get(f"/l/{issued.token}?lang=pl").content.decode()
    assert '<html lang="pl" dir="ltr">' in switched
    languages = client.get(f"/l/{issued.token}/languages").content.decode()
    assert f'href="/l/{issued.token}?lang=cy"' in languages


@pytest.mark.django_db
def test_a_real_browser_view_records_one_open(client: Client, force: Organisation) -> None:
    issued = _issue(force)
    view_id = _view_id(client, issued.token)
    assert LinkOpen.objects.count() == 0  # the page itself records nothing
    assert _beacon(client, issued.token, view_id) == 204
    assert _beacon(client, issued.token, view_id) == 204  # the same view again: no second open
    assert LinkOpen.objects.count() == 1
    issue = LeafletIssue.objects.get()
    assert issue.status == IssueStatus.OPENED
    assert issue.first_opened_at is not None
    assert {f.name for f in LinkOpen._meta.get_fields()} == {
        "id", "issue", "view_id", "language", "opened_at"}  # no IP, no user agent


@pytest.mark.django_db
def test_head_requests_and_scanners_record_nothing(client: Client, force: Organisation) -> None:
    issued = _issue(force)
    assert client.head(f"/l/{issued.token}", HTTP_USER_AGENT=BROWSER_UA).status_code == 200
    for ua in SCANNER_UAS:
        client.get(f"/l/{issued.token}", HTTP_USER_AGENT=ua)
        view_id = _view_id(client, issued.token)
        assert _beacon(client, issued.token, view_id, ua=ua) == 204
    assert LinkOpen.objects.count() == 0
    assert LeafletIssue.objects.get().status == IssueStatus.ISSUED


@pytest.mark.django_db
def test_forged_or_foreign_view_ids_and_cross_site_beacons_record_nothing(
        client: Client, force: Organisation) -> None:
    first, second = _issue(force), _issue(force)
    other_view = _view_id(client, second.token)
    assert _beacon(client, first.token, other_view) == 204
    assert _beacon(client, first.token, "forged") == 204
    own_view = _view_id(client, first.token)
    client.post(f"/l/{first.token}/opened", {"v": own_view}, HTTP_USER_AGENT=BROWSER_UA,
                HTTP_SEC_FETCH_SITE="cross-site")
    assert LinkOpen.objects.count() == 0


@pytest.mark.django_db
def test_expired_and_unknown_tokens_get_the_same_helpful_page(client: Client,
                                                              force: Organisation) -> None:
    issued = _issue(force)
    LeafletIssue.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = client.get(f"/l/{issued.token}")
    unknown = client.get("/l/AAAAAAAAAAAAAAAAAAAAAA")
    malformed = client.get("/l/nonsense")
    for response in (expired, unknown, malformed):
        html = response.content.decode()
        assert response.status_code == 404
        assert "This link does not work any more" in html
        assert 'href="/leaflet/cy/"' in html  # the picker
        assert "0808 157 0123" in html  # the support line
        assert "data-beacon" not in html
    assert expired.content == unknown.content
    view_id = "x"
    assert _beacon(client, issued.token, view_id) == 204
    assert LinkOpen.objects.count() == 0


@pytest.mark.django_db
def test_expiry_is_configurable(force: Organisation, settings: object) -> None:
    settings.LEAFLET_LINK_TTL_DAYS = 7  # type: ignore[attr-defined]
    issue = _issue(force).issue
    assert issue.expires_at - issue.created_at == timedelta(days=7)


@pytest.mark.django_db
def test_a_typeable_code_is_stored_only_as_its_hash_and_opens_the_leaflet(
        client: Client, force: Organisation) -> None:
    force.short_link_base_url = "https://nbp.example"
    force.save()
    issued = _issue(force, language="pl")
    assert re.fullmatch(r"[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}", issued.code)
    assert issued.typed_url == f"nbp.example/{issued.code}"
    issue = LeafletIssue.objects.get()
    assert issue.code_hash == hash_code(issued.code)
    assert issued.code.replace("-", "") not in str(LeafletIssue.objects.values().get())
    for typed in (issued.code, issued.code.lower(), issued.code.replace("-", "")):
        response = client.get(f"/{typed}", HTTP_USER_AGENT=BROWSER_UA)
        assert response.status_code == 200
        assert '<html lang="pl"' in response.content.decode()
        assert "NB-12345-26" not in response.content.decode()  # only the token link shows it


@pytest.mark.django_db
def test_a_code_page_view_records_one_open(client: Client, force: Organisation) -> None:
    issued = _issue(force)
    html = client.get(f"/{issued.code}", HTTP_USER_AGENT=BROWSER_UA).content.decode()
    found = re.search(r'data-view="([^"]+)" data-lang', html)
    assert found
    beacon = re.search(r'data-beacon="([^"]+)"', html)
    assert beacon
    assert beacon.group(1) == f"/{issued.code}/opened"
    answer = client.post(beacon.group(1), {"v": found.group(1), "lang": "fr"},
                         HTTP_USER_AGENT=BROWSER_UA, HTTP_SEC_FETCH_SITE="same-origin")
    assert answer.status_code == 204
    assert LinkOpen.objects.filter(issue=issued.issue).count() == 1


@pytest.mark.django_db
def test_wrong_codes_count_against_the_same_limit_as_tokens(client: Client, force: Organisation,
                                                            settings: object) -> None:
    settings.LEAFLET_LINK_FAILURES_PER_WINDOW = 3  # type: ignore[attr-defined]
    issued = _issue(force)
    answers = [client.get(path).status_code
               for path in ("/2222-2222", "/3333-3333", "/l/AAAAAAAAAAAAAAAAAAAAAA",
                            f"/{issued.code}")]
    assert answers == [404, 404, 404, 429]
