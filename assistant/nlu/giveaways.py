"""What gives a text's language away before any statistics: a script, letters or words that,
among the languages of ``locales/languages.tsv``, only one language uses.

lingua has no model for Kurmanji, Sorani, Pashto, Amharic, Tigrinya, Hausa, Igbo, Twi or Maltese,
so it names another language of the same script for them (Kurmanji as Turkish, Sorani as Arabic,
Pashto as Farsi); and it cannot tell Punjabi in Arabic script (Shahmukhi) or romanised Hindi from
Urdu. These tables decide first; a text they say nothing of goes to the detector.

>>> giveaway("Silav, ez alîkarî dixwazim"), giveaway("سڵاو، من یارمەتیم پێویستە")
('ku', 'ckb')
>>> giveaway("għandi bżonn l-għajnuna"), giveaway("मुझे मदद चाहिए")
('mt', 'hi')
>>> giveaway("I need some help") is None
True
"""

from __future__ import annotations

import unicodedata

# Scripts only one of our languages is written in: (first, last code point) → code.
SCRIPTS = {
    (0x0900, 0x097F): "hi",  # Devanagari: no Marathi or Nepali catalog
    (0x0A00, 0x0A7F): "pa",  # Gurmukhi
    (0x0980, 0x09FF): "bn",
    (0x0A80, 0x0AFF): "gu",
    (0x0B80, 0x0BFF): "ta",
    (0x0E00, 0x0E7F): "th",
    (0x10A0, 0x10FF): "ka",
    (0x0370, 0x03FF): "el",
    (0xAC00, 0xD7AF): "ko",
}
ETHIOPIC = (0x1200, 0x137F)  # Amharic and Tigrinya: their letters and words decide below
# Letters only one of our languages uses.
LETTERS = {
    "ckb": frozenset("ڕڵێۆە"),
    "ps": frozenset("ټډړږښځڅۍېګڼ"),
    "mt": frozenset("ħċġĦĊĠ"),
    "ha": frozenset("ɓɗƙƴƁƊƘ"),
    "ak": frozenset("ɛɔƐƆ"),
    "ig": frozenset("ṅṄ"),
    "ti": frozenset(chr(c) for c in range(0x1250, 0x125E)) | {"ኣ"},  # qh-series, glottal a
}
# Words only one of our languages uses, typed with or without its accents (compared folded);
# two different ones decide. Words another language also uses ("min", "na", "li") are left out.
WORDS = {
    "ku": frozenset({
        "ez", "xwe", "dixwazim", "alikari", "alikariya", "alikariye", "kerema", "spas", "silav",
        "cawa", "dikarim", "bikim", "tistek", "negot", "kesi", "agahi", "mafen", "mafe", "heye",
        "nizanim", "ditirsim", "bikuje", "belavok", "belavoke", "bisine", "rojbas",
        "gili", "derive", "dikin", "nexwe", "tirsim",
    }),
    "ha": frozenset({
        "bukatar", "taimako", "taimakon", "aiko", "takardar", "takarda", "babu", "wanda",
        "gaya", "komai", "yaya", "zan", "mijina", "kashe", "tsoro", "yana", "kofa", "gode",
        "sannu", "barka", "shari'ata", "ina", "bayani",
    }),
    "ig": frozenset({
        "ndewo", "achoro", "enyemaka", "biko", "zitere", "akwukwo", "onweghi", "onye", "gwara",
        "gbasara", "okwu", "kedu", "ga-esi", "mkpesa", "ga-egbu", "ujo", "na-atu", "onu",
        "uzo", "daalu", "maka", "ihe", "bula", "ahu", "gi",
    }),
    "ak": frozenset({
        "maakye", "mepa", "kyew", "mesre", "krataa", "bre", "obiara", "nkaa",
        "biribiara", "nkyeree", "asem", "metumi", "anwiinwii", "kunu", "obekum",
        "misuro", "ogyina", "epono", "medaase", "mmoa", "akwaaba",
    }),
    "mt": frozenset({
        "bongu", "ghandi", "bzonn", "ghajnuna", "jekk", "joghgbok", "ibghatli", "fuljett",
        "hadd", "qalli", "xejn", "dwar", "kaz", "tieghi", "nista'", "naghmel", "ilment",
        "zewgi", "joqtolni", "qed", "nibza'", "qieghed", "quddiem", "bieb", "grazzi",
    }),
    # Ethiopic: Tigrinya and Amharic words (the letters above also give Tigrinya away).
    "ti": frozenset({"ኣሎ", "እየ", "ኢዩ", "ሓገዝ", "ብዛዕባ", "ከመይ", "የቐንየለይ", "በጃኹም", "ኣለኹ"}),
    "am": frozenset({"ነው", "እባክዎ", "እባክህ", "እባክሽ", "እፈልጋለሁ", "አልነገረኝም", "ፈርቻለሁ",
                     "እችላለሁ", "እንዴት", "አመሰግናለሁ"}),
    # Punjabi in Arabic script (Shahmukhi), which the detector takes for Urdu.
    "pa": frozenset({"مینوں", "نوں", "تسی", "تسیں", "تہاڈا", "تہانوں", "ساڈا", "سانوں", "اے",
                     "کجھ", "دسیا", "دسو", "کیویں", "چاہیدی", "چاہیدا", "لگدا", "کہندا",
                     "نئیں", "اوہ", "ایہہ", "دیوے", "کراں", "حقاں"}),
}
# Amharic's first-person verb ending ("I want", "I can"); Tigrinya's is -ኹ/-የ.
AMHARIC_FIRST_PERSON = "ለሁ"
# Words that alone give a language away: Punjabi's pronouns and verbs, which Urdu never uses.
WORDS_ALONE = {
    "pa": frozenset({"مینوں", "تہاڈا", "تہانوں", "سانوں", "ساڈا", "تسی", "تسیں", "نئیں", "کیویں",
                     "چاہیدی", "چاہیدا"}),
}
# Romanised Hindi and Urdu share most words: these ones are Hindi's (Sanskrit-derived), and
# one of them with any common Hindustani word, or two, make the text Hindi rather than Urdu.
HINDI_WORDS = frozenset({
    "sahayata", "sahayta", "kripya", "kripaya", "krupya", "dhanyavaad", "dhanyavad",
    "dhanyawad", "namaste", "namaskar", "jaankari", "jankari", "adhikar", "adhikaron",
    "patrak", "pati", "suraksha", "samasya", "bhagwan", "shikayat-patra",
})
URDU_WORDS = frozenset({"shukriya", "meherbani", "huqooq", "shohar", "khuda", "janab", "salam",
                        "assalam", "inshallah"})


