"""Limits on the anonymous web chat: conversations started and messages sent per client address,
and messages per conversation, each in a sliding window on the shared counters. Without them a
script could open conversations (each a ``Recipient``) and walk the assistant into referrals
and erasure requests as fast as it liked.

A message the danger lexicon recognises is always let through, uncounted: past any limit, someone
in danger still gets the assistant's 999 guidance.

Keys are keyed hashes of the client address (``ratelimits.client_address``, so behind the proxy
each client counts alone) and of the conversation id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from assistant.nlu.danger import danger_match
from ratelimits import client_address
from ratelimits.keys import private_key
from ratelimits.windows import SlidingWindow


@dataclass(frozen=True)
class ChatDecision:
    allowed: bool
    retry_after_s: int = 0


def _window(scope: str, limit: int, seconds: int) -> SlidingWindow:
    return SlidingWindow(scope=scope, limit=limit, window=timedelta(seconds=seconds))


def check_message(*, request: HttpRequest, conversation_id: str, text: str = "",
                  now: datetime | None = None) -> ChatDecision:
    """Count one message from this client, and one new conversation when it has none yet (that
    first message starts it; the per-conversation limit counts the messages after it). Refuse
    it when a limit is used up; a refused message is not counted."""
    if danger_match(text) is not None:
        return ChatDecision(allowed=True)
    now = now or timezone.now()
    client = private_key("chat-client", client_address.of_request(request))
    window_s = settings.SIGNPOST_CHAT_WINDOW_S
    rules = [(_window("chat-client-messages", settings.SIGNPOST_CHAT_MESSAGES_PER_CLIENT,
                      window_s), client)]
    if conversation_id:
        rules.append((_window("chat-session-messages",
                              settings.SIGNPOST_CHAT_MESSAGES_PER_SESSION, window_s),
                      private_key("chat-session", conversation_id)))
    else:
        rules.append((_window("chat-client-sessions", settings.SIGNPOST_CHAT_SESSIONS_PER_CLIENT,
                              settings.SIGNPOST_CHAT_SESSION_WINDOW_S), client))
    for window, key in rules:
        usage = window.usage(key=key, now=now)
        if usage.used_up:
            return ChatDecision(allowed=False,
                                retry_after_s=max(1, int((usage.resets_at - now).total_seconds())))
    for window, key in rules:
        window.hit(key=key, now=now)
    return ChatDecision(allowed=True)
