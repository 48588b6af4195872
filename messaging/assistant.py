"""The one call to the assistant: Rasa's REST channel, under an opaque conversation id."""

from __future__ import annotations

from dataclasses import dataclass

import requests


class AssistantUnavailable(Exception):
    """Rasa did not answer, or answered with something that is not a list of replies."""


@dataclass(frozen=True)
class AssistantReply:
    text: str


def ask_assistant(*, base_url: str, sender: str, text: str, timeout: float) -> list[AssistantReply]:
    """POST the text to ``{base_url}/webhooks/rest/webhook``; the replies that carry text."""
    try:
        response = requests.post(
            f"{base_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=timeout,
        )
    except requests.RequestException as error:
        raise AssistantUnavailable(type(error).__name__) from None
    if response.status_code != 200:
        raise AssistantUnavailable(f"HTTP {response.status_code}")
    try:
        payload = response.json()
    except ValueError:
        raise AssistantUnavailable("answer is not JSON") from None
    if not isinstance(payload, list):
        raise AssistantUnavailable("answer is not a list")
    return [
        AssistantReply(text=item["text"])
        for item in payload
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip()
    ]
