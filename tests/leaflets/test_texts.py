"""The SMS and email texts carrying the link, in every language."""

from __future__ import annotations

from datetime import date

import pytest

from i18n.catalogs import catalog
from i18n.languages import all_languages
from leaflets.texts import (
    MAX_SMS_SEGMENTS,
    MAX_SMS_SEGMENTS_WITH_DETAILS,
    email_text,
    sms_text,
)
from leaflets.values import ContactValues, IssueDetails
from messaging.segments import Encoding

# As long as a real link gets: an https base of 25 characters, /l/ and a 22-character token.
LINK = "https://victims.force.example/l/AbCdEfGhIjKlMnOpQrStUv"


# A reference and an officer as long as real ones get.
DETAILS = IssueDetails(crime_reference="NB/012345/26", officer="PC 12345 Alexandra Richardson",
                       site_address="victims.force.example")


@pytest.mark.parametrize("code", [lang.code for lang in all_languages()])
def test_every_language_sms_fits_three_segments(code: str, contacts: ContactValues) -> None:
    sms = sms_text(catalog=catalog(code), contacts=contacts, link=LINK)
    assert LINK in sms.text
    assert contacts.force_name in sms.text
    assert sms.size.segments <= MAX_SMS_SEGMENTS, (code, sms.size)
    detailed = sms_text(catalog=catalog(code), contacts=contacts, link=LINK, details=DETAILS)
    assert DETAILS.crime_reference in detailed.text
    assert DETAILS.officer in detailed.text
    assert detailed.size.segments <= MAX_SMS_SEGMENTS_WITH_DETAILS, (code, detailed.size)


def test_sms_names_the_reference_and_officer_when_given(contacts: ContactValues) -> None:
    sms = sms_text(catalog=catalog("en"), contacts=contacts, link=LINK, details=DETAILS)
    assert sms.text.splitlines()[1:] == ["Your crime reference number: NB/012345/26",
                                         "Police officer: PC 12345 Alexandra Richardson"]
    assert sms.size.encoding is Encoding.GSM7


def test_email_names_the_force_reference_officer_and_how_to_check(
        contacts: ContactValues) -> None:
    email = email_text(catalog=catalog("en"), contacts=contacts, link=LINK,
                       expires_on=date(2027, 2, 19), details=DETAILS,
                       logo_url="https://police.northbridge.example/logo.png")
    assert email.subject == "Your rights as a victim of crime (Northbridge Police (demo))"
    for line in ("Your crime reference number: NB/012345/26",
                 "Police officer: PC 12345 Alexandra Richardson",
                 "To check this is genuine, look for victims.force.example on the police "
                 "website: https://police.northbridge.example/"):
        assert line in email.body
        assert line in email.html
    assert f'<a href="{LINK}"' in email.html
    assert "Northbridge Police (demo)</div>" in email.html
    assert 'src="https://police.northbridge.example/logo.png"' in email.html


def test_arabic_email_html_is_right_to_left_with_isolated_values(
        contacts: ContactValues) -> None:
    email = email_text(catalog=catalog("ar"), contacts=contacts, link=LINK,
                       expires_on=date(2027, 2, 19), details=DETAILS)
    assert '<html lang="ar" dir="rtl">' in email.html
    assert "\u2068NB/012345/26\u2069" in email.body
    assert "\u20680808 157 0123\u2069" in email.html


def test_english_sms_is_one_gsm_segment(contacts: ContactValues) -> None:
    sms = sms_text(catalog=catalog("en"), contacts=contacts, link=LINK)
    assert sms.text == f"{contacts.force_name}: your rights as a victim of crime: {LINK}"
    assert sms.size.encoding is Encoding.GSM7
    assert sms.size.segments == 1


def test_email_carries_link_expiry_and_support_line(contacts: ContactValues) -> None:
    email = email_text(catalog=catalog("en"), contacts=contacts, link=LINK,
                       expires_on=date(2027, 2, 19))
    assert email.subject.startswith("Your rights as a victim of crime")
    assert LINK in email.body
    assert "This link works until 19 February 2027." in email.body
    assert "call Northbridge Victim Care (demo) on 0808 157 0123" in email.body


def test_email_leaves_out_a_line_whose_detail_is_missing(contacts: ContactValues) -> None:
    bare = ContactValues(force_name=contacts.force_name)
    email = email_text(catalog=catalog("en"), contacts=bare, link=LINK,
                       expires_on=date(2027, 2, 19))
    assert "If you need help now" not in email.body
    assert "%(" not in email.body


@pytest.mark.parametrize("code", [lang.code for lang in all_languages()])
def test_every_language_email_renders(code: str, contacts: ContactValues) -> None:
    email = email_text(catalog=catalog(code), contacts=contacts, link=LINK,
                       expires_on=date(2027, 2, 19))
    assert email.subject
    assert LINK in email.body
    assert "%(" not in email.body
