"""The assistant's replies worded for the web chat: "choose" and buttons, not "Reply YES".

The domain's responses are written for a text message. For the web chat (the message's metadata
says ``channel: web``) the NLG words the English for a screen, uses that wording's translation
when a catalog has one (else the text's own translation: still the victim's language), and
offers buttons: Yes and No in the victim's language (their own keyword, which the assistant
understands) for a yes/no question, and one button per numbered line of a menu.

No Django, no Rasa: the Rasa server's NLG imports this module.

>>> for_web("Is that right? Reply YES or NO.")
'Is that right? Choose Yes or No.'
>>> for_web("Can we pass your answers to Care? Reply AGREE or NO.")
'Can we pass your answers to Care? Choose Yes or No.'
>>> for_web("Reply with a number:\\n1 Your rights")
'Choose one:\\n1 Your rights'
>>> menu_choices("Choose one:\\n1 Your rights\\n2 Get the leaflet\\nIn danger now? Call 999.")
('Choose one:\\nIn danger now? Call 999.', [('1 Your rights', '1'), ('2 Get the leaflet', '2')])
>>> yes_no_choices("pl")
[('Tak', 'tak'), ('Nie', 'nie')]
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from assistant.nlu.keywords import ALL_LANGUAGES, KEYWORDS_TSV

WEB = "web"
# Text-message phrases and their web wording, longest first (applied to the English msgid).
PHRASES: tuple[tuple[str, str], ...] = (
    ("Reply with a number from 1 to 12 to read one, or MENU.",
     "Type a number from 1 to 12 to read one, or choose Menu."),
    ("Please reply with one of the numbers I sent.", "Please choose one of the options."),
    ("Please reply with one of the numbers, or 0 to skip.",
     "Please choose one of the options, or type 0 to skip."),
    ("Please reply YES or NO, or 0 to skip.", "Please choose Yes or No, or type 0 to skip."),
    ("Please reply Y or N, or 0 to skip.", "Please choose Yes or No, or type 0 to skip."),
    ("Please reply YES or NO.", "Please choose Yes or No."),
    ("Please reply AGREE or NO.", "Please choose Yes or No."),
    ("Please reply CORRECT or NO.", "Please choose Yes or No."),
    ("Reply YES or NO.", "Choose Yes or No."),
    ("Reply AGREE or NO.", "Choose Yes or No."),
    ("Reply CORRECT or NO.", "Choose Yes or No."),
    ("Reply Y or N.", "Choose Yes or No."),
    ("Reply with a number:", "Choose one:"),
    ("Reply 0 to skip a question, ? to hear why we ask, < to go back, or MENU to stop the "
     "questions.", "Type 0 to skip a question, ? to hear why we ask, < to go back, or choose "
     "Menu to stop the questions."),
    ("Try again, or reply 0 to skip.", "Try again, or type 0 to skip."),
    ("Reply MENU and choose 3 to carry on later.",
     "Choose Menu and then Get support to carry on later."),
    ("Reply MENU", "Choose Menu"),
    ("reply MENU", "choose Menu"),
    ("Reply HELP", "Type HELP"),
    ("or HELP to talk to a person", "or type HELP to talk to a person"),
    ("You can text this number again at any time.", "You can come back to this chat at any time."),
)
# How a text asks a yes/no question: YES/NO, and the words that avoid carriers' opt-in YES.
YES_NO_MARKS = ("YES or NO", "AGREE or NO", "CORRECT or NO", "Y or N")
MENU_LINE = re.compile(r"^\s*(\d{1,2})[ .)]\s*\S.*$")
YES, NO = "affirm", "deny"


def for_web(english: str) -> str:
    """The English response text worded for the web chat (unchanged when nothing applies)."""
    for sms, web in PHRASES:
        english = english.replace(sms, web)
    return english


def is_yes_no(english: str) -> bool:
    return any(mark in english for mark in YES_NO_MARKS)


def menu_choices(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text without its numbered lines, and a (title, payload) button for each line.

    Fewer than two numbered lines is not a menu: the text is returned as it is.
    """
    kept, choices = [], []
    for line in text.split("\n"):
        found = MENU_LINE.match(line)
        if found:
            choices.append((line.strip(), found.group(1)))
        else:
            kept.append(line)
    if len(choices) < 2:
        return text, []
    return "\n".join(kept), choices


@cache
def _first_words() -> dict[tuple[str, str], str]:
    """(language, intent) -> the first word of its keywords.tsv row ("*": every language)."""
    found: dict[tuple[str, str], str] = {}
    for line in KEYWORDS_TSV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, intent, words = line.split("\t")
        found.setdefault((code, intent), words.split("|")[0])
    return found


# Where a language's first keyword is not its plain yes or no (a colloquial or polite form:
# "nah", "nije", "no, gracias"), the button shows the plain word, which the keyword layer
# understands in that language too (tests/assistant/test_nlg.py checks every button).
BUTTON_WORDS: dict[tuple[str, str], str] = {
    ("en-easy", YES): "yes", ("en-easy", NO): "no",
    ("cs", NO): "ne", ("hr", NO): "ne", ("lt", NO): "ne", ("sl", NO): "ne", ("lv", NO): "nē",
    ("sq", NO): "jo", ("es", NO): "no", ("it", NO): "no",
}
_CASED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN")


def _title(word: str) -> str:
    """The word with a capital first letter, in scripts that have capitals in ordinary text
    (Georgian has a capital alphabet, Mtavruli, that is not used to start a word).

    >>> _title("tak"), _title("დიახ")
    ('Tak', 'დიახ')
    """
    if word and unicodedata.name(word[0], "").startswith(_CASED_SCRIPTS):
        return word[:1].upper() + word[1:]
    return word


def yes_no_choices(language: str) -> list[tuple[str, str]]:
    """Yes and No buttons in the language: its own words, which the assistant understands."""
    words = _first_words()
    choices = []
    for intent in (YES, NO):
        word = (BUTTON_WORDS.get((language, intent)) or words.get((language, intent))
                or words[(ALL_LANGUAGES, intent)])
        choices.append((_title(word), word))
    return choices


def menu_choice(language: str) -> tuple[str, str]:
    """The Menu button in the language: its own word for the menu (title, payload)."""
    words = _first_words()
    word = words.get((language, "menu")) or words[(ALL_LANGUAGES, "menu")]
    return _title(word), word
