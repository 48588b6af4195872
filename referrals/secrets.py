"""Key rotation for the victim's name and what to call them, encrypted under the contact keys:
``manage.py rotate_contact_key`` calls this beside the others."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from messaging.crypto import key_ring
from referrals.models import NeedsAssessment


def rotate_victim_names() -> int:
    """Write every stored name again under the newest key; how many assessments."""
    key_ring()  # a missing or bad key fails here, before any row is touched
    rewritten = 0
    with transaction.atomic():
        rows = (NeedsAssessment.objects.select_for_update()
                .exclude(Q(victim_name="") & Q(called_name="")).order_by("pk"))
        for needs in rows.iterator(chunk_size=1000):
            NeedsAssessment.objects.filter(pk=needs.pk).update(victim_name=needs.victim_name,
                                                               called_name=needs.called_name)
            rewritten += 1
    return rewritten
