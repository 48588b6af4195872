"""Key rotation for the webhook secrets, which are encrypted under the contact keys.

``manage.py rotate_contact_key`` calls this beside the contact details' rotation, so one command
re-encrypts everything stored under ``SIGNPOST_CONTACT_KEYS`` (docs/security.md, "Key rotation").
"""

from __future__ import annotations

from django.db import transaction

from messaging.crypto import key_ring
from transfers.models import ServiceDestination


def rotate_webhook_secrets() -> int:
    """Write every stored webhook secret again under the newest key; how many were rewritten.

    A few rows per support service: one transaction, each row under its lock. ``update()``
    encrypts the value again without ``save()``'s signals.
    """
    key_ring()  # a missing or bad key fails here, before any row is touched
    rewritten = 0
    with transaction.atomic():
        for destination in ServiceDestination.objects.select_for_update().exclude(
                webhook_secret="").order_by("pk"):
            ServiceDestination.objects.filter(pk=destination.pk).update(
                webhook_secret=destination.webhook_secret)
            rewritten += 1
    return rewritten
