"""Text normalisation shared by the keyword, language-name and danger matchers.

>>> normalise("  STOP!! ")
'stop'
>>> normalise("Opção ٣")
'opção 3'
>>> fold("Opção Pomóż")
'opcao pomoz'
>>> loose_fold("Φοβάμαι, ёж, أخاف ك\u200bي")
'φοβαμαι еж اخاف کی'
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Latin letters whose "accent" is not a combining mark: Polish l-stroke, Turkish dotless i.
_UNMARKED = str.maketrans({"\u0142": "l", "\u0131": "i", "\u0111": "d"})


def _char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Nd":  # any script's digit (Arabic-Indic, Bengali, Gurmukhi …) as ASCII
        return str(unicodedata.digit(ch))
    if category[0] in "PS":  # punctuation and symbols separate words
        return " "
    return ch


def normalise(text: str) -> str:
    """Case-folded, NFKC, punctuation as spaces, digits in ASCII, single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", "".join(_char(ch) for ch in text)).strip()


# Letters with no decomposition that people type as plain Latin on a phone without their
# keyboard: Danish/Norwegian ø æ, Maltese ħ, Hausa hooked letters, Twi open vowels.
_LOOSE_LATIN = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ħ": "h", "ɓ": "b", "ɗ": "d",
                              "ƙ": "k", "ƴ": "y", "ɛ": "e", "ɔ": "o", "ŋ": "n",
                              "\u02bc": "'"})  # Ukrainian apostrophe as a letter
# Arabic-script letters that keyboards and writers swap: Arabic kaf/yeh/alef maksura and the
# Persian/Urdu forms, teh marbuta and the Urdu heh forms.
_LOOSE_ARABIC = str.maketrans({"\u0643": "\u06a9", "\u064a": "\u06cc", "\u0649": "\u06cc",
                               "\u0629": "\u0647", "\u06c1": "\u0647", "\u06be": "\u0647",
                               "\u06c3": "\u0647", "\u0640": ""})


def _loose_mark(ch: str, before: str) -> bool:
    """A mark people often leave out: Greek tonos, Cyrillic ё/й/ї marks, Arabic harakat/hamza."""
    if "\u064b" <= ch <= "\u065f" or ch == "\u0670":
        return True
    return bool(unicodedata.combining(ch)) and "\u0370" <= before <= "\u04ff"


def loose_fold(text: str) -> str:
    """``fold`` for the danger net, which must match however a frightened person types.

    Invisible format characters (zero-width space, joiners, soft hyphen) are dropped, and the
    spellings of the same letter in Latin, Greek, Cyrillic and Arabic scripts are made one.
    """
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    decomposed = unicodedata.normalize("NFD", fold(visible.casefold().translate(_LOOSE_LATIN)))
    kept: list[str] = []
    for ch in decomposed:
        if not (kept and _loose_mark(ch, kept[-1])):
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)).translate(_LOOSE_ARABIC)


def fold(text: str) -> str:
    """``normalise`` without Latin diacritics ("pomóż" → "pomoz"), as people often text.

    Only combining marks on Latin letters are dropped: the vowel signs of Bengali, Gurmukhi or
    Arabic are letters of the word, not decoration.
    """
    decomposed = unicodedata.normalize("NFD", normalise(text).translate(_UNMARKED))
    kept: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and kept and kept[-1].isascii():
            continue
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)).replace("ß", "ss")
