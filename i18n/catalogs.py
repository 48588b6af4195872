"""Load the gettext catalogs (``locales/<code>/LC_MESSAGES/signpost.po``) for rendering.

Pure Python, no Django: the web app and the Rasa assistant both call :func:`catalog`. A compiled
``.mo`` is used when it is newer than its ``.po``; otherwise the ``.po`` is compiled in memory,
so a fresh clone works before ``make catalogs`` has run. Catalogs are cached per process;
:func:`clear_cache` forgets them (tests, reloads).

A deployment may hold catalogs its translators reviewed (the portal's translation review): the
web app registers a source of them with :func:`use_reviewed_source`, and :func:`catalog` prefers
one over the repository's file. The Rasa processes register none and read the files.

>>> catalog("en").text("Contents")
'Contents'
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from i18n.languages import LOCALES_DIR

DOMAIN = "signpost"
REVIEW_STATUS_HEADER = "X-Review-Status"


class ReviewStatus:
    """The values a catalog's X-Review-Status header may take."""

    SOURCE = "source"  # the English original
    MACHINE_DRAFT = "machine-draft"  # machine translated, not checked by a person
    REVIEWED = "reviewed"  # checked by a qualified translator

    ALL = frozenset({SOURCE, MACHINE_DRAFT, REVIEWED})
    UNREVIEWED = frozenset({MACHINE_DRAFT})


STATUS_HEADER_RE = re.compile(r'^"' + REVIEW_STATUS_HEADER + r':\s*([^"\\]*)', re.MULTILINE)


def review_status_of(po_text: str) -> str:
    """The X-Review-Status header of a .po file's text ("" when absent; Babel drops it)."""
    found = STATUS_HEADER_RE.search(po_text)
    return found.group(1).strip() if found else ""


def po_path(code: str, locales_dir: Path = LOCALES_DIR, domain: str = DOMAIN) -> Path:
    return locales_dir / code / "LC_MESSAGES" / f"{domain}.po"


def mo_path(code: str, locales_dir: Path = LOCALES_DIR, domain: str = DOMAIN) -> Path:
    return po_path(code, locales_dir, domain).with_suffix(".mo")


@dataclass(frozen=True)
class Catalog:
    """One language's translations, with its review status."""

    code: str
    translations: Translations
    review_status: str

    @property
    def unreviewed(self) -> bool:
        return self.review_status in ReviewStatus.UNREVIEWED

    def text(self, message: str, /, **values: object) -> str:
        """The translation of message, with %(name)s placeholders filled from values."""
        translated: str = self.translations.gettext(message)
        return translated % values if values else translated

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        translated: str = self.translations.ngettext(singular, plural, count)
        return translated % values if values else translated


def _load(code: str, locales_dir: Path, domain: str = DOMAIN) -> Catalog:
    po, mo = po_path(code, locales_dir, domain), mo_path(code, locales_dir, domain)
    raw = po.read_bytes()
    parsed = read_po(io.BytesIO(raw), locale=None, domain=domain)
    status = review_status_of(raw.decode("utf-8"))
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        data = mo.read_bytes()
    else:
        buffer = io.BytesIO()
        write_mo(buffer, parsed)
        data = buffer.getvalue()
    translations = Translations(io.BytesIO(data), domain=domain)
    return Catalog(code=code, translations=translations, review_status=status)


def _compile(code: str, raw: bytes, domain: str, status: str) -> Catalog:
    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(raw), locale=None, domain=domain))
    translations = Translations(io.BytesIO(buffer.getvalue()), domain=domain)
    return Catalog(code=code, translations=translations, review_status=status)


# (language code, domain) -> (version, .po text) of a deployment's reviewed catalog, or None.
ReviewedSource = Callable[[str, str], "tuple[str, str] | None"]
_reviewed_source: list[ReviewedSource] = []


def use_reviewed_source(source: ReviewedSource | None) -> None:
    """Prefer the catalogs ``source`` returns over the repository's (None: the files only)."""
    _reviewed_source.clear()
    if source is not None:
        _reviewed_source.append(source)


@lru_cache(maxsize=256)
def _reviewed(code: str, domain: str, version: str, text: str) -> Catalog:
    # The version is part of the key: a new import is a new catalog object, so callers that keep
    # a rendering per catalog object (leaflets.pages) render again.
    return _compile(code, text.encode("utf-8"), domain, ReviewStatus.REVIEWED)


@cache
def _cached(code: str, locales_dir: Path, domain: str = DOMAIN) -> Catalog:
    return _load(code, locales_dir, domain)


def catalog(code: str, *, locales_dir: Path = LOCALES_DIR, domain: str = DOMAIN) -> Catalog:
    """The catalog for a language code of languages.tsv; FileNotFoundError if it has none.

    ``domain`` names the gettext domain: ``signpost`` (the leaflet) or ``assistant``.
    """
    if _reviewed_source and locales_dir == LOCALES_DIR:
        found = _reviewed_source[0](code, domain)
        if found is not None:
            return _reviewed(code, domain, *found)
    return _cached(code, locales_dir, domain)


def clear_cache() -> None:
    _cached.cache_clear()
    _reviewed.cache_clear()
