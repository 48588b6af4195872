"""Offline language identification (assistant/nlu/detection.py, lingua in its wheel)."""

from __future__ import annotations

import pytest

from assistant.nlu.detection import detect_language, lingua_codes, romanised_language

SAMPLES = {
    "en": "I would like some support after the burglary please",
    "pl": "Chciałabym dostać wsparcie po włamaniu",
    "ro": "Aș vrea să primesc sprijin după spargere",
    "bn": "চুরির পরে আমি সাহায্য চাই",
    "pt": "Gostaria de receber apoio depois do assalto",
    "es": "Me gustaría recibir apoyo después del robo",
    "ar": "أريد الحصول على الدعم بعد السرقة",
    "tr": "H\u0131rs\u0131zl\u0131ktan sonra destek almak istiyorum",
    "ur": "چوری کے بعد مجھے مدد چاہیے",
    "so": "Waxaan rabaa taageero kadib tuugada",
    "pa": "ਚੋਰੀ ਤੋਂ ਬਾਅਦ ਮੈਨੂੰ ਮਦਦ ਚਾਹੀਦੀ ਹੈ",
    "zh_Hans": "我家被盗以后需要帮助",
    "zh_Hant": "我家被盜以後需要幫助",
}


@pytest.mark.parametrize(("code", "text"), sorted(SAMPLES.items()))
def test_detects_the_free_text_languages(code, text):
    found = detect_language(text)
    assert found is not None
    assert found.code == code


@pytest.mark.parametrize("text", ["ok", "hi", "123", "", "??"])
def test_short_texts_are_not_guessed(text):
    assert detect_language(text) is None


def test_romanised_south_asian_texting():
    assert romanised_language("mujhe madad chahiye") == "ur"
    assert romanised_language("mainu madad chahidi hai tusi") == "pa"
    assert romanised_language("ami sahajjo chai") == "bn"
    assert romanised_language("I need some help") is None
    found = detect_language("mujhe madad chahiye")
    assert found is not None
    assert found.code == "ur"


def test_detected_codes_are_catalog_codes():
    from i18n.languages import all_languages

    codes = {language.code for language in all_languages()}
    assert set(lingua_codes().values()) <= codes
    assert {"so", "pa", "ur", "bn", "cy", "yo"} <= set(lingua_codes().values())


@pytest.mark.parametrize("text", [
    "salam alaikum", "Assalam o alaikum", "asalaamu calaykum", "hello, thank you", "ok please",
])
def test_greetings_shared_across_languages_name_no_language(text):
    assert detect_language(text) is None


@pytest.mark.parametrize(("text", "code"), [
    ("sat sri akal ji", "pa"), ("Salaam, waxaan u baahanahay caawimaad", "so"),
    ("hello, mujhe madad chahiye", "ur"), ("good morning", "en"),
])
def test_first_messages(text, code):
    found = detect_language(text)
    assert found is not None
    assert found.code == code


@pytest.mark.parametrize("text", [
    "hi, a police officer told me to message this", "no I don't want to",
])
def test_a_rarer_language_needs_near_certainty(text):
    found = detect_language(text)
    assert found is None or found.code == "en"


def test_romanised_bengali():
    found = detect_language("amra ki ekhon thamte pari")
    assert found is not None
    assert found.code == "bn"
