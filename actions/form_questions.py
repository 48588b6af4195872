"""Answering a question asked in the middle of a form, before the form asks again."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from assistant.form_questions import FormQuestion, form_question


def answer_question(dispatcher: CollectingDispatcher, text: str, *, why: str) -> bool:
    """Answer "why do you ask?" (with the ``why`` response) or "what is victim support?";
    False when the text is neither (the form then asks for a valid answer)."""
    kind = form_question(text)
    if kind is None:
        return False
    dispatcher.utter_message(response=why if kind is FormQuestion.WHY else "utter_about_support")
    return True
