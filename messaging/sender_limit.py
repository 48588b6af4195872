"""Fair inbound handling: one number cannot flood the assistant.

Every text a sender sends counts in a sliding window (``SIGNPOST_INBOUND_PER_SENDER`` texts per
``SIGNPOST_INBOUND_SENDER_WINDOW_S``, on the shared counters). Past the limit a text is still
stored (staff can read it; nothing a victim sends is lost) but not relayed to the assistant,
so it costs no worker time, no Rasa turn and no paid reply. The first text past the limit gets
one short "slow down" reply; the rest of the flood gets silence until the window has room again.
Opt-out and opt-in words are never limited: STOP must always work.

Counted by a keyed hash of the sender's conversation id, never the number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from messaging.models import Recipient
from ratelimits.keys import private_key
from ratelimits.windows import SlidingWindow


@dataclass(frozen=True)
class SenderDecision:
    relay: bool  # within the limit: hand the text to the assistant
    warn: bool  # the first text past the limit: send the one "slow down" reply


def _window() -> SlidingWindow:
    return SlidingWindow(scope="inbound-sender", limit=settings.SIGNPOST_INBOUND_PER_SENDER,
                         window=timedelta(seconds=settings.SIGNPOST_INBOUND_SENDER_WINDOW_S))


def count_text(*, recipient: Recipient, now: datetime | None = None) -> SenderDecision:
    """Count one text from this sender and say whether it may go to the assistant."""
    usage = _window().hit(key=private_key("inbound-sender", recipient.conversation_id),
                          now=now or timezone.now())
    return SenderDecision(relay=not usage.over, warn=usage.count == usage.limit + 1)


def slow_down_text(language: str) -> str:
    with override(language):
        return _("You have sent a lot of messages very quickly. Please wait a few minutes before "
                 "you send another. In an emergency call 999.")
