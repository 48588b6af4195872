"""Opt-out and opt-in words for every language of locales/languages.tsv (messaging/keywords.py).

A translated keyword must never be something a victim types as an everyday answer: a yes or a
no (in any of our languages, since classify() looks a word up in all of them at once) or one of
the assistant's navigation words (help, menu, leaflet, language). The one overlap allowed is an
opt-out word that is also the assistant's "stop" word in some language: both mean stop.
"""

# ruff: noqa: RUF001  (the fixtures hold words in Cyrillic and other scripts)
from __future__ import annotations

from pathlib import Path

import pytest

from messaging.keywords import (
    TRANSLATED,
    TWILIO_OPT_IN,
    TWILIO_OPT_OUT,
    Keyword,
    classify,
    normalise,
)

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES_TSV = ROOT / "locales" / "languages.tsv"
NAVIGATION_TSV = ROOT / "assistant" / "nlu" / "data" / "keywords.tsv"
ENGLISH = {"en", "en-easy"}  # Twilio's own words serve them

# What victims type as yes or no, per language: the assistant's affirm/deny keyword lists
# (affirm and deny together, "|"-separated), copied here so the test stands on its own.
YES_NO: dict[str, str] = {
    "ak": (
        "aane|aane.|yiw|yoo|mepene so|mepɛ|ɛyɛ|eye|yes|ok|daabi|daabi.|dabi|mempene so|"
        "mempɛ|no"
    ),
    "am": (
        "አዎ|አዎን|አዎ።|እሺ|ትክክል|ትክክል ነው|እስማማለሁ|yes|ok|awo|awon|eshi|ishi|አይ|አይ።|አይደለም|አልፈልግም|"
        "አልስማማም|no|ay|aydelem|alfeligim"
    ),
    "ar": (
        "نعم|نعم.|اي|إي|ايوه|أيوه|أيوا|ايوا|اه|آه|حسنا|حسنًا|تمام|طيب|ماشي|موافق|موافقة|"
        "أوافق|اوافق|صحيح|أكيد|اكيد|بالتأكيد|نعم موافق|yes|ok|na3am|aywa|tamam|لا|لا.|لأ|"
        "لاء|كلا|لا شكرا|لا شكرًا|غير موافق|لا أوافق|لا اوافق|لا أريد|لا اريد|أبدا|ابدا|"
        "no|la|laa"
    ),
    "bg": (
        "да|да.|аха|ъхъ|добре|разбира се|да, разбира се|ок|окей|така е|вярно|съгласен|"
        "съгласна|da|ok|yes|не|не.|не, благодаря|не искам|не е така|не съм съгласен|"
        "не съм съгласна|грешно|ne|no"
    ),
    "bn": (
        "হ্যাঁ|হ্যা|হা|হ্যাঁ।|জি|জি হ্যাঁ|জ্বি|ঠিক আছে|আচ্ছা|অবশ্যই|সঠিক|ঠিক|রাজি|ওকে|"
        "yes|ok|ha|haa|hae|hya|ji|jee|thik ache|accha|raji|না|না।|জি না|নাহ|না ধন্যবাদ|"
        "রাজি না|রাজি নই|চাই না|no|na|naa|nah|ji na|chai na|raji na"
    ),
    "ckb": (
        "بەڵێ|بەڵێ.|بەلێ|ئا|ئەرێ|باشە|ڕازیم|ڕاستە|bale|baley|erê|ere|ok|yes|نەخێر|نەخێر.|"
        "نا|ڕازی نیم|نامەوێت|naxêr|nexer|na|no"
    ),
    "cs": (
        "ano|ano.|jo|jj|jasně|jasne|dobře|dobre|ok|okej|souhlasím|souhlasim|přesně|"
        "to je pravda|yes|ne|ne.|nee|nechci|ne, děkuji|ne díky|nesouhlasím|nesouhlasim|"
        "to není pravda|no"
    ),
    "cy": (
        "ie|ie.|ia|yes|ok|iawn|ydw|ydy|yndw|ydi|oes|do|hoffwn|gallwch|cewch|cytuno|"
        "rwy'n cytuno|dwi'n cytuno|wrth gwrs|ie, diolch|cywir|na|na.|no|nage|naddo|"
        "nac ydw|nac ydy|nac oes|na hoffwn|dim|dim diolch|na, diolch|nid wyf yn cytuno|"
        "dwi ddim yn cytuno|ddim"
    ),
    "da": (
        "ja|ja.|jo|jep|jeps|ja tak|jamen ja|ok|okay|fint|godt|det er rigtigt|rigtigt|"
        "korrekt|selvfølgelig|gerne|enig|jeg er enig|yes|nej|nej.|nej tak|næ|næh|nope|"
        "ikke rigtigt|forkert|slet ikke|ikke enig|jeg er ikke enig|no"
    ),
    "de": (
        "ja|ja.|jawohl|jo|jap|jep|ja bitte|ja gerne|genau|stimmt|richtig|klar|okay|ok|"
        "einverstanden|ich stimme zu|yes|nein|nein.|nee|ne|nö|nein danke|stimmt nicht|"
        "auf keinen fall|nicht einverstanden|ich stimme nicht zu|no"
    ),
    "el": (
        "ναι|ναί|ναι.|ναι ναι|ναι παρακαλώ|εντάξει|εντάξει.|ενταξει|σωστά|σωστα|σωστό|"
        "βεβαίως|βεβαιως|φυσικά|συμφωνώ|συμφωνω|οκ|nai|ok|entaxei|yes|όχι|οχι|όχι.|"
        "όχι ευχαριστώ|οχι ευχαριστω|δεν συμφωνώ|δεν συμφωνω|λάθος|λαθος|καθόλου|oxi|ohi|"
        "ochi|no"
    ),
    "en-easy": (
        "yes|yes.|yes!|y|yeah|yep|yea|ya|ok|okay|sure|fine|right|that's right|"
        "thats right|correct|i agree|agree|yes please|please do|go ahead|no|no.|no!|n|"
        "nope|nah|no thanks|no thank you|i don't agree|i dont agree|don't|dont|not now|"
        "no way"
    ),
    "es": (
        "sí|si|sí.|si.|sí!|yes|ok|vale|claro|correcto|exacto|de acuerdo|acepto|"
        "estoy de acuerdo|sí, por favor|si por favor|dale|sip|bueno|está bien|esta bien|"
        "no|no.|no!|no, gracias|no gracias|no acepto|no estoy de acuerdo|no quiero|nop|"
        "para nada|nunca"
    ),
    "et": (
        "jah|jah.|jaa|jep|muidugi|selge|hästi|sobib|ok|okei|õige|nõus|olen nõus|yes|ei|"
        "ei.|ei, aitäh|ei aitäh|ei taha|pole nõus|ei ole nõus|vale|no"
    ),
    "fa": (
        "بله|بله.|آره|اره|بلی|باشه|آری|درسته|درست است|موافقم|حتما|حتماً|bale|bali|are|"
        "areh|ok|okay|yes|نه|نه.|خیر|نخیر|نمی‌خواهم|نمیخوام|موافق نیستم|na|nah|kheir|no"
    ),
    "fa_AF": (
        "بلی|بلی.|بله|آره|اره|ها|هان|خوب|درست است|موافقم|موافق هستم|balay|bale|bali|ha|"
        "ok|yes|نه|نه.|نی|نخیر|خیر|موافق نیستم|نمی‌خواهم|نمیخواهم|na|nah|nai|no"
    ),
    "fi": (
        "kyllä|kylla|kyllä.|joo|juu|jep|jees|ok|okei|selvä|sopii|käy|totta|"
        "pitää paikkansa|oikein|niin|haluan|yes|ei|ei.|en|eikä|ei kiitos|ei käy|en halua|"
        "ei pidä paikkaansa|väärin|ei todellakaan|no"
    ),
    "fr": (
        "oui|oui.|ouais|ouai|oui merci|d'accord|daccord|dac|ok|okay|bien sûr|exact|"
        "c'est ça|je suis d'accord|yes|non|non.|non merci|nan|pas du tout|"
        "je ne suis pas d'accord|pas d'accord|no"
    ),
    "gu": (
        "હા|હા.|હાં|હા જી|જી|જી હા|બરાબર|બરાબર છે|ઠીક છે|ઠીક|સાચું|સાચું છે|ચોક્કસ|જરૂર|"
        "ઓકે|સંમત|મંજૂર|yes|ok|ha|haa|haan|ha ji|ji|barabar|barabar che|thik che|saru|ના|"
        "ના.|નહીં|ના જી|જી ના|ના, આભાર|ના આભાર|નથી જોઈતું|સંમત નથી|મંજૂર નથી|no|na|naa|"
        "nahi|ji na|nathi"
    ),
    "ha": (
        "eh|eh.|e|i|na'am|naam|to|toh|haka ne|na amince|eh haka ne|yes|ok|a'a|a'a.|aa|"
        "a a|ba haka ba|ban amince ba|a'a ba haka ba|no"
    ),
    "hi": (
        "हाँ|हां|हाँ।|हाँ जी|जी|जी हाँ|जी हां|ठीक है|ठीक|अच्छा|बिलकुल|बिल्कुल|ज़रूर|जरूर|"
        "सही|सही है|ओके|सहमत|मंज़ूर|yes|ok|haan|han|haa|ha|haan ji|ji|ji haan|jee|"
        "theek hai|thik hai|bilkul|sahi|नहीं|नही|नहीं।|जी नहीं|नहीं जी|ना|न|नहीं धन्यवाद|"
        "नहीं चाहिए|सहमत नहीं|मंज़ूर नहीं|no|nahi|nahin|nahi ji|nai|na|ji nahi|"
        "nahi chahiye"
    ),
    "hr": (
        "da|da.|je|može|moze|naravno|u redu|ok|okej|točno|tocno|slažem se|slazem se|yes|"
        "ne|ne.|nije|ne, hvala|ne hvala|neću|necu|ne želim|ne slažem se|no"
    ),
    "hu": (
        "igen|igen.|ja|aha|persze|hát persze|rendben|jó|jo|ok|oké|oke|így van|úgy van|"
        "egyetértek|yes|nem|nem.|nem, köszönöm|nem köszi|nem kérem|nem akarom|nincs így|"
        "nem így van|no"
    ),
    "ig": (
        "ee|ee.|eh|eeh|ọ dị mma|o di mma|ekwere m|ekwenyere m|yes|ok|mba|mba.|mba nu|"
        "ekweghị m|ekweghi m|no"
    ),
    "it": (
        "sì|si|sì.|si.|sì grazie|certo|certamente|va bene|ok|okay|d'accordo|daccordo|"
        "esatto|giusto|sono d'accordo|yes|no|no.|no grazie|assolutamente no|per niente|"
        "non sono d'accordo|non è corretto"
    ),
    "ka": (
        "დიახ|კი|ჰო|ხო|კარგი|თანახმა ვარ|დიახ, თანახმა ვარ|yes|ok|diax|diakh|ki|ho|xo|"
        "kargi|არა|არა.|არა, მადლობა|არ ვარ თანახმა|no|ara"
    ),
    "ko": (
        "예|예.|네|네.|넵|넹|응|그래|그래요|좋아요|맞아요|맞습니다|동의합니다|동의해요|ㅇㅇ|ye|ne|ok|yes|아니요|아니요.|아니오|아뇨|"
        "아니|아니에요|싫어요|안 돼요|동의하지 않습니다|ㄴㄴ|ani|aniyo|no"
    ),
    "ku": (
        "erê|erê.|ere|belê|bele|baş e|bas e|temam|razî me|yes|ok|na|na.|nexêr|nexer|"
        "razî nînim|no"
    ),
    "lt": (
        "taip|taip.|jo|aha|žinoma|zinoma|gerai|ok|okei|teisingai|sutinku|yes|ne|ne.|"
        "ne, ačiū|ne aciu|nenoriu|nesutinku|neteisingai|no"
    ),
    "lv": (
        "jā|jā.|ja|jaa|protams|labi|ok|okei|pareizi|tā ir|piekrītu|yes|nē|nē.|ne|nee|"
        "nē, paldies|ne paldies|negribu|nepiekrītu|nav pareizi|no"
    ),
    "mt": (
        "iva|iva.|ija|ijja|ee|eh|ok|okay|tajjeb|sew|hekk hu|eżatt|ezatt|żgur|zgur|naqbel|"
        "iva naqbel|yes|le|le.|le grazzi|xejn|le ma naqbilx|ma naqbilx|mhux hekk|"
        "mhux sew|qatt|no"
    ),
    "nb": (
        "ja|ja.|jo|jepp|japp|ja takk|ok|okei|okay|greit|det stemmer|stemmer|riktig|"
        "korrekt|gjerne|selvfølgelig|enig|jeg er enig|yes|nei|nei.|nei takk|næ|nope|"
        "stemmer ikke|det stemmer ikke|feil|absolutt ikke|ikke enig|jeg er ikke enig|no"
    ),
    "nl": (
        "ja|ja.|jawel|jazeker|ja hoor|ja graag|jep|jup|ok|oké|oke|okee|goed|prima|klopt|"
        "dat klopt|zeker|akkoord|mee eens|yes|nee|nee.|neen|nee hoor|nee dank je|"
        "nee bedankt|nope|klopt niet|niet akkoord|niet mee eens|liever niet|no"
    ),
    "pa": (
        "ਹਾਂ|ਹਾਂ ਜੀ|ਜੀ|ਜੀ ਹਾਂ|ਹਾਂ।|ਠੀਕ ਹੈ|ਠੀਕ|ਬਿਲਕੁਲ|ਜ਼ਰੂਰ|ਸਹੀ|ਓਕੇ|ਮਨਜ਼ੂਰ|yes|ok|haan|"
        "han|haan ji|ha ji|ji|theek hai|thik aa|bilkul|ਨਹੀਂ|ਨਹੀਂ।|ਨਹੀਂ ਜੀ|ਜੀ ਨਹੀਂ|ਨਾ|"
        "ਨਹੀਂ ਧੰਨਵਾਦ|ਮਨਜ਼ੂਰ ਨਹੀਂ|no|nahi|nahin|nai|na|nahi ji|ji nahi"
    ),
    "pl": (
        "tak|tak.|tak!|tak, proszę|yes|ok|okej|dobrze|zgoda|zgadzam się|zgadza się|jasne|"
        "pewnie|oczywiście|oczywiscie|zgadzam sie|zgadza sie|nie|nie.|nie!|no|"
        "nie, dziękuję|nie dziękuję|nie dziekuje|nie zgadzam się|nie zgadzam sie|"
        "nie chcę|nie chce"
    ),
    "ps": (
        "هو|هو.|هوکې|هو کې|ښه|سمه ده|سم دی|موافق یم|ho|hoo|ho ke|hoke|ok|yes|نه|نه.|"
        "نه غواړم|موافق نه یم|na|nah|no"
    ),
    "pt": (
        "sim|sim.|sim!|yes|ok|okay|claro|certo|correto|exato|exatamente|concordo|aceito|"
        "está bem|esta bem|tá bem|ta bem|pode ser|sim, pode|sim, por favor|não|nao|não.|"
        "nao.|no|não, obrigado|não, obrigada|nao obrigado|não concordo|não aceito|"
        "nao aceito|não quero|nao quero|nunca"
    ),
    "ro": (
        "da|da.|da!|yes|ok|okay|bine|sigur|desigur|corect|exact|de acord|sunt de acord|"
        "da, sunt de acord|merge|da, vă rog|da, va rog|nu|nu.|nu!|no|nu, mulțumesc|"
        "nu, multumesc|nu sunt de acord|nu vreau|nicidecum|deloc"
    ),
    "ru": (
        "да|да.|ага|угу|конечно|да, конечно|хорошо|ладно|ок|окей|верно|правильно|"
        "согласен|согласна|da|ok|yes|нет|нет.|не|неа|нет, спасибо|не надо|не хочу|"
        "не согласен|не согласна|неверно|net|no"
    ),
    "sk": (
        "áno|áno.|ano|hej|jj|jasné|jasne|dobre|ok|okej|súhlasím|suhlasim|presne|"
        "je to tak|yes|nie|nie.|ne|nechcem|nie, ďakujem|nie dik|nesúhlasím|nesuhlasim|"
        "nie je to tak|no"
    ),
    "sl": (
        "da|da.|ja|ja.|seveda|v redu|vredu|ok|okej|drži|tako je|strinjam se|yes|ne|ne.|"
        "nak|ne hvala|ne, hvala|nočem|ne drži|ne strinjam se|no"
    ),
    "so": (
        "haa|haa.|haa!|haye|haah|yes|ok|hagaag|waa hagaag|sax|waa sax|dabcan|hubaal|"
        "waan oggolahay|waan ogolahay|oggol|ogol|haa waan oggolahay|maya|maya.|maya!|no|"
        "mayo|may|ma oggoli|ma ogoli|ma rabo|marnaba|maya mahadsanid"
    ),
    "sq": (
        "po|po.|po po|po, faleminderit|ok|okej|në rregull|ne rregull|mirë|mire|dakord|"
        "jam dakord|sigurisht|patjetër|patjeter|e saktë|e sakte|saktë|yes|jo|jo.|"
        "jo faleminderit|jo, faleminderit|s'jam dakord|nuk jam dakord|nuk dua|"
        "nuk është e saktë|aspak|kurrë|no"
    ),
    "sv": (
        "ja|ja.|jo|japp|jepp|ja tack|absolut|visst|javisst|ok|okej|okay|det stämmer|"
        "stämmer|rätt|korrekt|gärna|jag håller med|yes|nej|nej.|nej tack|nä|näe|nää|nope|"
        "absolut inte|stämmer inte|det stämmer inte|fel|jag håller inte med|no"
    ),
    "ta": (
        "ஆம்|ஆமாம்|ஆம்.|சரி|ஓகே|ஒப்புக்கொள்கிறேன்|ஆம் சரி|yes|ok|aam|aamam|aamaam|sari|"
        "இல்லை|இல்லை.|இல்ல|வேண்டாம்|ஒப்புக்கொள்ளவில்லை|no|illai|illa|vendam|vendaam"
    ),
    "th": (
        "ใช่|ใช่ค่ะ|ใช่ครับ|ใช่แล้ว|ค่ะ|ครับ|ได้|ได้ค่ะ|ได้ครับ|โอเค|ตกลง|ยินยอม|ต้องการ|"
        "chai|ok|yes|ไม่|ไม่ใช่|ไม่ค่ะ|ไม่ครับ|ไม่ได้|ไม่ต้องการ|ไม่ต้อง|ไม่ยินยอม|"
        "ไม่เอา|mai|mai chai|no"
    ),
    "ti": (
        "እወ|እወ።|ሕራይ|ይኹን|ቅቡል|እሰማማዕ|yes|ok|ewe|hray|hiray|ኣይፋል|ኣይፋል።|ኣይፋልን|ኣይኮነን|ኣይደልን|"
        "ኣይሰማማዕን|no|ayfal|aykonen"
    ),
    "tr": (
        "evet|evet.|evt|evet!|yes|ok|okey|tamam|tamamdır|tamamdir|olur|peki|tabii|tabi|"
        "elbette|doğru|dogru|aynen|kabul|kabul ediyorum|evet kabul ediyorum|kesinlikle|"
        "hayır|hayir|hayır.|yok|no|istemiyorum|kabul etmiyorum|hayır teşekkürler|"
        "hayir tesekkurler|olmaz|asla"
    ),
    "uk": (
        "так|так.|ага|угу|звісно|звичайно|так, звісно|добре|гаразд|ок|окей|вірно|"
        "правильно|згоден|згодна|tak|ok|yes|ні|ні.|не|нє|ні, дякую|не треба|не хочу|"
        "не згоден|не згодна|неправильно|ni|no"
    ),
    "ur": (
        "ہاں|ہاں جی|جی|جی ہاں|جی ہاں۔|ہاں۔|ٹھیک ہے|ٹھیک|بالکل|درست|صحیح|اوکے|منظور|yes|"
        "ok|haan|han|haan ji|ji|ji haan|jee|theek hai|thik hai|bilkul|نہیں|نہیں۔|جی نہیں|"
        "نہیں جی|نا|نہ|نہیں شکریہ|منظور نہیں|no|nahi|nahin|nai|ji nahi|nahi shukriya"
    ),
    "vi": (
        "có|có.|co|vâng|vang|dạ|da|dạ có|ừ|ừm|đúng|dung|đúng rồi|đồng ý|dong y|được|duoc|"
        "ok|oke|yes|không|không.|khong|ko|k|không phải|khong phai|không đồng ý|"
        "khong dong y|không cần|khong can|dạ không|no"
    ),
    "yo": (
        "bẹ́ẹ̀ni|bẹ́ẹ̀ ni|beeni|bee ni|ẹ̀n|en|ó dáa|o daa|o da|mo gbà|mo gba|yes|ok|rárá|"
        "rara|rárá o|bẹ́ẹ̀ kọ́|bee ko|mi ò gbà|mi o gba|no"
    ),
    "zh_Hans": (
        "是|是的|是。|对|对的|对。|好|好的|可以|行|同意|嗯|要|需要|shi|dui|hao|ok|yes|否|否。|不|不是|不对|不要|不用|不需要|"
        "不同意|不行|没有|bu|bushi|no"
    ),
    "zh_Hant": (
        "是|是的|是。|對|對的|對。|好|好的|可以|行|同意|嗯|要|需要|係|係呀|啱|ok|yes|否|否。|不|不是|不對|不要|不用|不需要|不同意|不行|"
        "沒有|唔係|唔要|唔使|冇|no"
    ),
}


