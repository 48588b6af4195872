"""Text normalisation shared by the keyword, language-name and danger matchers.

>>> normalise("  STOP!! ")
'stop'
>>> normalise("Opção ٣")
'opção 3'
>>> fold("Opção Pomóż")
'opcao pomoz'
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
