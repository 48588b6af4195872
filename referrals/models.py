"""Needs assessments, consent records, referrals and their events, and victims' data requests.

Contact details are never stored here: a victim's numbers live in ``messaging.Recipient``.
``ConsentRecord`` and ``ReferralEvent`` are append-only: saving an existing row or deleting one
raises ``AppendOnlyError``. Write through ``referrals.services``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models

from messaging.fields import EncryptedTextField
from referrals.statuses import (
    ConsentChannel,
    ConsentDecision,
    DataRequestKind,
    DataRequestStatus,
    EventKind,
    QualityFlag,
    ReferralOutcome,
    ReferralSource,
    ReferralStatus,
    Via,
)


class AppendOnlyError(Exception):
    """An append-only row cannot be changed or deleted."""


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("append-only rows cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("append-only rows cannot be deleted")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} is append-only")


_USER = settings.AUTH_USER_MODEL


class NeedsAssessment(models.Model):
    recipient = models.ForeignKey("messaging.Recipient", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="needs_assessments")
    # The safe contact number the victim gave, when they gave one (a Recipient of its own).
    safe_recipient = models.ForeignKey("messaging.Recipient", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    leaflet_issue = models.ForeignKey("leaflets.LeafletIssue", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    question_set_version = models.CharField(max_length=40)
    answers = models.JSONField(default=dict)  # question key -> answer; never a number or email
    # The victim's name and what they like to be called, given with their consent so the
    # support service knows whom to ask for; encrypted at rest like contact details.
    victim_name = EncryptedTextField(blank=True, default="")
    called_name = EncryptedTextField(blank=True, default="")
    crime_type = models.CharField(max_length=60, blank=True, default="")
    language = models.CharField(max_length=20, default="en")
    via = models.CharField(max_length=20, choices=_choices(Via))
    recorded_by = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    completed = models.BooleanField(default=False)
    enhanced_rights_reasons = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        # The dashboard's needs table: the assessments of some days.
        indexes = [models.Index(fields=["created_at"], name="needs_dashboard_created")]

    def __str__(self) -> str:
        return f"needs assessment {self.pk}"


class ConsentRecord(AppendOnly):
    recipient = models.ForeignKey("messaging.Recipient", on_delete=models.PROTECT,
                                  related_name="consents")
    purpose = models.CharField(max_length=40, default="referral")
    decision = models.CharField(max_length=20, choices=_choices(ConsentDecision))
    wording_version = models.CharField(max_length=60)
    language = models.CharField(max_length=20)
    channel = models.CharField(max_length=20, choices=_choices(ConsentChannel))
    recorded_by = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    evidence = models.JSONField(default=dict)  # statement shown, confirming reply, message ids
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        # The dashboard's consent decisions of some officers and days, from the index alone.
        indexes = [models.Index(fields=["recorded_by", "recorded_at", "decision"],
                                name="consent_dashboard_officer")]

    def __str__(self) -> str:
        return f"consent {self.pk} ({self.purpose}: {self.decision})"


class Referral(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=12, unique=True)
    source = models.CharField(max_length=10, choices=_choices(ReferralSource))
    referrer = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    referrer_unit = models.ForeignKey("organisations.Unit", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    # The unit's name when the referral was made (kept if the unit is renamed or removed).
    referrer_unit_name = models.CharField(max_length=200, blank=True, default="")
    target = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                               related_name="referrals_received")
    recipient = models.ForeignKey("messaging.Recipient", on_delete=models.PROTECT,
                                  related_name="referrals")
    safe_recipient = models.ForeignKey("messaging.Recipient", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    consent = models.ForeignKey(ConsentRecord, on_delete=models.PROTECT, related_name="referrals")
    needs = models.ForeignKey(NeedsAssessment, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="referrals")
    needs_snapshot = models.JSONField(default=dict)
    crime_reference = models.CharField(max_length=64, blank=True, default="")
    crime_type = models.CharField(max_length=60, blank=True, default="")
    enhanced_rights = models.BooleanField(default=False)
    enhanced_rights_reasons = models.JSONField(default=list)
    language = models.CharField(max_length=20, default="en")
    interpreter_needed = models.BooleanField(default=False)
    data_quality_flags = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=_choices(ReferralStatus),
                              default=ReferralStatus.NEW.value)
    # The caseworker of the service who has taken the referral on (None: nobody yet).
    assigned_to = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The inbox's status filters and counts, in page order (created_at, id: no sort).
            models.Index(fields=["target", "status", "created_at", "id"],
                         name="referral_inbox_target_status"),
            # The inbox: a service's referrals newest first (all, open, by source or flag) and
            # the "older" pages, read backwards from a (created_at, id) key.
            models.Index(fields=["target", "created_at", "id"],
                         name="referral_inbox_target_created"),
            # The inbox's "data problem" filter: one small partial index per flag (a flag is a
            # few percent of referrals; the planner cannot guess that from a LIKE on JSON text).
            *(models.Index(fields=["target", "created_at", "id"],
                           condition=models.Q(data_quality_flags__icontains=f'"{flag.value}"'),
                           name=f"referral_flag_{flag.value.replace('-', '_')}"[:30])
              for flag in QualityFlag),
            # The dashboard's "referrals by status" for some units and days, from the index alone.
            models.Index(fields=["referrer_unit", "created_at", "status"],
                         name="referral_dashboard_unit"),
            # Victims' Code compliance: was a case's crime referred, and before its deadline.
            models.Index(fields=["crime_reference", "created_at"],
                         name="referral_crime_reference"),
        ]

    def __str__(self) -> str:
        return f"referral {self.reference}"


class ReferralEvent(AppendOnly):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=_choices(EventKind))
    from_status = models.CharField(max_length=20, blank=True, default="")
    to_status = models.CharField(max_length=20, blank=True, default="")
    by = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    actor = models.CharField(max_length=40, blank=True, default="")  # "assistant", "system" …
    reason = models.TextField(blank=True, default="")
    # What came of the referral, on the event that closed it ("" on every other event).
    outcome = models.CharField(max_length=30, blank=True, default="",
                               choices=_choices(ReferralOutcome))
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"event {self.pk} of referral {self.referral_id}"


class DataRequest(models.Model):
    recipient = models.ForeignKey("messaging.Recipient", on_delete=models.PROTECT,
                                  related_name="data_requests")
    kind = models.CharField(max_length=20, choices=_choices(DataRequestKind),
                            default=DataRequestKind.ERASURE.value)
    channel = models.CharField(max_length=20, choices=_choices(ConsentChannel))
    status = models.CharField(max_length=20, choices=_choices(DataRequestStatus),
                              default=DataRequestStatus.OPEN.value)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_by = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"data request {self.pk} ({self.kind}, {self.status})"
