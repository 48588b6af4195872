"""Names a victim gives in free text ("my name is Amara Okafor", "call me Ami"), found by the
phrases that introduce them in the languages the assistant understands.

Only the words after such a phrase are taken, up to three, stopping at punctuation, a digit or a
small word ("and", "but", "from", the verb that ends the phrase in Urdu or Panjabi): a name
standing alone is not recognisable, and a bare capitalised word is more often not a name. Two
kinds of phrase:

- explicit ones ("my name is", "nazywam się", "me llamo", "اسمي", "ਮੇਰਾ ਨਾਮ"): whatever follows is
  taken, in any case, since victims often type in lower case;
- ambiguous ones ("I'm", "I am", "call me", "this is", "jestem", "soy"): taken only when the
  words are capitalised and not a common word ("I'm Scared" is not a name; "I'm scared" never
  is).

A word wrongly taken for a name costs a ``[name]`` in a stored transcript; a name missed rests
in plain text. Pure: no Django, so the Rasa server imports it.

>>> text = "hi, my name is amara okafor and I live in Leeds"
>>> [text[start:end] for start, end in find_names(text)]
['amara okafor']
>>> text = "I'm Amara. Call me on 07700 900123, I'm scared"
>>> [text[start:end] for start, end in find_names(text)]
['Amara']
>>> text = "Nazywam się Katarzyna Nowak. Mów mi Kasia"
>>> [text[start:end] for start, end in find_names(text)]
['Katarzyna Nowak', 'Kasia']
>>> text = "ਮੇਰਾ ਨਾਮ ਅਮਰਾ ਹੈ"
>>> [text[start:end] for start, end in find_names(text)]
['ਅਮਰਾ']
"""

# ruff: noqa: RUF001  (typographic apostrophes, dashes and Turkish letters on purpose)
from __future__ import annotations

import re

MAX_WORDS = 3

_EXPLICIT = [
    # English
    r"my\s+name\s+is", r"my\s+name['’]s", r"my\s+names", r"my\s+name\s*:", r"name\s*:",
    r"i\s+am\s+called", r"i['’]?m\s+called", r"they\s+call\s+me", r"people\s+call\s+me",
    r"my\s+first\s+name\s+is", r"my\s+surname\s+is", r"my\s+full\s+name\s+is",
    # Polish
    r"nazywam\s+si[eę]", r"mam\s+na\s+imi[eę]", r"moje\s+imi[eę]\s+to",
    # Romanian
    r"m[aă]\s+numesc", r"numele\s+meu\s+(?:este|e)", r"m[aă]\s+cheam[aă]",
    # Portuguese
    r"(?:o\s+)?meu\s+nome\s+[eé]", r"chamo-me", r"me\s+chamo",
    # Spanish
    r"me\s+llamo", r"mi\s+nombre\s+es",
    # Turkish
    r"benim\s+ad[ıi]m", r"ismim", r"benim\s+ismim",
    # Somali
    r"magacaygu\s+waa", r"magacayga\s+waa", r"magacaygu",
    # Arabic
    r"اسمي", r"إسمي",
    # Bengali (and romanised)
    r"আমার\s+নাম", r"amar\s+naa?m",
    # Urdu, Panjabi (and romanised, as many type them)
    r"میرا\s+نام", r"ਮੇਰਾ\s+ਨਾਮ", r"mera\s+naa?m",
]
_AMBIGUOUS = [
    r"i['’]m", r"i\s+am", r"im", r"call\s+me", r"this\s+is", r"it['’]s",
    r"jestem", r"m[oó]w\s+mi", r"sunt", r"spune-mi", r"sou", r"me\s+chame\s+de", r"soy",
    r"ll[aá]mame",
]
# A word: a run of anything but white space, digits and punctuation (any script, with its
# combining marks, which Python's \w does not count as word characters).
_LETTERS = r"""([^\s\d.,!?;:()\[\]{}"“”«»،؛؟@/<>+=*&|\\]+)"""
_FIRST_WORD = re.compile(r"[ \t]*[:,\-–]?[ \t]*" + _LETTERS)
_NEXT_WORD = re.compile(r"[ \t]+" + _LETTERS)
_EXPLICIT_CUE = re.compile(r"(?<![^\W\d_])(?:" + "|".join(_EXPLICIT) + r")(?![^\W\d_])",
                           re.IGNORECASE)
_AMBIGUOUS_CUE = re.compile(r"(?<![^\W\d_])(?:" + "|".join(_AMBIGUOUS) + r")(?![^\W\d_])",
                            re.IGNORECASE)
# Words that end a name (lower case): joining words and the verbs that close the phrase.
_STOP = frozenset("""
and but or so because from in at on to of the a an is was am are my me i i'm i’m im you your
he she they we it his her please thanks thank hi hello here there not no yes ok okay if when
who what also just too very really
și si e y o ve و ہے ਹੈ হয় hai hei hay waa iyo und ama ale że ze que pero mas como
""".split())  # noqa: SIM905 (a list of words reads better as words)
# Capitalised words an ambiguous phrase is often followed by, that are not names.
_NOT_NAMES = _STOP | frozenset("""
fine good well safe scared afraid worried frightened sorry sure not still back home here
deaf blind disabled british english polish romanian portuguese spanish turkish somali
going calling texting writing trying looking being living staying feeling
in at on a an the with without alone ready done free busy able unable over under
""".split())  # noqa: SIM905


def _words_after(text: str, at: int, *, capitalised: bool) -> tuple[int, int] | None:
    start = end = -1
    for _ in range(MAX_WORDS):
        found = (_NEXT_WORD.match(text, end) if start >= 0 else _FIRST_WORD.match(text, at))
        if found is None:
            break
        word = found.group(1).strip("'’-–")
        lowered = word.lower()
        if not word or lowered in (_NOT_NAMES if capitalised else _STOP):
            break
        if capitalised and not word[0].isupper():
            break
        if start < 0:
            start = found.start(1)
        end = found.end(1)
    return (start, end) if start >= 0 else None


def find_names(text: str) -> list[tuple[int, int]]:
    """The spans of the names ``text`` gives, in order, never overlapping."""
    spans = []
    for cue in _EXPLICIT_CUE.finditer(text):
        if (span := _words_after(text, cue.end(), capitalised=False)) is not None:
            spans.append(span)
    for cue in _AMBIGUOUS_CUE.finditer(text):
        if (span := _words_after(text, cue.end(), capitalised=True)) is not None:
            spans.append(span)
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
            continue
        kept.append((start, end))
    return kept
