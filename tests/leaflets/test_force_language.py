"""The demo force's details in every language: structured hours written out by Babel, names
translated where the force gave a translation, and never its free English text elsewhere."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils.html import escape

from demo.seed import FORCE_NAMES, SUPPORT_NAMES, seed_organisations
from i18n.catalogs import catalog
from i18n.languages import EASY_READ, SOURCE_LANGUAGE, all_languages, is_rtl
from i18n.opening_hours import format_opening_hours
from leaflets import services
from leaflets.contacts import contact_values
from leaflets.rendering import FSI, PDI
from leaflets.statuses import IssueChannel
from leaflets.texts import email_text, sms_text
from organisations.models import Organisation

CODES = [lang.code for lang in all_languages()]
TRANSLATED = [code for code in CODES if code not in {SOURCE_LANGUAGE, EASY_READ}]
LINK = "https://signpost.example/l/AbCdEfGhIjKlMnOpQrStUv"


@pytest.fixture
def demo_force(db: None) -> Organisation:
    return seed_organisations()[0]


def _renderings(client: Client, force: Organisation, code: str) -> dict[str, str]:
    """Every victim-facing text of the demo force in one language."""
    browser = {"Accept-Language": code.replace("_", "-")}
    issued = services.issue_leaflet(language=code, channels=[IssueChannel.SMS],
                                    organisation=force)
    contacts = contact_values(force)
    mail = email_text(catalog=catalog(code), contacts=contacts, link=LINK,
                      expires_on=date(2027, 3, 1))
    return {
        "page": client.get(f"/leaflet/{code}/").content.decode(),
        "large print": client.get(f"/leaflet/{code}/large-print/").content.decode(),
        "plain text": client.get(f"/leaflet/{code}/text/").content.decode(),
        "safety": client.get(f"/leaflet/{code}/safety/").content.decode(),
        "link": client.get(f"/l/{issued.token}").content.decode(),
        "picker": client.get("/leaflet/", headers=browser).content.decode(),
        "expired": client.get("/l/AAAAAAAAAAAAAAAAAAAAAA", headers=browser).content.decode(),
        "sms": sms_text(catalog=catalog(code), contacts=contacts, link=LINK).text,
        "email": mail.subject + "\n" + mail.body,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("code", TRANSLATED)
def test_no_translation_carries_the_forces_english_text(client: Client, demo_force: Organisation,
                                                        code: str) -> None:
    english = [demo_force.support_line_hours]
    if code in FORCE_NAMES:
        english += [demo_force.name, demo_force.support_line_name]
    for where, text in _renderings(client, demo_force, code).items():
        for phrase in english:
            assert phrase not in text, (where, phrase)


@pytest.mark.django_db
@pytest.mark.parametrize("code", TRANSLATED)
def test_pages_show_the_hours_and_names_in_the_language(client: Client, demo_force: Organisation,
                                                        code: str) -> None:
    renderings = _renderings(client, demo_force, code)
    hours = format_opening_hours(contact_values(demo_force).opening_hours, code)
    assert hours in renderings["page"].replace(FSI, "").replace(PDI, "")
    if code in FORCE_NAMES:
        assert FORCE_NAMES[code] in renderings["page"]
        assert SUPPORT_NAMES[code] in renderings["page"]
        assert FORCE_NAMES[code] in renderings["sms"]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["pl", "ar", "cy", "zh_Hans"])
def test_picker_and_expired_page_follow_the_browser_language(client: Client,
                                                             demo_force: Organisation,
                                                             code: str) -> None:
    heading = escape(catalog(code).text("Choose your language"))
    browser = {"Accept-Language": f"{code.replace('_', '-')};q=0.9,en;q=0.5"}
    picker = client.get("/leaflet/", headers=browser)
    expired = client.get("/l/AAAAAAAAAAAAAAAAAAAAAA", headers=browser).content.decode()
    assert heading in picker.content.decode()
    assert heading in expired
    assert escape(catalog(code).text("This link does not work any more")) in expired
    assert "Accept-Language" in picker["Vary"]


@pytest.mark.django_db
def test_english_pages_keep_the_free_text_when_no_days_and_times_are_set(
        client: Client, demo_force: Organisation) -> None:
    demo_force.support_line_opening_hours = []
    demo_force.save()
    assert demo_force.support_line_hours in client.get("/leaflet/en/").content.decode()
    assert demo_force.support_line_hours not in client.get("/leaflet/pl/").content.decode()


@pytest.mark.parametrize("code", [code for code in CODES if is_rtl(code)])
def test_rtl_messages_isolate_numbers_and_links(code: str) -> None:
    from leaflets.values import ContactValues

    contacts = ContactValues(force_name="Northbridge Police", support_name="Care",
                             support_phone="0808 157 0123")
    sms = sms_text(catalog=catalog(code), contacts=contacts, link=LINK).text
    mail = email_text(catalog=catalog(code), contacts=contacts, link=LINK,
                      expires_on=date(2027, 3, 1)).body
    assert f"{FSI}{LINK}{PDI}" in sms
    assert f"{FSI}0808 157 0123{PDI}" in mail
