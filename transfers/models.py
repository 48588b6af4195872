"""Where each support service receives referrals, and the log of every transfer attempt."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from messaging.fields import EncryptedTextField
from organisations.models import Organisation
from transfers.statuses import AttemptOutcome, TransferKind


class ServiceDestination(models.Model):
    """A support service's webhook and/or batch folder. Managed by an admin.

    The webhook secret is stored encrypted; code reads the plain value.
    """

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="transfer_destination")
    webhook_url = models.URLField(blank=True, help_text="HTTPS URL that receives each referral")
    # Encrypted at rest like contact details (SIGNPOST_CONTACT_KEYS; rotated by
    # `manage.py rotate_contact_key`, transfers.secrets).
    webhook_secret = EncryptedTextField(
        blank=True,
        help_text="Shared secret for the X-Signpost-Signature HMAC; give it to the service")
    batch_folder = models.CharField(max_length=500, blank=True,
                                    help_text="Folder the daily CSV and JSON files are written to")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"transfers to {self.organisation}"

    @property
    def has_webhook(self) -> bool:
        return self.active and bool(self.webhook_url and self.webhook_secret)

    @property
    def has_batch(self) -> bool:
        return self.active and bool(self.batch_folder)


class TransferAttempt(models.Model):
    """One attempt to hand one referral to its service. Errors hold codes, never personal data."""

    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT,
                                 related_name="transfer_attempts")
    kind = models.CharField(max_length=10, choices=[(k.value, k.value) for k in TransferKind])
    attempt = models.PositiveSmallIntegerField(default=1)
    outcome = models.CharField(max_length=10,
                               choices=[(o.value, o.value) for o in AttemptOutcome])
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True, default="")
    batch_file = models.CharField(max_length=200, blank=True, default="")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]
        indexes = [models.Index(fields=["referral", "kind", "outcome"])]

    def __str__(self) -> str:
        return f"{self.kind} attempt {self.attempt} of referral {self.referral_id}"


class BatchRun(models.Model):
    """The daily batch of one service for one day was written (so it runs once, catching up)."""

    destination = models.ForeignKey(ServiceDestination, on_delete=models.CASCADE,
                                    related_name="batch_runs")
    day = models.DateField()
    referrals = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    csv_file = models.CharField(max_length=200)
    json_file = models.CharField(max_length=200)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["destination", "day"],
                                               name="transfer_batch_once_per_day")]

    def __str__(self) -> str:
        return f"batch {self.day} for destination {self.destination_id}"
