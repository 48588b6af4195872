"""Offline language identification of free text (lingua, models inside its wheel).

Restricted to the languages of ``locales/languages.tsv`` that lingua knows, in its low-accuracy
mode (trigram models only: about 60 MB of memory, well under a millisecond per short text).
Languages lingua lacks (Amharic, Hausa, Igbo, Kurdish, Maltese, Pashto, Tigrinya, Twi), and scripts
only one of our languages uses, are decided first by ``giveaways.py``.

>>> detect_language("Potrzebuję pomocy, ktoś ukradł mi rower").code
'pl'
>>> detect_language("ok") is None
True
>>> detect_language("Assalam o alaikum") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lingua import (
    ConfidenceValue,
    IsoCode639_1,
    Language,
    LanguageDetector,
    LanguageDetectorBuilder,
)

from assistant.nlu.giveaways import HINDI_WORDS, giveaway, hindi_or_urdu
from assistant.nlu.language_names import FREE_TEXT_LANGUAGES
from i18n.languages import all_languages, babel_locale_code

MIN_LETTERS = 8  # shorter Latin or Cyrillic texts ("ok", "hi") say too little of their language
MIN_LETTERS_OTHER_SCRIPTS = 2  # one word of Bengali, Gurmukhi, Arabic or Han script says plenty
FIRST_OTHER_SCRIPT = 0x0590  # Hebrew onwards: scripts far fewer languages share than Latin's
# Latin letters past that point (Vietnamese "ụ", Igbo "ọ", Yoruba "ẹ"): still Latin script.
LATIN_EXTENDED_ADDITIONAL = range(0x1E00, 0x1F00)
ARABIC_SCRIPT = range(0x0600, 0x0700)
MIN_CONFIDENCE = 0.6
# Languages without trained free text are rarer among victims and the ones short Latin texts are
# most often mistaken for (Estonian, Yoruba, Finnish …): they need near-certainty.
MIN_CONFIDENCE_OTHER = 0.95
# Where one lingua language stands for several of our catalogs, the one a detection means.
PREFERRED = {"zh": "zh_Hans", "fa": "fa", "en": "en"}


# Romanised South Asian texting ("mujhe madad chahiye"), which lingua does not model: two or
# more of one language's common words decide. Urdu stands for Hindi/Urdu romanised alike.
ROMANISED_HINTS = {
    "ur": frozenset({"mujhe", "mujhay", "chahiye", "chahie", "nahi", "nahin", "kya", "mera",
                     "meri", "mere", "hai", "hain", "karo", "kar", "kaise", "kab", "kyun",
                     "aap", "bahut", "raha", "rahi", "gaya", "gayi", "mein", "hum", "madad",
                     "bhej", "dein", "karun", "shikayat", "shohar", "kehta", "dunga", "batayen",
                     "huqooq", "shukriya", "baare", "kuch", "kisi", "tujhe", "apne", "liye",
                     "aapki", "dijiye", *(HINDI_WORDS - {"pati"})}),
    "pa": frozenset({"mainu", "menu", "chahidi", "chahida", "tusi", "tuhanu", "sanu", "kithe",
                     "kiven", "nahi", "hai", "ji", "mera", "meri", "kar", "reha", "rahi",
                     "madad", "karo", "haan", "kida", "sri", "shri", "akal", "parcha", "dasya",
                     "dasso", "tuhada", "dhanvaad", "kehnda", "deyega", "lagda", "kise",
                     "kujh"}),
    "bn": frozenset({"ami", "amar", "amake", "chai", "korte", "kore", "ache", "achi", "na",
                     "kichu", "kothay", "keno", "tumi", "apni", "apnar", "hobe", "dorkar",
                     "sahajjo", "shahajjo", "bolun", "jani", "ekhon", "amra", "jonno", "bolse",
                     "korbo", "pabo", "koren", "felbe", "thamte", "parbo", "lagbe"}),
}
ROMANISED_CONFIDENCE = 0.8
GIVEAWAY_CONFIDENCE = 0.9
# Letters Arabic does not use but Farsi, Dari, Urdu, Pashto, Sorani and Punjabi do (their kaf,
# yeh, peh, tcheh, zhe, gaf): a text with one is never Arabic, whatever lingua scores.
# Urdu's own letters (retroflex tteh, ddal, rreh; noon ghunna, yeh barree) rule out Farsi too.
RULED_OUT_BY_LETTERS = (
    (frozenset("\u06a9\u06cc\u067e\u0686\u0698\u06af"), frozenset({"ar"})),
    (frozenset("\u0679\u0688\u0691\u06ba\u06d2"), frozenset({"ar", "fa", "fa_AF"})),
)
# Arabic's own kaf, alef maksura and teh marbuta, in a text with none of the letters above: Arabic
# typed on an Arabic keyboard, not Urdu or Farsi.
ARABIC_LETTERS = frozenset("\u0643\u0649\u0629")
NOT_ARABIC_LETTERS = frozenset().union(*(marks for marks, _ in RULED_OUT_BY_LETTERS))
# Words shared by many of our languages' speakers, which would otherwise mislead the detector
# ("assalam o alaikum" scores as Finnish): removed before detecting; alone they say nothing.
NEUTRAL_WORDS = frozenset({
    "salam", "salaam", "salām", "assalam", "asalaam", "asalam", "assalamu", "asalaamu",
    "asalamu", "alaikum", "alaykum", "alaikam", "aleikum", "calaykum", "walaikum", "wa", "o",
    "u", "hello", "helo", "hi", "hey", "hiya", "ok", "okay", "thanks", "thank", "you", "please",
    "pls", "plz", "ji", "bhai", "apa", "sister", "bro", "sis", "police", "leaflet", "sms", "link",
})


@dataclass(frozen=True)
class Detection:
    code: str  # our catalog code
    confidence: float


@cache
def lingua_codes() -> dict[Language, str]:
    """lingua's languages → our codes, for every language of languages.tsv that lingua knows."""
    table: dict[Language, str] = {}
    for language in all_languages():
        iso = babel_locale_code(language.code).split("_")[0].upper()
        lingua_iso = getattr(IsoCode639_1, iso, None)
        if lingua_iso is None:
            continue
        lingua_language = Language.from_iso_code_639_1(lingua_iso)
        preferred = PREFERRED.get(iso.lower())
        if lingua_language not in table or preferred == language.code:
            table[lingua_language] = language.code
    return table