def fold_word(word: str) -> str:
    """A word without its accents or dots below, lowercased ("alîkarî" → "alikari")."""
    decomposed = unicodedata.normalize("NFD", word.casefold().strip(",.!?;:()\"“”"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def giveaway(text: str) -> str | None:
    """The one language the text's script, letters or words belong to, else None."""
    letters = [ch for ch in text if ch.isalpha()]
    scripts = {code for ch in letters for (first, last), code in SCRIPTS.items()
               if first <= ord(ch) <= last}
    if len(scripts) == 1:
        (code,) = scripts
        return code
    marked = {code for code, marks in LETTERS.items() if any(ch in marks for ch in letters)}
    words = {fold_word(word) for word in text.split()} | set(text.split())
    counts = {code: len(words & hints) for code, hints in WORDS.items()}
    worded = {code for code, count in counts.items() if count >= 2} | {
        code for code, alone in WORDS_ALONE.items() if words & alone}
    found = marked | worded
    if len(found) == 1:
        (code,) = found
        return code
    if any(ETHIOPIC[0] <= ord(ch) <= ETHIOPIC[1] for ch in letters):
        amharic_verb = any(word.endswith(AMHARIC_FIRST_PERSON) for word in words)
        ethiopic = {code for code in ("am", "ti") if counts[code] or code in marked}
        ethiopic |= {"am"} if amharic_verb else set()
        return ethiopic.pop() if len(ethiopic) == 1 else None
    return None


def hindi_or_urdu(text: str, hindustani_words: int) -> str:
    """Romanised Hindustani: Hindi when its own words say so, else Urdu."""
    words = {fold_word(word) for word in text.split()}
    hindi = len(words & HINDI_WORDS)
    if words & URDU_WORDS:
        return "ur"
    return "hi" if hindi >= 2 or (hindi and hindustani_words) else "ur"
