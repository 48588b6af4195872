"""Turn the content structure and one catalog into translated, filled-in page content.

The result is plain data (no HTML): the templates render it, the plain-text view prints it, and
a web address or phone number inside a sentence comes out as its own run so it can be a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields

from i18n.catalogs import Catalog
from i18n.languages import is_rtl
from leaflets.content import LEAFLET, SAFETY_PAGE, UI, Plural, Section, Text
from leaflets.values import ContactValues

PLACEHOLDER_RE = re.compile(r"%\((\w+)\)[sd]")
_MARK = "\x00"
# First-strong isolate and pop: keep a left-to-right value ("Northbridge Police (demo)") from
# scrambling the punctuation of a right-to-left sentence around it.
FSI, PDI = "\u2068", "\u2069"


def isolated(value: str, code: str) -> str:
    """A value (name, number, reference, address) isolated from a right-to-left sentence.

    >>> isolated("0808 157 0123", "ar") == FSI + "0808 157 0123" + PDI, isolated("101", "pl")
    (True, '101')
    """
    return f"{FSI}{value}{PDI}" if value and is_rtl(code) else value


def _isolated(value: str, catalog: Catalog) -> str:
    return isolated(value, catalog.code)


@dataclass(frozen=True)
class Run:
    text: str
    href: str = ""  # a link when set
    # Set on a link in a right-to-left text: plain text wraps it in isolates (pages use dir=ltr).
    isolate: bool = False

    @property
    def plain(self) -> str:
        return f"{FSI}{self.text}{PDI}" if self.isolate else self.text


Paragraph = tuple[Run, ...]


@dataclass(frozen=True)
class RenderedItem:
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class RenderedSection:
    slug: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    items: tuple[RenderedItem, ...]
    ordered: bool
    after: tuple[Paragraph, ...]


def tel_href(phone: str) -> str:
    """A tap-to-call link for a phone number as people write it ("" for none).

    >>> tel_href("0808 157 0123")
    'tel:08081570123'
    """
    digits = re.sub(r"[^0-9+]", "", phone)
    return f"tel:{digits}" if digits else ""


def _href(name: str, value: str, contacts: ContactValues) -> str:
    if name in contacts.web_addresses:
        return value
    if name in contacts.phone_numbers:
        return tel_href(value)
    return ""


def _source_names(text: Text) -> set[str]:
    source = text if isinstance(text, str) else text.singular + text.plural
    return set(PLACEHOLDER_RE.findall(source))


def render_text(text: Text, catalog: Catalog, contacts: ContactValues) -> tuple[Paragraph, ...]:
    """One message, translated and filled in, split into paragraphs at line breaks.

    Returns () when a placeholder it needs has no value (the force has not configured it).
    """
    values = contacts.for_language(catalog.code).as_dict()
    names = _source_names(text) - ({text.count_name} if isinstance(text, Plural) else set())
    if any(not values.get(name) for name in names):
        return ()
    links: list[tuple[str, str]] = []
    marked: dict[str, object] = {}
    for name in names:
        href = _href(name, values[name], contacts)
        if href:
            marked[name] = f"{_MARK}{len(links)}{_MARK}"
            links.append((values[name], href))
        else:
            marked[name] = _isolated(values[name], catalog)
    if isinstance(text, Plural):
        marked[text.count_name] = text.count
        filled = catalog.plural(text.singular, text.plural, text.count, **marked)
    else:
        filled = catalog.text(text, **marked) if marked else catalog.text(text)
    paragraphs = []
    for line in filled.split("\n"):
        if not line.strip():
            continue
        runs = []
        for index, part in enumerate(line.split(_MARK)):
            if index % 2 == 1 and part.isdigit() and int(part) < len(links):
                value, href = links[int(part)]
                runs.append(Run(value, href, isolate=is_rtl(catalog.code)))
            elif part:
                runs.append(Run(part))
        paragraphs.append(tuple(runs))
    return tuple(paragraphs)


def _texts(
    texts: Iterable[Text], catalog: Catalog, contacts: ContactValues
) -> tuple[Paragraph, ...]:
    return tuple(p for text in texts for p in render_text(text, catalog, contacts))


def render_section(section: Section, catalog: Catalog, contacts: ContactValues) -> RenderedSection:
    contacts = contacts.for_language(catalog.code)
    return RenderedSection(
        slug=section.slug,
        title=catalog.text(section.title),
        paragraphs=_texts(section.paragraphs, catalog, contacts),
        items=tuple(
            RenderedItem(title=catalog.text(item.title) if item.title else "",
                         paragraphs=render_text(item.text, catalog, contacts))
            for item in section.items
        ),
        ordered=section.ordered,
        after=_texts(section.after, catalog, contacts),
    )


def render_leaflet(catalog: Catalog, contacts: ContactValues) -> tuple[RenderedSection, ...]:
    return tuple(render_section(section, catalog, contacts) for section in LEAFLET)


def render_safety(catalog: Catalog, contacts: ContactValues) -> RenderedSection:
    return render_section(SAFETY_PAGE, catalog, contacts)


def ui_texts(catalog: Catalog, contacts: ContactValues) -> dict[str, str]:
    """The page furniture (titles, buttons, notices) translated; "" when a value is missing."""
    values = contacts.for_language(catalog.code).as_dict()
    texts = {}
    for item in fields(UI):
        message: str = getattr(UI, item.name)
        names = PLACEHOLDER_RE.findall(message)
        if any(not values.get(name) for name in names):
            texts[item.name] = ""
        else:
            texts[item.name] = catalog.text(
                message, **{n: _isolated(values[n], catalog) for n in names})
    return texts


def plain_text(sections: Iterable[RenderedSection], title: str) -> str:
    """The leaflet as plain text (the "plain text version", and a base for email bodies)."""
    def line(paragraph: Paragraph) -> str:
        return "".join(run.plain for run in paragraph)

    out = [title, "=" * len(title), ""]
    for section in sections:
        out += [section.title, "-" * len(section.title)]
        out += [line(p) for p in section.paragraphs]
        for number, item in enumerate(section.items, start=1):
            bullet = f"{number}." if section.ordered else "*"
            head = f"{bullet} {item.title}" if item.title else bullet
            body = " ".join(line(p) for p in item.paragraphs)
            out.append(f"{head}: {body}" if item.title else f"{head} {body}")
        out += [line(p) for p in section.after]
        out.append("")
    return "\n".join(out)


def section_texts(sections: Iterable[RenderedSection]) -> list[str]:
    """Every heading and paragraph of the sections as plain strings (for measuring)."""
    def line(paragraph: Paragraph) -> str:
        return "".join(run.text for run in paragraph)

    out: list[str] = []
    for section in sections:
        out.append(section.title)
        out += [line(p) for p in section.paragraphs + section.after]
        for item in section.items:
            out += [item.title] if item.title else []
            out += [line(p) for p in item.paragraphs]
    return out
