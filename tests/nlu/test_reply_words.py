"""Every word a reply asks the victim to send, in every language's catalog, is understood.

The words are read from the catalogs themselves: a translation asks for a word by writing it in
capitals ("Odpisz TAK lub NIE") or in quotes («نعم», “হ্যাঁ”, 「是」). Each must reach the
keyword layer with the meaning of the English word it stands for, in that conversation's
language; START is the gateway's opt-in word (messaging/keywords.py).
"""
# ruff: noqa: RUF001  (quotation marks of many languages on purpose)

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

import pytest
from babel.messages.pofile import read_po

from assistant.nlu.keywords import match_navigation
from i18n.languages import LOCALES_DIR, all_languages

# The English words a reply asks for, and what each means.
MEANINGS = {"YES": "affirm", "NO": "deny", "AGREE": "affirm", "CORRECT": "affirm",
            "MENU": "menu", "HELP": "help_person", "LANGUAGE": "change_language",
            "ENGLISH": "change_language", "START": "opt-in"}
QUOTED = re.compile(r"[«“„‘\"「『]([^»”“’\"」』]{1,30})[»”“’\"」』]")
# Korean quotes with ASCII apostrophes ('예'), which Latin-script languages use as apostrophes.
APOSTROPHE_QUOTED = re.compile(r"'([^'a-zA-Z]{1,30})'")
HANGUL_PARTICLE = re.compile(r"[\uac00-\ud7af]+$")  # "START라고": the word, then "that"
PARENTHESES = re.compile(r"\s*\([^)]*\)")
CODES = [lang.code for lang in all_languages() if lang.code != "en"]


def _asked_in_english(text: str) -> list[str]:
    return [word for word in re.findall(r"\b[A-Z]{2,}\b", text) if word in MEANINGS]


def _is_capitals(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and word == word.upper() and word != word.lower()


def asked_words(translation: str) -> list[str]:
    """The words a translated reply asks for: quoted ones, else runs of words in capitals.

    An English original kept in parentheses after the word ("MENIU (MENU)") is left out: the
    English words are keywords in every language.
    """
    text = PARENTHESES.sub("", translation)
    quoted = [found.strip() for found in (*QUOTED.findall(text),
                                          *APOSTROPHE_QUOTED.findall(text))]
    if quoted:
        return quoted
    words: list[str] = []
    run: list[str] = []
    for token in re.split(r"[\s,.;:!?¿¡،。、]+", unicodedata.normalize("NFC", text)):
        token = HANGUL_PARTICLE.sub("", token)
        head = token.split("-")[0]  # Hungarian "MENÜ-vel": the word, then its case ending
        if _is_capitals(head) and not _is_capitals(token):
            token = head
        if _is_capitals(token) and not token.isdigit():
            run.append(token)
            continue
        if run:
            words.append(" ".join(run))
            run = []
    if run:
        words.append(" ".join(run))
    return words


def meaning(word: str, language: str) -> str | None:
    from messaging.keywords import Keyword, classify

    opt = classify(word)
    if opt is not None and opt.keyword == Keyword.OPT_IN:
        return "opt-in"
    found = match_navigation(word, language=language)
    return found.intent if found is not None else None


@cache
def _cases() -> dict[str, list[tuple[str, str]]]:
    """Per language: (English text, its translation) of every reply that asks for words."""
    cases: dict[str, list[tuple[str, str]]] = {}
    for code in CODES:
        path = LOCALES_DIR / code / "LC_MESSAGES" / "assistant.po"
        with path.open("rb") as handle:
            catalog = read_po(handle)
        # The web chat's wordings name buttons ("Choose „Nabídka“"), not words to send.
        cases[code] = [(str(m.id), str(m.string)) for m in catalog
                       if m.id and m.string and _asked_in_english(str(m.id))
                       and not any(str(c).endswith("(web chat)") for c in m.auto_comments)]
    return cases


def test_the_reader_finds_capitals_and_quotes() -> None:
    assert asked_words("Odpisz TAK lub NIE.") == ["TAK", "NIE"]
    assert asked_words("من فضلك أرسل «نعم» أو «لا».") == ["نعم", "لا"]
    assert asked_words("Răspundeți MENIU (MENU) ca să vedeți") == ["MENIU"]
    assert asked_words("Vui lòng trả lời CÓ hoặc KHÔNG.") == ["CÓ", "KHÔNG"]
    assert asked_words("vagy MENÜ-vel a kérdések") == ["MENÜ"]


@pytest.mark.parametrize("code", CODES)
def test_every_reply_word_of_the_language_is_understood(code: str) -> None:
    gaps = []
    for english, translation in _cases()[code]:
        expected = Counter(MEANINGS[word] for word in _asked_in_english(english))
        words = asked_words(translation)
        found = Counter(str(meaning(word, code)) for word in words)
        # Other quoted or capital words ("SMS", "OK", «the Victims' Code») may be there too.
        if found & expected != expected:
            gaps.append(f"{words} in {translation[:60]!r}: {dict(found)} != {dict(expected)}")
    assert not gaps, f"{len(gaps)} replies: " + " | ".join(gaps[:6])
