"""Opt-out and opt-in words: Twilio's defaults, and their equivalents in our languages.

A message counts only when it is one keyword (any case, accents and trailing punctuation
ignored). Twilio handles its own words itself (it confirms, and blocks later sends with 21610);
for the translated words the gateway sends the one confirmation.

The translated words are a draft for translators to review (docs/gateway.md).

>>> classify("stop").keyword, classify("stop").provider_default
(<Keyword.OPT_OUT: 'opt-out'>, True)
>>> classify(" Zatrzymaj! ").keyword, classify("Zatrzymaj").language
(<Keyword.OPT_OUT: 'opt-out'>, 'pl')
>>> classify("please stop") is None
True
"""

# ruff: noqa: RUF001  (the keyword table holds words in Cyrillic and other scripts)
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Keyword(StrEnum):
    OPT_OUT = "opt-out"
    OPT_IN = "opt-in"


TWILIO_OPT_OUT = ("STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "REVOKE", "OPTOUT", "CANCEL")
TWILIO_OPT_IN = ("START", "YES", "UNSTOP")

# language -> (opt-out words, opt-in words); compared after normalise().
TRANSLATED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cy": (("STOPIO", "DAD-DANYSGRIFIO"), ("DECHRAU",)),
    "pl": (("ZATRZYMAJ", "WYPISZ"), ("WZNOW",)),
    "ro": (("OPRESTE", "DEZABONARE"), ("PORNESTE",)),
    "es": (("PARAR", "BAJA"), ("ALTA",)),
    "pt": (("PARAR", "SAIR"), ("INICIAR",)),
    "fr": (("ARRET", "DESABONNER"), ("DEMARRER",)),
    "it": (("FERMA", "DISISCRIVI"), ("INIZIA",)),
    "de": (("STOPP", "ABMELDEN"), ("ANMELDEN",)),
    "lt": (("STABDYTI",), ("PRADETI",)),
    "so": (("JOOJI",), ("BILOW",)),
    "ru": (("СТОП", "ОТПИСАТЬСЯ"), ("СТАРТ",)),
    "bg": (("СТОП",), ("СТАРТ",)),
    "ar": (("توقف", "الغاء"), ("ابدأ",)),
    "fa": (("توقف", "لغو"), ("شروع",)),
    "ur": (("بند",), ("شروع",)),
    "bn": (("বন্ধ",), ("শুরু",)),
    "hi": (("रोकें", "बंद"), ("शुरू",)),
    "pa": (("ਬੰਦ",), ("ਸ਼ੁਰੂ",)),
    "zh_Hans": (("停止", "退订"), ("开始",)),
    "zh_Hant": (("停止", "退訂"), ("開始",)),
}


@dataclass(frozen=True)
class Match:
    keyword: Keyword
    word: str
    provider_default: bool  # one of Twilio's own words
    language: str  # the language the word belongs to ("en" for Twilio's)


def normalise(text: str) -> str:
    """Upper case, accents removed (Latin scripts), outer spaces and punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    word = unicodedata.normalize("NFC", kept).upper()
    return word.strip(" \t\r\n.!?¡¿,;:'\"。！؟")


def _table() -> dict[str, Match]:
    table: dict[str, Match] = {}
    for language, (outs, ins) in TRANSLATED.items():
        for word in outs:
            table.setdefault(normalise(word), Match(Keyword.OPT_OUT, word, False, language))
        for word in ins:
            table.setdefault(normalise(word), Match(Keyword.OPT_IN, word, False, language))
    for word in TWILIO_OPT_OUT:
        table[word] = Match(Keyword.OPT_OUT, word, True, "en")
    for word in TWILIO_OPT_IN:
        table[word] = Match(Keyword.OPT_IN, word, True, "en")
    return table


_TABLE = _table()


def classify(text: str) -> Match | None:
    if len(text) > 40:
        return None
    return _TABLE.get(normalise(text))
