"""Key rotation for case events' free text (officer's note, court place) and the officers'
messages, which are encrypted under the contact keys: ``manage.py rotate_contact_key`` calls
this beside the others."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from caseupdates.models import CaseEvent, OfficerReply
from messaging.crypto import key_ring


def rotate_case_event_texts() -> int:
    """Write every stored note and court place again under the newest key; how many rows."""
    key_ring()  # a missing or bad key fails here, before any row is touched
    rewritten = 0
    with transaction.atomic():
        rows = (CaseEvent.objects.select_for_update().exclude(Q(officer_note="")
                                                              & Q(court_place="")).order_by("pk"))
        for event in rows.iterator(chunk_size=1000):
            CaseEvent.objects.filter(pk=event.pk).update(officer_note=event.officer_note,
                                                         court_place=event.court_place)
            rewritten += 1
        replies = OfficerReply.objects.select_for_update().exclude(body="").order_by("pk")
        for reply in replies.iterator(chunk_size=1000):
            OfficerReply.objects.filter(pk=reply.pk).update(body=reply.body)
            rewritten += 1
    return rewritten
