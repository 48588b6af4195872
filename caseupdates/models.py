"""A victim's case (one leaflet given with a crime reference), the decisions recorded in the
investigation, and the update each decision owes each victim.

An event arriving before any leaflet carries its crime reference is held (``matched_at`` empty)
and matched when the leaflet is given (``caseupdates.matching``). The officer's note and the
court's place are encrypted at rest: they are free text and may name someone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from caseupdates.kinds import EventKind
from caseupdates.statuses import CallReason, UpdateFrequency, UpdateStatus
from messaging.fields import EncryptedTextField

_USER = settings.AUTH_USER_MODEL


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class VictimCase(models.Model):
    """One victim of one crime: the leaflet issue that carries the crime reference."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+")
    crime_reference = models.CharField(max_length=64)  # normalised, as on the leaflet issue
    leaflet_issue = models.OneToOneField("leaflets.LeafletIssue", on_delete=models.CASCADE,
                                         related_name="victim_case")
    unit = models.ForeignKey("organisations.Unit", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    officer = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    update_frequency = models.CharField(max_length=10, choices=_choices(UpdateFrequency),
                                        default=UpdateFrequency.EVERY.value)
    # Set by the officer: the victim's number is also used by the suspect.
    shared_with_suspect = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # A referral made before this moment was passed in time (``deadlines.referral_due_before``):
    # stored so that compliance compares times in SQL instead of counting working days per row.
    referral_due_before = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "crime_reference"]),
            models.Index(fields=["organisation", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"victim case {self.pk}"


class CaseEvent(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+")
    crime_reference = models.CharField(max_length=64)
    kind = models.CharField(max_length=40, choices=_choices(EventKind))
    decided_at = models.DateTimeField()
    court_at = models.DateTimeField(null=True, blank=True)
    court_place = EncryptedTextField(blank=True, default="")
    officer_note = EncryptedTextField(blank=True, default="")
    source = models.CharField(max_length=10)  # api | portal
    recorded_by = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When a victim case with this reference was found (empty: held until one is).
    matched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        indexes = [models.Index(fields=["organisation", "crime_reference", "matched_at"])]

    def __str__(self) -> str:
        return f"case event {self.pk} ({self.kind})"


class CaseUpdate(models.Model):
    """What one event owes one victim: due by ``due_at`` (5 or 1 working days)."""

    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, related_name="updates")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="updates")
    enhanced_rights = models.BooleanField(default=False)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=_choices(UpdateStatus),
                              default=UpdateStatus.PENDING.value)
    call_reason = models.CharField(max_length=40, blank=True, default="",
                                   choices=_choices(CallReason))
    message = models.ForeignKey("messaging.Message", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    given_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "case"],
                                               name="case_update_one_per_victim")]
        indexes = [
            # "Updates due": open updates read in due order until a page of the officer's is
            # found (the condition matches the page's filter, so the planner can use it).
            models.Index(fields=["due_at"], name="case_update_open_due",
                         condition=models.Q(status__in=["pending", "call-needed"])),
            models.Index(fields=["case", "status"], name="case_update_case"),
        ]

    def __str__(self) -> str:
        return f"case update {self.pk} ({self.status})"


class OfficerReply(models.Model):
    """A free-text message from the officer to the victim of a case, sent through the gateway.
    The text is personal data (it may name anyone): encrypted at rest, never logged."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="officer_replies")
    officer = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    body = EncryptedTextField(blank=True, default="")
    message = models.ForeignKey("messaging.Message", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"officer reply {self.pk}"


class CaseFacts(models.Model):
    """What the compliance figures need to know about one case, read from the related tables by
    the same SQL as the live figures (``caseupdates.compliance_facts``), so that a force's year
    is summed from one table. Each measure's flags are 1 or 0. The updates measure depends on
    the time it is read: kept here as whether any update was given, whether any was given late,
    and when the earliest update not given yet falls due. Deleted when something the case's
    figures depend on changes; a case without facts is counted live."""

    case = models.OneToOneField(VictimCase, primary_key=True, on_delete=models.CASCADE,
                                related_name="facts")
    month = models.CharField(max_length=7)  # YYYY-MM, UK time, of the case's leaflet
    acknowledged = models.PositiveSmallIntegerField()
    same_day_applies = models.PositiveSmallIntegerField()
    same_day_met = models.PositiveSmallIntegerField()
    needs_assessed = models.PositiveSmallIntegerField()
    referral_offered = models.PositiveSmallIntegerField()
    referral_applies = models.PositiveSmallIntegerField()
    referral_in_time = models.PositiveSmallIntegerField()
    vps_offered = models.PositiveSmallIntegerField()
    updates_given = models.PositiveSmallIntegerField()
    updates_late = models.PositiveSmallIntegerField()
    open_due = models.DateTimeField(null=True, blank=True)
    refreshed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"facts of case {self.case_id}"
