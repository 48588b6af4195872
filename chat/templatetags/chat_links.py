"""``{% ask_question_link code %}``: the leaflet's "Ask a question" link to the web chat;
``{{ text|linkify }}``: a reply with its web addresses and phone numbers as links."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from assistant.translate import translate
from assistant.web_chat_texts import TEXTS

register = template.Library()


@register.simple_tag
def ask_question_link(code: str) -> SafeString:
    return format_html('<a href="{}">{}</a>', reverse("chat:chat", args=[code]),
                       translate(TEXTS.title, code))


# A web address, or a phone number: 999, 101, a UK number (0…, +44…) or another +… number.
_LINKABLE = re.compile(
    r"(?P<url>https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])"
    r"|(?P<phone>(?<![\w+])(?:999|101|0\d{2,4}(?:[ -]?\d){6,8}|\+\d(?:[ -]?\d){8,14})(?![\w]))")


@register.filter
def linkify(text: str) -> SafeString:
    """The reply escaped, with line breaks, web addresses (http and https only) and phone
    numbers (``tel:``) as links. Nothing of the text is trusted: every piece is escaped."""
    parts, last = [], 0
    for found in _LINKABLE.finditer(text):
        parts.append(escape(text[last:found.start()]))
        if found.group("url"):
            parts.append(format_html('<a href="{}" rel="noreferrer">{}</a>', found.group("url"),
                                     found.group("url")))
        else:
            number = found.group("phone")
            parts.append(format_html('<a href="tel:{}" dir="ltr">{}</a>',
                                     re.sub(r"[ -]", "", number), number))
        last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 (every part escaped)
