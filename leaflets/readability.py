"""Reading age of English text by the Flesch-Kincaid grade (UK reading age = grade + 5).

A rough, dependency-free measure for keeping the leaflet's English plain (target: about 9).
Syllables are counted by vowel groups, which is good to about one syllable in ten words.

>>> syllables("victim"), syllables("police"), syllables("the")
(2, 2, 1)
>>> round(reading_age("The cat sat on the mat. It was warm."), 1)
3.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z']*")
_SENTENCE_END_RE = re.compile(r"[.!?:]+(?=\s|$)")


def syllables(word: str) -> int:
    word = word.lower().strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1
    return max(count, 1)


def reading_age(text: str) -> float:
    """Flesch-Kincaid grade + 5 for a text of one or more sentences."""
    words = _WORD_RE.findall(text)
    sentences = max(len(_SENTENCE_END_RE.findall(text)), 1)
    if not words:
        return 0.0
    syllable_count = sum(syllables(word) for word in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59
    return grade + 5


def reading_age_of(paragraphs: Iterable[str]) -> float:
    """Reading age of several paragraphs taken together (each ends a sentence)."""
    joined = " ".join(p.strip() if p.strip().endswith((".", "!", "?", ":")) else p.strip() + "."
                      for p in paragraphs if p.strip())
    return reading_age(joined)
