"""Build the context of each public page: language, translated texts, links. No HTTP here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from i18n.catalogs import Catalog, catalog
from i18n.languages import (
    EASY_READ,
    SOURCE_LANGUAGE,
    Language,
    all_languages,
    language,
)
from leaflets.content import UI
from leaflets.rendering import (
    PLACEHOLDER_RE,
    isolated,
    render_leaflet,
    render_safety,
    tel_href,
    ui_texts,
)
from leaflets.values import ContactValues, IssueDetails


class Variant(StrEnum):
    STANDARD = "standard"
    LARGE_PRINT = "large-print"


# Pages whose draft notice is not repeated in English: Easy Read is read by English readers, and
# Welsh has equal status with English in Wales (the English text is not "the official one").
NO_ENGLISH_REPEAT = frozenset({SOURCE_LANGUAGE, EASY_READ, "cy"})


# Easy Read's pictures (leaflets/static/leaflets/pictures, drawn for this project): beside the
# help lines and these sections' headings. Each stands beside words that say the same, so its
# alt text is empty (WCAG: a decorative image next to its text).
EASY_READ_PICTURES = {
    "next": "leaflets/pictures/police.svg",
    "rights": "leaflets/pictures/police.svg",
    "support": "leaflets/pictures/support.svg",
    "safety": "leaflets/pictures/phone.svg",
    "contacts": "leaflets/pictures/phone.svg",
}


@dataclass(frozen=True)
class Choice:
    language: Language
    url: str


def _common(lang: Language, contacts: ContactValues, *, title_key: str,
            languages_url: str) -> dict[str, Any]:
    cat = catalog(lang.code)
    ui = ui_texts(cat, contacts)
    ui_en = ui if lang.code == SOURCE_LANGUAGE else ui_texts(catalog(SOURCE_LANGUAGE), contacts)
    return {
        "lang": lang,
        "ui": ui,
        "ui_en": ui_en,
        "title": ui[title_key],
        "unreviewed": cat.unreviewed,
        "exit_url": settings.LEAFLET_EXIT_URL,
        "english_url": reverse("leaflets:leaflet", args=[SOURCE_LANGUAGE]),
        "safety_url": reverse("leaflets:safety", args=[lang.code]),
        "languages_url": languages_url,
        "body_class": "easy-read" if lang.is_easy_read else "",
        "repeat_in_english": lang.code not in NO_ENGLISH_REPEAT,
        "pictures": EASY_READ_PICTURES if lang.is_easy_read else {},
        "support_tel": tel_href(contacts.support_phone),
    }


# Rendered leaflet bodies: the same for every request in one language with one force's contact
# details, so each is rendered once per process (the benchmark found the template render was
# most of a page's cost). An entry keeps the catalog it was rendered from: a reloaded catalog
# (a new object) never matches an old body.
_BODIES: dict[tuple[str, ContactValues], tuple[Catalog, SafeString]] = {}
_BODIES_MAX = 512


def _leaflet_body(code: str, contacts: ContactValues, context: dict[str, Any]) -> SafeString:
    cat = catalog(code)
    cached = _BODIES.get((code, contacts))
    if cached is not None and cached[0] is cat:
        return cached[1]
    sections = render_leaflet(cat, contacts)
    body = render_to_string("leaflets/_leaflet_body.html", {**context, "sections": sections})
    if len(_BODIES) >= _BODIES_MAX:
        _BODIES.clear()
    _BODIES[(code, contacts)] = (cat, body)
    return body


def personal_lines(*, code: str, contacts: ContactValues, details: IssueDetails) -> list[str]:
    """The lines only one victim's page shows: the written record of their report (crime
    reference, officer) and how to check that the link is genuine; blank ones left out."""
    cat = catalog(code)
    contacts = contacts.for_language(code)
    values = {**contacts.as_dict(), **details.as_dict()}
    lines = []
    for message in (UI.crime_reference, UI.officer, UI.check_genuine):
        names = PLACEHOLDER_RE.findall(message)
        if all(values.get(name) for name in names):
            lines.append(cat.text(message, **{n: isolated(values[n], code) for n in names}))
    return lines


def leaflet_context(*, code: str, contacts: ContactValues, variant: Variant = Variant.STANDARD,
                    languages_url: str = "", details: IssueDetails | None = None,
                    ) -> dict[str, Any]:
    """Everything leaflet.html needs for one language and variant; with an issue's details,
    the lines for that victim."""
    lang = language(code)
    context = _common(lang, contacts, title_key="leaflet_title",
                      languages_url=languages_url or reverse("leaflets:picker"))
    if details is not None:
        context["personal"] = personal_lines(code=code, contacts=contacts, details=details)
    context.update({
        "variant": variant.value,
        "standard_url": reverse("leaflets:leaflet", args=[code]),
        "large_print_url": reverse("leaflets:large_print", args=[code]),
        "text_url": reverse("leaflets:text", args=[code]),
    })
    if variant is Variant.LARGE_PRINT:
        context["body_class"] = f"{context['body_class']} large-print".strip()
    context["body_html"] = _leaflet_body(code, contacts, context)
    return context


# The token link's page: the leaflet page of one language and force, plus what differs per view
# (the victim's lines, the beacon and language-picker addresses, the view id). Rendering it per
# request cost the link most of its time, so each language's page is rendered once per process
# with stand-ins for those four, which are put in, escaped as the template would, per view.
_SLOT_LANGUAGES = "sp-slot-languages-url-c41f9e"
_SLOT_BEACON = "sp-slot-beacon-url-c41f9e"
_SLOT_VIEW = "sp-slot-view-id-c41f9e"
_SLOT_PERSONAL = "sp-slot-personal-c41f9e"
_PERSONAL_BLOCK = '<div class="personal">{}</div>'
_ISSUE_PAGES: dict[tuple[str, ContactValues], tuple[Catalog, str]] = {}


def _issue_page_template(code: str, contacts: ContactValues) -> str:
    cat = catalog(code)
    cached = _ISSUE_PAGES.get((code, contacts))
    if cached is not None and cached[0] is cat:
        return cached[1]
    context = leaflet_context(code=code, contacts=contacts, languages_url=_SLOT_LANGUAGES)
    context.update({"beacon_url": _SLOT_BEACON, "view_id": _SLOT_VIEW,
                    "personal": [_SLOT_PERSONAL]})
    page: str = render_to_string("leaflets/leaflet.html", context)
    stand_in = _PERSONAL_BLOCK.format(f"<p>{_SLOT_PERSONAL}</p>")
    if stand_in not in page:
        raise RuntimeError("leaflet.html no longer renders the personal lines as expected")
    page = page.replace(stand_in, _SLOT_PERSONAL)
    if len(_ISSUE_PAGES) >= _BODIES_MAX:
        _ISSUE_PAGES.clear()
    _ISSUE_PAGES[(code, contacts)] = (cat, page)
    return page


def issue_page(*, code: str, contacts: ContactValues, languages_url: str, beacon_url: str,
               view_id: str, details: IssueDetails | None = None) -> str:
    """leaflet.html for one view of an issue's page: the same bytes as rendering it with
    ``leaflet_context(…, details=details)`` plus ``beacon_url`` and ``view_id``."""
    lines = personal_lines(code=code, contacts=contacts, details=details) if details else []
    personal = _PERSONAL_BLOCK.format("".join(
        f"<p>{conditional_escape(line)}</p>" for line in lines)) if lines else ""
    return (_issue_page_template(code, contacts)
            .replace(_SLOT_PERSONAL, personal)
            .replace(_SLOT_LANGUAGES, conditional_escape(languages_url))
            .replace(_SLOT_BEACON, conditional_escape(beacon_url))
            .replace(_SLOT_VIEW, conditional_escape(view_id)))


def safety_context(*, code: str, contacts: ContactValues) -> dict[str, Any]:
    lang = language(code)
    context = _common(lang, contacts, title_key="safety_link",
                      languages_url=reverse("leaflets:picker"))
    context.update({
        "section": render_safety(catalog(code), contacts),
        "leaflet_url": reverse("leaflets:leaflet", args=[code]),
    })
    return context


def picker_context(*, contacts: ContactValues, code: str = SOURCE_LANGUAGE, token: str = "",
                   invalid_link: bool = False, languages: tuple[Language, ...] | None = None,
                   ) -> dict[str, Any]:
    """The language picker: its words in one language (the browser's, or the issue's), every
    language by its own name.

    With a token, each choice opens that issue's link in the chosen language. ``languages``:
    the ones the force offers (``leaflets.publishing.offered_languages``; default all).
    """
    own_url = reverse("leaflets:link_languages", args=[token]) if token else reverse(
        "leaflets:picker")
    context = _common(language(code), contacts,
                      title_key="link_not_valid_title" if invalid_link else "choose_language",
                      languages_url=own_url)
    link = reverse("leaflets:link", args=[token]) if token else ""
    context.update({
        "invalid_link": invalid_link,
        "choices": [
            Choice(lang, f"{link}?lang={lang.code}" if token
                   else reverse("leaflets:leaflet", args=[lang.code]))
            for lang in (all_languages() if languages is None else languages)
        ],
    })
    return context
