"""The SMS and email texts that carry a leaflet link, rendered from the same catalogs.

Issue 3 only renders them (and measures the SMS); the gateway (messaging/) sends them.
No Django dependency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from channels.segments import SmsSize, measure
from leaflets.catalogs import Catalog
from leaflets.content import TEXTS
from leaflets.languages import formatting_locale
from leaflets.rendering import isolated
from leaflets.values import ContactValues

MAX_SMS_SEGMENTS = 3


@dataclass(frozen=True)
class SmsText:
    text: str
    size: SmsSize


@dataclass(frozen=True)
class EmailText:
    subject: str
    body: str


def sms_text(*, catalog: Catalog, contacts: ContactValues, link: str) -> SmsText:
    """The one-line SMS carrying the link, with its encoding and segment count."""
    code = catalog.code
    contacts = contacts.for_language(code)
    text = catalog.text(TEXTS.sms, force_name=isolated(contacts.force_name, code),
                        link=isolated(link, code))
    return SmsText(text=text, size=measure(text))


def email_text(*, catalog: Catalog, contacts: ContactValues, link: str,
               expires_on: date) -> EmailText:
    """The email carrying the link; a line whose value is missing (no support line) is left out."""
    code = catalog.code
    values: dict[str, str] = {
        **contacts.for_language(code).as_dict(),
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
    return EmailText(subject=catalog.text(TEXTS.email_subject), body="\n\n".join(lines) + "\n")
