"""The SMS and email texts that carry a leaflet link, rendered from the same catalogs.

This module only renders them (and measures the SMS); the gateway (messaging/) sends them.
No Django dependency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from i18n.catalogs import Catalog
from i18n.languages import formatting_locale
from leaflets.content import TEXTS, UI
from leaflets.email_html import email_html
from leaflets.rendering import isolated
from leaflets.values import ContactValues, IssueDetails
from messaging.segments import SmsSize, measure

NO_DETAILS = IssueDetails()

MAX_SMS_SEGMENTS = 3
# With the crime reference and the officer's name (the victim's written record of their report)
# a Unicode SMS needs one more segment; worth it, and still one message on the phone.
MAX_SMS_SEGMENTS_WITH_DETAILS = 4


@dataclass(frozen=True)
class SmsText:
    text: str
    size: SmsSize


@dataclass(frozen=True)
class EmailText:
    subject: str
    body: str
    html: str = ""


def sms_text(*, catalog: Catalog, contacts: ContactValues, link: str,
             details: IssueDetails = NO_DETAILS) -> SmsText:
    """The SMS carrying the link (the force's name first), then the crime reference and the
    officer when given, with its encoding and segment count."""
    code = catalog.code
    contacts = contacts.for_language(code)
    lines = [catalog.text(TEXTS.sms, force_name=isolated(contacts.force_name, code),
                          link=isolated(link, code))]
    if details.crime_reference:
        lines.append(catalog.text(UI.crime_reference,
                                  crime_reference=isolated(details.crime_reference, code)))
    if details.officer:
        lines.append(catalog.text(UI.officer, officer=isolated(details.officer, code)))
    text = "\n".join(lines)
    return SmsText(text=text, size=measure(text))


def email_text(*, catalog: Catalog, contacts: ContactValues, link: str,
               expires_on: date, details: IssueDetails = NO_DETAILS,
               logo_url: str = "") -> EmailText:
    """The email carrying the link, as plain text and HTML; a line whose value is missing (no
    support line, no crime reference yet) is left out. The subject names the force."""
    code = catalog.code
    localised = contacts.for_language(code)
    values: dict[str, str] = {
        **localised.as_dict(),
        **details.as_dict(),
        "link": link,
        "expiry_date": format_date(expires_on, format="long", locale=formatting_locale(code)),
    }
    # Numbers, addresses and names keep their own direction inside a right-to-left sentence.
    values = {name: isolated(value, code) for name, value in values.items()}
    lines = []
    for message in TEXTS.email_body:
        if message == "%(link)s":
            lines.append(link)  # alone on its line: no isolates, so mail apps see a clean link
            continue
        needed = [name for name in values if f"%({name})s" in message]
        if any(not values[name] for name in needed):
            continue
        lines.append(catalog.text(message, **{name: values[name] for name in needed}))
    subject = catalog.text(TEXTS.email_subject)
    if localised.force_name:
        subject = f"{subject} ({values['force_name']})"
    html = email_html(lines=lines, link=link, code=code, title=subject,
                      force_name=localised.force_name, button=catalog.text(UI.leaflet_title),
                      logo_url=logo_url)
    return EmailText(subject=subject, body="\n\n".join(lines) + "\n", html=html)
