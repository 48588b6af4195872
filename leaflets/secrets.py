"""Key rotation for the reviewers' names of reviewed catalogs, encrypted under the contact keys:
``manage.py rotate_contact_key`` calls this beside the others."""

from __future__ import annotations

from django.db import transaction

from leaflets.models import ReviewedCatalog
from messaging.crypto import key_ring


def rotate_reviewer_names() -> int:
    """Write every stored reviewer's name again under the newest key; how many catalogs."""
    key_ring()  # a missing or bad key fails here, before any row is touched
    rewritten = 0
    with transaction.atomic():
        rows = ReviewedCatalog.objects.select_for_update().exclude(reviewer_name="").order_by("pk")
        for reviewed in rows.only("pk", "reviewer_name"):
            ReviewedCatalog.objects.filter(pk=reviewed.pk).update(
                reviewer_name=reviewed.reviewer_name)
            rewritten += 1
    return rewritten
