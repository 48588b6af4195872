"""Where a victim's emailed reply enters the gateway: stored once per provider id, like a text.

The mail relay's adapter (``channels.email``) parses the message; what is stored, and how a
repeat is recognised, is the gateway's business, as it is for texts (``messaging.inbound``).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from messaging.models import InboundMessage
from messaging.statuses import Channel, InboundStatus


def receive_email_reply(*, provider_id: str, text: str) -> bool:
    """Store a reply once per provider id; False when it was already stored (a relay's retry)."""
    try:
        with transaction.atomic():  # a duplicate must not break an enclosing transaction
            InboundMessage.objects.create(
                channel=Channel.EMAIL.value, provider_id=provider_id, body=text,
                status=InboundStatus.STORED.value,
            )
    except IntegrityError:
        return False
    return True
