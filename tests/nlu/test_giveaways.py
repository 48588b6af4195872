"""What gives a language away before lingua (assistant/nlu/giveaways.py), and the first reply's
language on the development set (benchmarks/first_reply_language.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.nlu.detection import detect_language
from assistant.nlu.giveaways import giveaway
from benchmarks.first_reply_language import first_reply_language, read_cases, verdict


def code_of(text: str) -> str | None:
    found = detect_language(text)
    return found.code if found else None


@pytest.mark.parametrize(("text", "code"), [
    ("Silav, ez alîkarî dixwazim", "ku"),  # lingua: Somali
    ("ez alikari dixwazim ji kerema xwe", "ku"),  # lingua: Turkish
    ("سڵاو، من یارمەتیم پێویستە", "ckb"),  # lingua: Arabic
    ("زما میړه وايي چې زه به دې ووژنم", "ps"),  # lingua: Farsi
    ("ɛyɛ dɛn na mɛtumi de anwiinwii aba?", "ak"),  # lingua: Somali
    ("daalụ maka enyemaka gị", "ig"),
    ("ina bukatar taimako", "ha"),
    ("għandi bżonn l-għajnuna", "mt"),
    ("ሓገዝ የድልየኒ ኣሎ", "ti"),
    ("እርዳታ እፈልጋለሁ", "am"),
    ("मुझे मदद चाहिए", "hi"),
])
def test_a_language_lingua_lacks_is_given_away(text, code):
    assert code_of(text) == code


@pytest.mark.parametrize("text", [
    "مینوں مدد چاہیدی اے", "تہاڈا بہت شکریہ", "مہربانی کر کے مینوں پرچہ بھیجو",
])
def test_punjabi_in_arabic_script_is_not_urdu(text):
    assert code_of(text) == "pa"


def test_urdu_in_arabic_script_stays_urdu():
    assert code_of("مجھے مدد چاہیے") == "ur"
    assert code_of("میرے کیس کے بارے میں کسی نے مجھے کچھ نہیں بتایا") == "ur"


def test_romanised_hindi_with_its_own_words_is_hindi_not_urdu():
    assert code_of("namaste mujhe sahayata chahiye") == "hi"
    assert code_of("dhanyavaad aapki sahayata ke liye") == "hi"
    assert code_of("shukriya aap ki madad ka") == "ur"
    assert code_of("mujhe madad chahiye") == "ur"  # shared words: Urdu, as before


def test_farsi_letters_are_never_arabic():
    assert code_of("ممنون از کمکتون") == "fa"  # lingua: Arabic


def test_urdu_letters_are_never_farsi():
    assert code_of("میرے حقوق") == "ur"  # lingua: Arabic, then Farsi


def test_amharic_or_tigrinya_unknown_is_not_guessed():
    assert giveaway("ሰላም") is None
    assert code_of("ሰላም") is None


@pytest.mark.parametrize("text", [
    "I need some help please", "Potrzebuję pomocy", "ez nem jó", "hola necesito ayuda",
    "Rydw i angen help, mae ofn arna i", "Je suis très inquiète, où est-il?",
])
def test_other_languages_give_nothing_away(text):
    assert giveaway(text) is None


CASES = read_cases()
# Romanised Hindi without a word only Hindi uses reads as Urdu, which the detector then names.
ALLOWED_WRONG = {"hi-Latn": 2}


@pytest.mark.parametrize("label", sorted({case.label for case in CASES}))
def test_first_replies_of_the_development_set(label):
    outcomes = Counter(verdict(case, first_reply_language(case.text))
                       for case in CASES if case.label == label)
    assert outcomes["wrong"] <= ALLOWED_WRONG.get(label, 0), outcomes
    assert outcomes["right"] >= 5, outcomes


def test_a_threat_several_languages_word_is_not_answered_in_the_detectors_third_guess():
    # Romanised Hindi/Urdu self-harm that lingua scores as Finnish, matching Hindi and Urdu words.
    assert first_reply_language("main ab jeena nahi chahti") is None
    assert first_reply_language("ez ditirsim ku ew min bikuje") == "ku"


def test_arabic_keyboard_letters_make_arabic():
    assert code_of("كيف اقدم شكوى") == "ar"  # lingua: Urdu


@pytest.mark.parametrize("text", ["تشکر", "سوپاس", "مننه"])
def test_one_word_of_the_arabic_script_names_no_language(text):
    assert code_of(text) is None  # Farsi, Sorani, Pashto: lingua said Urdu, Farsi, Arabic


def test_latin_letters_with_a_dot_below_are_latin_and_short():
    assert code_of("daalụ") is None  # Igbo "thanks": lingua said Vietnamese


def test_amharic_first_person_verbs_make_amharic():
    assert code_of("ባለቤቴ እገድልሻለሁ ብሎ ዛተብኝ") == "am"
