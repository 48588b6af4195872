"""Navigation by exact keywords and numbers, in every language (``data/keywords.tsv``).

A message that is exactly a keyword ("pomoc", "menu", "ভাষা"), a language's name ("polski",
"Arabic") or a menu number ("3", "٣", "#3") is understood with full confidence, whatever the
trained model thinks: these are the words the leaflet and the menus tell people to send.

>>> match_navigation("Pomóż!").intent
'help_person'
>>> match_navigation("٣")
NavigationMatch(intent='choose', entity='number', value='3', language=None)
>>> match_navigation("polski")
NavigationMatch(intent='change_language', entity='language', value='pl', language='pl')
>>> match_navigation("I want to see the menu") is None
True

A few words mean yes in one language and no in another (Czech "ne" is no, Korean romanised "ne"
is yes): the conversation's language decides, and without one they are left to the model.

>>> match_navigation("ne", language="cs").intent, match_navigation("ne", language="ko").intent
('deny', 'affirm')
>>> match_navigation("ne") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.nlu.language_names import language_code_for
from assistant.nlu.normalise import fold

KEYWORDS_TSV = Path(__file__).resolve().parent / "data" / "keywords.tsv"
ALL_LANGUAGES = "*"
NAVIGATION_INTENTS = (
    "help_person", "request_leaflet", "menu", "stop", "change_language", "affirm", "deny",
)
_NUMBER = re.compile(r"^(?:(?:no|nr|n|number|option)\s?)?(\d{1,2})$")
MAX_MENU_NUMBER = 60  # the longest menu is the list of 55 languages


@dataclass(frozen=True)
class NavigationMatch:
    intent: str
    entity: str | None = None  # "number" or "language", when the match carries a value
    value: str | None = None
    language: str | None = None  # the language whose word it was, when only one has it


@dataclass(frozen=True)
class Keyword:
    meanings: dict[str, str]  # language code ("*" for every language) → intent

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.meanings)

    @property
    def intents(self) -> frozenset[str]:
        return frozenset(self.meanings.values())

    @property
    def intent(self) -> str | None:
        """The word's meaning when every language that uses it agrees, else None."""
        (only,) = self.intents if len(self.intents) == 1 else (None,)
        return only

    def intent_in(self, language: str | None) -> str | None:
        """The meaning in the conversation's language, else the one every language agrees on,
        else the English ("*") one."""
        if language is not None and language in self.meanings:
            return self.meanings[language]
        return self.intent or self.meanings.get(ALL_LANGUAGES)


def parse_keywords(text: str) -> dict[str, Keyword]:
    """The keyword table: folded word → its intent in each language that uses it.

    Raises ValueError on an unknown intent or a word given two intents in one language. A word
    may mean different things in different languages ("ne"); the English ("*") words may not
    be given another meaning elsewhere.
    """
    table: dict[str, dict[str, str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        code, intent, words = line.split("\t")
        if intent not in NAVIGATION_INTENTS:
            raise ValueError(f"keywords line {number}: unknown intent {intent!r}")
        for word in words.split("|"):
            key = fold(word)
            if not key:
                raise ValueError(f"keywords line {number}: empty word")
            meanings = table.setdefault(key, {})
            clash = meanings.get(code) or meanings.get(ALL_LANGUAGES)
            if code == ALL_LANGUAGES:
                clash = next((known for known in meanings.values() if known != intent), clash)
            if clash is not None and clash != intent:
                raise ValueError(f"keywords line {number}: {word!r} is already {clash}")
            meanings[code] = intent
    return {key: Keyword(meanings=meanings) for key, meanings in table.items()}


@cache
def keyword_table() -> dict[str, Keyword]:
    return parse_keywords(KEYWORDS_TSV.read_text(encoding="utf-8"))


def match_number(text: str) -> str | None:
    """The menu number a message is, if it is only a number ("3", "#3", "no. 3", "٣")."""
    found = _NUMBER.match(fold(text))
    if found is None or not 0 < int(found.group(1)) <= MAX_MENU_NUMBER:
        return None
    return str(int(found.group(1)))


def match_navigation(text: str, *, language: str | None = None) -> NavigationMatch | None:
    """The navigation intent of a message that is exactly a keyword, number or language name.

    ``language``: the conversation's language, which decides a word that means different things
    in different languages.
    """
    number = match_number(text)
    if number is not None:
        return NavigationMatch(intent="choose", entity="number", value=number)
    key = fold(text)
    keyword = keyword_table().get(key)
    if keyword is not None:
        intent = keyword.intent_in(language)
        if intent is not None:
            (only,) = keyword.languages if len(keyword.languages) == 1 else (None,)
            return NavigationMatch(
                intent=intent, language=None if only == ALL_LANGUAGES else only)
    code = language_code_for(text)
    if code is not None:
        return NavigationMatch(
            intent="change_language", entity="language", value=code, language=code)
    return None
