"""The leaflet's languages (``locales/languages.tsv``) with their CLDR names and text direction.

No Django dependency: the assistant uses the same table.

>>> language("fa_AF").html_lang, language("fa_AF").direction
('fa-AF', 'rtl')
>>> language("en-easy").html_lang
'en'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES_TSV = LOCALES_DIR / "languages.tsv"
SOURCE_LANGUAGE = "en"
EASY_READ = "en-easy"
UNCASED_NAMES = frozenset({"ka"})


@dataclass(frozen=True)
class Language:
    code: str  # the catalog's code, as in languages.tsv (Babel/CLDR identifier, or en-easy)
    english_name: str
    native_name: str
    direction: str  # "ltr" or "rtl"
    html_lang: str  # BCP 47 tag for the lang attribute

    @property
    def is_easy_read(self) -> bool:
        return self.code == EASY_READ


def babel_locale_code(code: str) -> str:
    """The Babel locale behind a catalog code (Easy Read is English)."""
    return SOURCE_LANGUAGE if code == EASY_READ else code


# Dates, times and day names in the variant the catalog is written in: British English, and
# European Portuguese (CLDR's plain "pt" is Brazilian).
_FORMATTING_LOCALES = {SOURCE_LANGUAGE: "en_GB", "pt": "pt_PT"}


def formatting_locale(code: str) -> str:
    """The Babel locale for dates, times and numbers of a catalog code.

    >>> formatting_locale("en-easy"), formatting_locale("pt"), formatting_locale("pl")
    ('en_GB', 'pt_PT', 'pl')
    """
    base = babel_locale_code(code)
    return _FORMATTING_LOCALES.get(base, code)


def _native_name(code: str, locale: Locale) -> str:
    if code == EASY_READ:
        return "English (Easy Read)"
    # With a territory, the locale's own name for its language: "دری" for fa_AF.
    own = locale.languages.get(str(locale)) if locale.territory else None
    name = own or locale.get_display_name(locale) or code
    # Capitalise as a list entry would; Georgian has no capitals in running text.
    return name if locale.language in UNCASED_NAMES else name[:1].upper() + name[1:]


@cache
def all_languages() -> tuple[Language, ...]:
    """Every language of languages.tsv, in its order (English first)."""
    rows = []
    for line in LANGUAGES_TSV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, english_name, direction, *_ = line.split("\t")
        locale = Locale.parse(babel_locale_code(code))
        rows.append(Language(
            code=code,
            english_name=english_name,
            native_name=_native_name(code, locale),
            direction=direction,
            html_lang=SOURCE_LANGUAGE if code == EASY_READ else code.replace("_", "-"),
        ))
    return tuple(rows)


@cache
def _by_code() -> dict[str, Language]:
    return {lang.code: lang for lang in all_languages()}


def language(code: str) -> Language:
    """The language with this catalog code; KeyError for an unknown code."""
    return _by_code()[code]


def is_known(code: str) -> bool:
    return code in _by_code()


def is_rtl(code: str) -> bool:
    """Whether a catalog code's script runs right to left (False for an unknown code)."""
    return is_known(code) and language(code).direction == "rtl"


# Browser language tags that name a script or region our codes spell differently.
_TAG_ALIASES = {
    "zh": "zh_Hans", "zh-cn": "zh_Hans", "zh-sg": "zh_Hans", "zh-hans": "zh_Hans",
    "zh-tw": "zh_Hant", "zh-hk": "zh_Hant", "zh-mo": "zh_Hant", "zh-hant": "zh_Hant",
    "prs": "fa_AF", "no": "nb", "nn": "nb", "tw": "ak", "kmr": "ku",
}


def _code_for_tag(tag: str) -> str | None:
    tag = tag.strip().lower().replace("_", "-")
    for candidate in (tag, "-".join(tag.split("-")[:2]), tag.split("-")[0]):
        if candidate in _TAG_ALIASES:
            return _TAG_ALIASES[candidate]
        for lang in all_languages():
            if not lang.is_easy_read and lang.html_lang.lower() == candidate:
                return lang.code
    return None


def from_accept_language(header: str) -> str:
    """The catalog code a browser's Accept-Language asks for first ("en" when none matches).

    >>> from_accept_language("pl-PL,pl;q=0.9,en;q=0.8")
    'pl'
    >>> from_accept_language("de;q=0.2, ar-EG;q=0.8"), from_accept_language("zh-TW")
    ('ar', 'zh_Hant')
    >>> from_accept_language(""), from_accept_language("xx, *")
    ('en', 'en')
    """
    weighted = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, position, tag))
    for quality, _, tag in sorted(weighted):
        code = _code_for_tag(tag) if quality < 0 else None
        if code:
            return code
    return SOURCE_LANGUAGE