def _language_codes() -> set[str]:
    codes = set()
    for line in LANGUAGES_TSV.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            codes.add(line.split("\t")[0])
    return codes


def _navigation_words() -> dict[str, set[tuple[str, str]]]:
    """normalise()d word -> the (language, intent) pairs of keywords.tsv that have it."""
    words: dict[str, set[tuple[str, str]]] = {}
    for line in NAVIGATION_TSV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, intent, listed = line.split("\t")
        for word in listed.split("|"):
            words.setdefault(normalise(word), set()).add((code, intent))
    return words


def _yes_no_words() -> dict[str, set[str]]:
    words: dict[str, set[str]] = {}
    for code, listed in YES_NO.items():
        for word in listed.split("|"):
            words.setdefault(normalise(word), set()).add(code)
    return words


def _translated() -> list[tuple[str, Keyword, str]]:
    """(language, keyword, word) for every translated word."""
    rows = []
    for language, (outs, ins) in TRANSLATED.items():
        rows += [(language, Keyword.OPT_OUT, word) for word in outs]
        rows += [(language, Keyword.OPT_IN, word) for word in ins]
    return rows


def test_every_language_has_opt_out_and_opt_in_words():
    codes = _language_codes()
    assert len(codes) == 55
    assert set(TRANSLATED) == codes - ENGLISH
    for language, (outs, ins) in TRANSLATED.items():
        assert outs, language
        assert ins, language
        assert all(normalise(word) for word in (*outs, *ins)), language


