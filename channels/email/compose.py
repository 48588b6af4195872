"""Building an outbound email: multipart plain text and HTML, with a Message-ID we can match.

The Message-ID's local part is our message id, so a bounce naming it leads straight back:

>>> message_id_header("6f1c0c1e-0000-4000-8000-000000000000", "signpost.example")
'<6f1c0c1e-0000-4000-8000-000000000000@signpost.example>'
>>> message_id_from_header("<6f1c0c1e-0000-4000-8000-000000000000@signpost.example>")
'6f1c0c1e-0000-4000-8000-000000000000'
"""

from __future__ import annotations

import html
import re
import uuid
from email.message import EmailMessage
from email.utils import formatdate

from messaging.results import OutboundEmail

RTL_LANGUAGES = frozenset({"ar", "fa", "fa_AF", "ps", "ckb", "ur", "he", "yi"})
_MESSAGE_ID = re.compile(r"<([0-9a-fA-F-]{32,36})@[^<>@\s]+>")


def message_id_header(message_id: str, domain: str) -> str:
    return f"<{message_id}@{domain}>"


def message_id_from_header(value: str) -> str | None:
    """Our message id from a Message-ID header value, or None if it is not one of ours."""
    found = _MESSAGE_ID.search(value or "")
    if found is None:
        return None
    try:
        return str(uuid.UUID(found.group(1)))
    except ValueError:
        return None


def html_from_text(text: str, language: str) -> str:
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    paragraphs = "".join(
        f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>"
        for block in text.split("\n\n")
        if block.strip()
    )
    lang = html.escape(language.replace("_", "-"))
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        f"</head><body>{paragraphs}</body></html>"
    )


def build_email(mail: OutboundEmail, *, from_address: str, domain: str) -> EmailMessage:
    message = EmailMessage()
    # The force's From name and address when it has one; bounces still come to from_address
    # (the envelope sender).
    message["From"] = mail.sender or from_address
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = message_id_header(mail.message_id, domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.text)
    message.add_alternative(mail.html or html_from_text(mail.text, mail.language), subtype="html")
    message["Content-Language"] = mail.language.replace("_", "-")  # set_content drops Content-*
    return message


def domain_of(address: str) -> str:
    """The domain of the From address, for Message-IDs (``localhost`` if there is none)."""
    return address.rpartition("@")[2].strip(" >") or "localhost"
