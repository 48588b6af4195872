"""The one short line a conversation's reply may carry about its language, decided once.

- Nothing is known of the victim's language and their text says too little (a greeting, one
  word, a number): the reply is in English, with one line offering the language menu.
- The replies are in a language whose catalog is a machine draft (``X-Review-Status``): the first
  of them says so once and offers English.

Never before the danger guidance, and not when the reply is itself about the language (the menu,
a language chosen). No Django, no Rasa.

>>> note_for(language=None, noted=None, intent="greet", machine_draft=False)
<Note.LANGUAGE_OFFER: 'utter_language_offer'>
>>> note_for(language="it", noted=None, intent="greet", machine_draft=True)
<Note.MACHINE_DRAFT: 'utter_machine_draft'>
>>> note_for(language="it", noted="it", intent="greet", machine_draft=True) is None
True
>>> note_for(language=None, noted=None, intent="danger", machine_draft=False) is None
True
"""

from __future__ import annotations

from enum import StrEnum


class Note(StrEnum):
    """The response that carries the line."""

    LANGUAGE_OFFER = "utter_language_offer"
    MACHINE_DRAFT = "utter_machine_draft"


OFFERED = "offered"  # the ``language_note`` slot's value once the language menu was offered
# Replies that must come alone (danger) or are already about the language.
NO_NOTE_INTENTS = frozenset({"danger", "nlu_fallback", "change_language"})


def note_for(*, language: str | None, noted: str | None, intent: str | None,
             machine_draft: bool) -> Note | None:
    """The line to add before this turn's reply, if any.

    ``language``: the conversation's language (None: not known); ``noted``: the ``language_note``
    slot (the language already noted, or ``OFFERED``); ``machine_draft``: whether ``language``'s
    replies are machine drafts.
    """
    if intent in NO_NOTE_INTENTS:
        return None
    if language is None:
        return Note.LANGUAGE_OFFER if noted is None else None
    if machine_draft and noted != language:
        return Note.MACHINE_DRAFT
    return None
