"""Language names in many languages → our catalog codes (``locales/languages.tsv``).

Names come from CLDR through Babel: each language's English name, its own name, and its name in
each of the free-text languages, plus the English names of languages.tsv.

>>> language_code_for("Polish"), language_code_for("POLSKI"), language_code_for("polaco")
('pl', 'pl', 'pl')
>>> language_code_for("العربية"), language_code_for("ਪੰਜਾਬੀ")
('ar', 'pa')
>>> language_code_for("hello") is None
True
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from assistant.nlu.normalise import fold
from i18n.languages import all_languages, babel_locale_code

# Languages with trained free-text understanding (bot/data/nlu/<code>/).
FREE_TEXT_LANGUAGES = ("en", "pl", "ro", "bn", "pt", "es", "ar", "tr", "ur", "so", "pa")
# Names people type that CLDR does not give, or gives differently.
EXTRA_NAMES = {
    "farsi": "fa", "persian": "fa", "dari": "fa_AF", "kurdish": "ku", "sorani": "ckb",
    "kurmanji": "ku", "chinese": "zh_Hans", "mandarin": "zh_Hans", "cantonese": "zh_Hant",
    "twi": "ak", "easy read": "en-easy", "punjabi": "pa", "panjabi": "pa", "bangla": "bn",
    "urdu": "ur", "angrezi": "en", "inglés": "en", "ingles": "en", "ingilizce": "en",
    "angielski": "en", "engleza": "en", "engleză": "en", "inglês": "en", "ingiriisi": "en",
    "af soomaali": "so", "soomaali": "so", "afsomali": "so", "polski": "pl", "romana": "ro",
    "türkçe": "tr", "turkce": "tr", "bangali": "bn", "bengali": "bn",
}


def _names_of(code: str, english_name: str) -> list[str]:
    babel_code = babel_locale_code(code)
    names = [english_name]
    for display in ("en", babel_code, *FREE_TEXT_LANGUAGES):
        try:
            locale = Locale.parse(display)
        except (ValueError, LookupError):
            continue
        name = locale.languages.get(babel_code) or locale.languages.get(babel_code.split("_")[0])
        if name:
            names.append(name)
    return names


@cache
def language_name_table() -> dict[str, str]:
    """Folded name → code. The first language to claim a name keeps it (English first)."""
    table: dict[str, str] = {}
    for language in all_languages():
        for name in (*_names_of(language.code, language.english_name), language.native_name):
            table.setdefault(fold(name), language.code)
    for name, code in EXTRA_NAMES.items():
        table[fold(name)] = code
    return table


def language_code_for(name: str) -> str | None:
    """Our code for a language name in any of the languages we know names in, else None."""
    return language_name_table().get(fold(name))
