"""The web chat page's own texts (English msgids of the ``assistant`` gettext domain).

``assistant.catalog_build`` extracts these beside the domain's responses. No Django.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChatTexts:
    title: str = "Ask a question"
    intro: str = "Type your question, or a number from the menu. We will answer here."
    label: str = "Your message"
    send: str = "Send"
    you: str = "You"
    assistant: str = "Assistant"
    unavailable: str = "The assistant is not available just now. In an emergency call 999."
    danger: str = "In danger now? Call 999."
    no_history: str = "This chat is kept on our system, not on your device."
    choices: str = "Choose an answer"
    conversation: str = "Your conversation"


TEXTS = ChatTexts()


def all_texts() -> list[str]:
    return list(vars(TEXTS).values())
