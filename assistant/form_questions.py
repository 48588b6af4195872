"""Questions people ask in the middle of a form, recognised by their words in many languages.

The needs and consent forms take free text as an answer; before telling the victim to "please
reply …", the form checks whether the text was a question about the form itself: "why do you
ask?" (the question's reason) or "what is victim support?" (what a support service is). Other
questions (rights, compensation, the leaflet …) are intents, answered by rules in
bot/data/rules/form_questions.yml. No Django, no Rasa.

>>> form_question("why do you ask?"), form_question("Dlaczego pytacie?")
(<FormQuestion.WHY: 'why'>, <FormQuestion.WHY: 'why'>)
>>> form_question("What is Victim Support?")
<FormQuestion.ABOUT_SUPPORT: 'about-support'>
>>> form_question("weekdays after 6pm") is None
True
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from assistant.nlu.normalise import fold


class FormQuestion(StrEnum):
    WHY = "why"
    ABOUT_SUPPORT = "about-support"


# Folded phrases (accents and case ignored), matched as whole words anywhere in the text.
PHRASES: dict[FormQuestion, tuple[str, ...]] = {
    FormQuestion.ABOUT_SUPPORT: (
        "what is victim support", "what is a support service", "what is support",
        "who is victim support", "who are victim support", "who are you", "what are you",
        "what is this service", "what support", "co to jest wsparcie", "kim jestescie",
        "ce este victim support", "ce este sprijinul", "cine sunteti", "que es victim support",
        "que es el apoyo", "quienes son", "o que e victim support", "quem sao voces",
        "qu'est-ce que victim support", "qui etes-vous", "cos'e victim support", "chi siete",
        "was ist victim support", "wer sind sie", "destek nedir", "siz kimsiniz",
        "maxay tahay victim support", "yaad tihiin", "ما هو دعم الضحايا", "من أنتم", "من انتم",
        "victim support kya hai", "aap kaun hain", "victim support ki", "apnara ke",
        "wat is victim support", "kdo jste", "co je victim support", "mi az a victim support",
        "что такое victim support", "кто вы", "що таке victim support", "хто ви",
    ),
    FormQuestion.WHY: (
        "why", "why do you ask", "why do you need", "why ask", "dlaczego", "czemu", "po co",
        "de ce", "por que", "porque pregunta", "pourquoi", "perche", "warum", "wieso",
        "neden", "niye", "sababta", "لماذا", "ليش", "limatha", "kyun", "kyon",
        "kiyon", "keno", "waarom", "proc", "miert", "почему", "зачем", "чому", "навіщо",
        "zasto", "kodel", "kapec", "pse", "miksi", "varfor", "hvorfor", "miks", "giati",
        "γιατί", "کیوں", "কেন", "ਕਿਉਂ", "क्यों", "چرا", "为什么", "為什麼", "왜", "ทำไม",
        "tại sao", "vi sao", "kilode", "don me", "gini mere", "ለምን", "ንምንታይ",
    ),
}
# Checked first: "why" is inside many longer questions.
ORDER = (FormQuestion.ABOUT_SUPPORT, FormQuestion.WHY)


@cache
def _patterns() -> dict[FormQuestion, re.Pattern[str]]:
    return {kind: re.compile(r"(?:^|\W)(?:" + "|".join(
        re.escape(fold(p)) for p in sorted(phrases, key=len, reverse=True)) + r")(?:\W|$)")
        for kind, phrases in PHRASES.items()}


def form_question(text: str) -> FormQuestion | None:
    """What a question asked inside a form is about, if it is one of these."""
    folded = fold(text)
    for kind in ORDER:
        if _patterns()[kind].search(folded):
            return kind
    return None