def test_yes_no_fixture_covers_every_language():
    assert set(YES_NO) >= _language_codes() - {"en"}


def test_no_keyword_is_a_yes_or_no_answer():
    yes_no = _yes_no_words()
    clashes = [(language, word, sorted(yes_no[normalise(word)]))
               for language, _, word in _translated() if normalise(word) in yes_no]
    assert clashes == []


def test_no_keyword_is_a_navigation_keyword():
    navigation = _navigation_words()
    clashes = []
    for language, keyword, word in _translated():
        found = navigation.get(normalise(word), set())
        if keyword is Keyword.OPT_OUT:
            found = {(code, intent) for code, intent in found if intent != "stop"}
        if found:
            clashes.append((language, keyword.value, word, sorted(found)))
    assert clashes == []


def test_no_word_is_both_opt_out_and_opt_in():
    meaning: dict[str, set[Keyword]] = {}
    for _, keyword, word in _translated():
        meaning.setdefault(normalise(word), set()).add(keyword)
    for word in TWILIO_OPT_OUT:
        meaning.setdefault(word, set()).add(Keyword.OPT_OUT)
    for word in TWILIO_OPT_IN:
        meaning.setdefault(word, set()).add(Keyword.OPT_IN)
    assert {word: kinds for word, kinds in meaning.items() if len(kinds) > 1} == {}


@pytest.mark.parametrize(("language", "keyword", "word"), _translated())
def test_classify_finds_each_keyword(language, keyword, word):
    owners = [code for code, expected, other in _translated()
              if normalise(other) == normalise(word) and expected is keyword]
    for text in (word, word.lower(), f" {word.lower()}! ", f"{word}."):
        match = classify(text)
        assert match is not None, text
        assert match.keyword is keyword, text
        assert not match.provider_default
        assert match.language == owners[0], text  # a shared word belongs to the first language
        assert language in owners


def test_keywords_are_whole_messages_only():
    assert classify("Будь ласка, зупинити") is None
    assert classify("ngung gui") is None
    assert classify("zastavit prosim") is None
