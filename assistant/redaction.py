"""Phone numbers, email addresses and names in free text, found and replaced by ``[phone]``,
``[email]`` and ``[name]``.

What a victim types may hold a safe number, an address or their name ("text me on 07700 900123",
"my name is Amara"). The places that keep free text longer than the turn it came in (Rasa's
tracker events, a needs assessment's free-text answers) keep the redacted form; the value itself
is kept only where it is encrypted (a ``Recipient``'s phone, ``InboundMessage.body``, the web
chat's sealed turns). Names are found by the phrases that introduce them (``assistant.names``).
Pure: no Django, so the Rasa server imports it.

Numbers are what libphonenumber finds in the text as written in the UK (``PhoneNumberMatcher``,
region GB; UK mobiles in Ofcom's drama range count too, though libphonenumber calls them
invalid), plus any number in international form (``+`` and 8 to 15 digits), which
libphonenumber may not know.

>>> redact("call me on 07700 900123 or mail amara.okafor@example.org")
'call me on [phone] or mail [email]'
>>> redact("my safe number is +48 601 234 567, after 6pm")
'my safe number is [phone], after 6pm'
>>> redact("I was burgled on 12/03/2026 at 10:30, crime ref 42/1234/26")
'I was burgled on 12/03/2026 at 10:30, crime ref 42/1234/26'
>>> [found.kind for found in find_contacts("a@b.co and 020 7946 0958")]
[<ContactKind.EMAIL: 'email'>, <ContactKind.PHONE: 'phone'>]
>>> redact("my name is Amara Okafor, text 07700 900123")
'my name is [name], text [phone]'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers

from assistant.names import find_names

REGION = "GB"
# Loose on purpose: a false "[email]" in a stored transcript costs nothing, a missed one leaks.
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_E164 = re.compile(r"\+[\s().-]*\d(?:[\s().-]*\d){7,14}")


_POSSIBLE = phonenumbers.Leniency.POSSIBLE
# UK mobiles, including Ofcom's drama range (07700 900xxx), which libphonenumber calls invalid.
_UK_MOBILE = re.compile(r"^7\d{9}$")


def _is_number(number: phonenumbers.PhoneNumber) -> bool:
    """A number libphonenumber knows, or shaped like a UK mobile; not any run of digits (a
    crime reference such as 42/1234/26 is a "possible" number too)."""
    return phonenumbers.is_valid_number(number) or (
        number.country_code == 44 and bool(_UK_MOBILE.match(str(number.national_number))))


class ContactKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    NAME = "name"


@dataclass(frozen=True)
class FoundContact:
    kind: ContactKind
    start: int
    end: int


def find_contacts(text: str) -> list[FoundContact]:
    """The phone numbers, email addresses and names in ``text``, in order, never overlapping."""
    spans = [FoundContact(ContactKind.EMAIL, m.start(), m.end()) for m in _EMAIL.finditer(text)]
    spans += [FoundContact(ContactKind.PHONE, m.start, m.end)
              for m in phonenumbers.PhoneNumberMatcher(text, REGION, leniency=_POSSIBLE)
              if _is_number(m.number)]
    spans += [FoundContact(ContactKind.PHONE, m.start(), m.end()) for m in _E164.finditer(text)]
    spans += [FoundContact(ContactKind.NAME, start, end) for start, end in find_names(text)]
    kept: list[FoundContact] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if kept and span.start < kept[-1].end:
            if span.end > kept[-1].end:  # overlapping finds: one span covering both
                kept[-1] = FoundContact(kept[-1].kind, kept[-1].start, span.end)
            continue
        kept.append(span)
    return kept


def has_contact(text: str) -> bool:
    return bool(find_contacts(text))


def redact(text: str) -> str:
    """``text`` with each phone number, email address and name replaced by ``[phone]``,
    ``[email]`` or ``[name]``."""
    out, last = [], 0
    for found in find_contacts(text):
        out += [text[last:found.start], f"[{found.kind}]"]
        last = found.end
    return "".join([*out, text[last:]])