@cache
def detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*lingua_codes()).with_low_accuracy_mode().build()


def detect_language(
    text: str, *, min_confidence: float = MIN_CONFIDENCE, min_letters: int = MIN_LETTERS,
    min_confidence_other: float = MIN_CONFIDENCE_OTHER,
) -> Detection | None:
    """The language of the text when lingua is confident enough, else None.

    ``min_confidence`` holds for the free-text languages, ``min_confidence_other`` for the rest.
    """
    text = " ".join(w for w in text.split() if w.casefold().strip(",.!?") not in NEUTRAL_WORDS)
    letters = [ch for ch in text if ch.isalpha()]
    other_script = any(ord(ch) >= FIRST_OTHER_SCRIPT and ord(ch) not in LATIN_EXTENDED_ADDITIONAL
                       for ch in letters)
    if len(letters) < (MIN_LETTERS_OTHER_SCRIPTS if other_script else min_letters):
        return None
    if (given := giveaway(text)) is not None:
        return Detection(code=given, confidence=GIVEAWAY_CONFIDENCE)
    if (len(text.split()) < 2 and any(ord(ch) in ARABIC_SCRIPT for ch in letters)
            and not any(ch in ARABIC_LETTERS for ch in letters)):
        return None  # one word of a script six of our languages share ("تشکر", "سلام")
    if not other_script and (hinted := romanised_language(text)) is not None:
        if hinted == "ur":
            hinted = hindi_or_urdu(text, len(set(text.casefold().split()) & ROMANISED_HINTS["ur"]))
        return Detection(code=hinted, confidence=ROMANISED_CONFIDENCE)
    values = detector().compute_language_confidence_values(text)
    for marks, ruled_out in RULED_OUT_BY_LETTERS:
        if any(ch in marks for ch in text):
            values = _renormalised(
                [v for v in values if lingua_codes()[v.language] not in ruled_out])
    if any(ch in ARABIC_LETTERS for ch in text) and not any(
            ch in NOT_ARABIC_LETTERS for ch in text):
        values = _renormalised([v for v in values if lingua_codes()[v.language] == "ar"])
    if not values or values[0].value < min_confidence:
        return None
    code = lingua_codes()[values[0].language]
    if code not in FREE_TEXT_LANGUAGES and values[0].value < min_confidence_other:
        return None
    if code == "zh_Hans" and not _simplified(text):
        code = "zh_Hant"
    return Detection(code=code, confidence=round(values[0].value, 3))


def _renormalised(values: list[ConfidenceValue]) -> list[ConfidenceValue]:
    """The remaining candidates' confidences, scaled to add up to 1 again."""
    total = sum(v.value for v in values)
    return [ConfidenceValue(v.language, v.value / total) for v in values] if total else []


def romanised_language(text: str) -> str | None:
    """Urdu, Punjabi or Bengali typed in Latin letters, when two or more hint words say so.

    >>> romanised_language("mujhe madad chahiye"), romanised_language("ami sahajjo chai")
    ('ur', 'bn')
    """
    words = set(text.casefold().split())
    counts = {code: len(words & hints) for code, hints in ROMANISED_HINTS.items()}
    best = max(counts, key=lambda code: counts[code])
    ranked = sorted(counts.values(), reverse=True)
    return best if ranked[0] >= 2 and ranked[0] > ranked[1] else None


def _simplified(text: str) -> bool:
    """Han text that simplified Chinese's GB2312 can encode (traditional forms cannot)."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
