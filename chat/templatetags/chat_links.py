"""``{% ask_question_link code %}``: the leaflet's "Ask a question" link to the web chat."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from assistant.translate import translate
from chat.texts import TEXTS

register = template.Library()


@register.simple_tag
def ask_question_link(code: str) -> SafeString:
    return format_html('<a href="{}">{}</a>', reverse("chat:chat", args=[code]),
                       translate(TEXTS.title, code))
