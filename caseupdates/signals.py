"""A leaflet given with a crime reference opens the victim's case (``matching.attach_issue``)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from leaflets.models import LeafletIssue

UID = "caseupdates.attach_issue"


def _issue_saved(sender: type[LeafletIssue], instance: LeafletIssue, **kwargs: Any) -> None:
    from caseupdates.matching import attach_issue

    fields = kwargs.get("update_fields")
    touched = kwargs.get("created") or fields is None or "crime_reference" in fields
    if instance.crime_reference and touched and kwargs.get("raw") is not True:
        attach_issue(instance)


def connect() -> None:
    post_save.connect(_issue_saved, sender=LeafletIssue, dispatch_uid=UID)
