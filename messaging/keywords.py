"""Opt-out and opt-in words: Twilio's defaults, and their equivalents in our languages.

A message counts only when it is one keyword (any case, accents and trailing punctuation
ignored). Twilio handles its own words itself (it confirms, and blocks later sends with 21610);
for the translated words the gateway sends the one confirmation.

The translated words are machine drafts awaiting review by translators (docs/gateway.md):
none has been checked by a speaker yet. None may be a yes/no answer or a navigation word of the
assistant (assistant/nlu/data/keywords.tsv) in any language; an opt-out word may be one of the
assistant's "stop" words. A word shared by languages belongs to the first one listed (its
confirmation goes out in that language).

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
    "cy": (("STOPIO", "DAD-DANYSGRIFIO"), ("AILDDECHRAU",)),  # "dechrau" is a menu word
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
    "ar": (("توقف", "الغاء"), ("بدء",)),  # not "ابدأ": normalised it is "ابدا", "never"
    "fa": (("توقف", "لغو"), ("شروع",)),
    "ur": (("بند",), ("شروع",)),
    "bn": (("বন্ধ",), ("শুরু",)),
    "hi": (("रोकें", "बंद"), ("शुरू",)),
    "pa": (("ਬੰਦ",), ("ਸ਼ੁਰੂ",)),
    "zh_Hans": (("停止", "退订"), ("开始",)),
    "zh_Hant": (("停止", "退訂"), ("開始",)),
    # Latin-script words are written as normalise() leaves them (no accents), except where a
    # letter survives it (Vietnamese Đ): then both spellings are listed.
    "sq": (("NDALO", "CABONOHU"), ("FILLO",)),
    "am": (("አቁም", "AKUM"), ("ጀምር", "JEMIR")),
    "hr": (("STANI", "ODJAVA"), ("POKRENI",)),
    "cs": (("ZASTAVIT", "ODHLASIT"), ("ZACIT",)),
    "da": (("AFMELD",), ("TILMELD",)),
    "fa_AF": (("توقف", "لغو"), ("شروع",)),  # written as in Farsi: the words are "fa"'s first
    "nl": (("STOPPEN", "AFMELDEN"), ("AANMELDEN",)),
    "et": (("PEATU", "PEATA"), ("ALUSTA",)),
    "fi": (("LOPETA",), ("ALOITA",)),  # also Estonian "lõpeta"
    "ka": (("შეწყვიტე", "გაუქმება"), ("დაწყება",)),
    "el": (("ΣΤΟΠ", "ΔΙΑΓΡΑΦΗ", "STAMATA"), ("ΕΝΑΡΞΗ", "ENARXI")),
    "gu": (("બંધ", "BANDH"), ("શરૂ", "SHARU")),
    "ha": (("DAINA", "TSAYA"), ("FARAWA",)),  # not "FARA": Romanian "fără"
    "hu": (("LEIRATKOZAS", "LEALLITAS"), ("INDITAS",)),
    "ig": (("KWUSI",), ("MALITE",)),
    "ko": (("중지", "수신거부"), ("시작",)),
    "ku": (("RAWESTE", "BISEKINE"), ("DEST PE BIKE",)),
    "ckb": (("بوەستە",), ("دەستپێبکە",)),
    "lv": (("APTURET", "ATTEIKTIES"), ("SAKT",)),
    "mt": (("IEQAF",), ("IBDA",)),
    "nb": (("AVMELD",), ("PAMELD",)),
    "ak": (("GYAE",), ("FI ASE",)),
    "ps": (("ودریږه",), ("پیل",)),
    "sk": (("ZASTAVIT", "NEPOSIELAJTE"), ("ZACAT",)),  # "ZASTAVIT" is also Czech: "cs" first
    "sl": (("USTAVI", "ODJAVI"), ("ZACNI",)),
    "sv": (("SLUTA", "AVANMAL"), ("STARTA",)),
    "ta": (("நிறுத்து", "NIRUTHU"), ("தொடங்கு", "THODANGU")),
    "th": (("หยุด", "ยกเลิก"), ("เริ่ม",)),
    "ti": (("ኣቋርጽ",), ("ቀጽል",)),
    "tr": (("DURDUR", "IPTAL"), ("BASLAT",)),
    "uk": (("ЗУПИНИТИ", "ВІДПИСАТИСЯ"), ("ПОЧАТИ",)),  # not "СТОП": that is "ru"'s
    "vi": (("NGUNG", "DUNG LAI"), ("BAT DAU", "BẮT ĐẦU")),  # not "DUNG": "dung" (đúng) is yes
    "yo": (("DA DURO",), ("BERE",)),  # not "DURO" alone: it is also "wait"
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
