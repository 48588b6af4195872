"""The force administrator's changes to their force, each written to the audit chain in the same
transaction as the change (the changed field names only, never their values)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from audit.actions import AuditAction, AuditRole
from audit.services import record_event
from organisations.models import Organisation
from portal.force_forms import ForceSettingsForm

OBJECT_TYPE = "organisations.organisation"
REASON = "force setup"


@transaction.atomic
def save_settings(*, form: ForceSettingsForm, actor: AbstractBaseUser) -> list[str]:
    """Save a valid settings form; the names of the fields it changed (none: nothing saved).

    Compared with the stored row, not the form's initial text: the one-a-line fields are JSON.
    """
    stored = Organisation.objects.get(pk=form.instance.pk)
    changed = sorted(name for name in form.fields
                     if getattr(stored, name) != getattr(form.instance, name))
    if changed:
        force = form.save()
        record_event(actor=actor, role=AuditRole.ADMIN, action=AuditAction.CHANGE,
                     object_type=OBJECT_TYPE, object_id=force.pk, reason=REASON,
                     detail={"fields": changed})
    return changed


@transaction.atomic
def save_crime_reference(*, force: Organisation, pattern: str, example: str,
                         actor: AbstractBaseUser) -> list[str]:
    """Store a pattern ``portal.reference_patterns.check_pattern`` accepted, and its example."""
    changed = [name for name, value in (("crime_reference_pattern", pattern),
                                        ("crime_reference_example", example))
               if getattr(force, name) != value]
    if changed:
        force.crime_reference_pattern = pattern
        force.crime_reference_example = example
        force.full_clean()
        force.save(update_fields=changed)
        record_event(actor=actor, role=AuditRole.ADMIN, action=AuditAction.CHANGE,
                     object_type=OBJECT_TYPE, object_id=force.pk, reason=REASON,
                     detail={"fields": changed})
    return changed
