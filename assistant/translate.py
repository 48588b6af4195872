"""Translating the assistant's English response texts through the ``assistant`` catalogs.

No Django, no Rasa: used by the NLG inside the Rasa server and by tests.

>>> translate("Please reply AGREE or NO.", "en")
'Please reply AGREE or NO.'
>>> language_of("xx-unknown"), language_of(None), language_of("pl")
('en', 'en', 'pl')
"""

from __future__ import annotations

from i18n.catalogs import ReviewStatus, catalog
from i18n.languages import SOURCE_LANGUAGE, is_known

DOMAIN = "assistant"


def language_of(value: object) -> str:
    """A known catalog code from a slot or argument value; English otherwise."""
    return value if isinstance(value, str) and is_known(value) else SOURCE_LANGUAGE


def translate(text: str, language: str) -> str:
    """The language's translation of an English response text (the English if it has none)."""
    if language == SOURCE_LANGUAGE:
        return text
    try:
        translations = catalog(language, domain=DOMAIN).translations
    except FileNotFoundError:
        return text
    translated: str = translations.gettext(text)
    return translated or text


def is_machine_draft(language: str) -> bool:
    """Whether the language's replies are machine drafts no person has checked yet."""
    if language == SOURCE_LANGUAGE:
        return False
    try:
        return catalog(language, domain=DOMAIN).review_status == ReviewStatus.MACHINE_DRAFT
    except FileNotFoundError:
        return False


def placeholder_values(language: str, *, base_url: str) -> dict[str, str]:
    """Values the NLG fills in any response that names them (slots and arguments win)."""
    return {"leaflet_url": f"{base_url.rstrip('/')}/leaflet/{language}/"}
