"""The one call to the assistant: Rasa's REST channel, under an opaque conversation id.

With several Rasa servers (the scaled mode), each conversation goes to one of them chosen by a
stable hash of its id, and moves to the next only when that server refuses the connection (a
request that may have reached a server is never sent to a second one).

A Rasa server works out one turn at a time on the CPU: requests beyond a few only queue inside it,
where they run into the read timeout, and a text that timed out there is still answered by Rasa,
then sent again by the retry (a turn taken twice). So each process keeps at most ``in_flight``
requests open per server; the others wait here, outside the timeout, and reach Rasa in turn.

>>> three = ["http://a", "http://b", "http://c"]
>>> servers_for("abc", three) == servers_for("abc", three)
True
>>> sorted(servers_for("abc", ["http://a", "http://b"]))
['http://a', 'http://b']
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings

from signpost.shared_secret import REST_HEADER


class AssistantUnavailable(Exception):
    """Rasa did not answer, or answered with something that is not a list of replies."""


class AssistantDown(AssistantUnavailable):
    """The connection was refused or could not be made: the text never reached that server."""


class AssistantBusy(AssistantUnavailable):
    """No request slot for that server came free in time: the text was not sent."""


@dataclass(frozen=True)
class Choice:
    """A reply button the assistant offers (the web chat shows them; a text does not)."""

    title: str
    payload: str


@dataclass(frozen=True)
class AssistantReply:
    text: str
    choices: tuple[Choice, ...] = ()


def _choices(item: Mapping[str, Any]) -> tuple[Choice, ...]:
    buttons = item.get("buttons")
    if not isinstance(buttons, list):
        return ()
    return tuple(Choice(title=button["title"], payload=button["payload"]) for button in buttons
                 if isinstance(button, dict) and isinstance(button.get("title"), str)
                 and isinstance(button.get("payload"), str))


_slots_guard = threading.Lock()
_slots: dict[tuple[str, int], threading.BoundedSemaphore] = {}


def _server_slots(base_url: str, in_flight: int) -> threading.BoundedSemaphore:
    with _slots_guard:
        return _slots.setdefault((base_url, in_flight), threading.BoundedSemaphore(in_flight))


def ask_assistant(*, base_url: str, sender: str, text: str, timeout: float,
                  metadata: Mapping[str, str] | None = None) -> list[AssistantReply]:
    """POST the text to ``{base_url}/webhooks/rest/webhook``; the replies that carry text.

    ``metadata`` reaches the assistant with the message: ``channel`` (the web chat says it is
    the web, so replies are worded for a screen) and ``language``, the conversation's language
    as Signpost knows it, which the keyword layer reads to decide words that mean yes in one
    language and no in another.
    """
    body: dict[str, Any] = {"sender": sender, "message": text}
    if metadata:
        body["metadata"] = dict(metadata)
    try:
        response = requests.post(
            f"{base_url}/webhooks/rest/webhook",
            json=body,
            headers={REST_HEADER: settings.RASA_TOKEN},  # signpost.rasa_channel checks it
            timeout=timeout,
        )
    except (requests.ConnectionError, requests.ConnectTimeout) as error:
        if isinstance(error, requests.ReadTimeout):
            raise AssistantUnavailable(type(error).__name__) from None
        raise AssistantDown(type(error).__name__) from None
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
        AssistantReply(text=item["text"], choices=_choices(item))
        for item in payload
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip()
    ]


def servers_for(sender: str, servers: Sequence[str]) -> list[str]:
    """Every server, starting with the one this conversation is hashed to."""
    if not servers:
        raise AssistantDown("no Rasa server is configured")
    start = int(hashlib.sha256(sender.encode()).hexdigest(), 16) % len(servers)
    return [*servers[start:], *servers[:start]]


def ask_any_assistant(
    *, servers: Sequence[str], sender: str, text: str, timeout: float, in_flight: int = 0,
    metadata: Mapping[str, str] | None = None,
) -> list[AssistantReply]:
    """Ask the conversation's server; only when it is down, the next one, and so on.

    ``in_flight`` > 0: at most that many requests of this process open at once per server,
    waiting up to ``timeout`` for a slot (``AssistantBusy`` after that).
    """
    down = AssistantDown("no Rasa server answered")
    for base_url in servers_for(sender, servers):
        if in_flight <= 0:
            slots = None
        else:
            slots = _server_slots(base_url, in_flight)
            if not slots.acquire(timeout=timeout):
                raise AssistantBusy("every request slot for the server stayed taken")
        try:
            return ask_assistant(base_url=base_url, sender=sender, text=text, timeout=timeout,
                                 metadata=metadata)
        except AssistantDown as error:
            down = error
        finally:
            if slots is not None:
                slots.release()
    raise down
