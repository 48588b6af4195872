"""Leaflet issues (one per leaflet given to a victim) and the "opened" events of their links; the
deployment's reviewed catalogs and each force's choice to publish only reviewed languages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from leaflets.statuses import IssueChannel, IssueStatus
from messaging.fields import EncryptedTextField
from organisations.models import Organisation, Unit


class LeafletIssue(models.Model):
    """One leaflet given to one victim: its language, content version and link token (hashed).

    The token itself is never stored: only its SHA-256. The gateway's messages point here, never
    the other way round, so the leaflet does not depend on how it was sent.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    # The typeable code shown under the QR (leaflets.tokens), hashed like the token.
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    language = models.CharField(max_length=16)
    content_version = models.CharField(max_length=32)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    crime_reference = models.CharField(max_length=64, blank=True)
    channels = models.JSONField(default=list)  # IssueChannel values
    status = models.CharField(max_length=16, choices=[(s.value, s.value) for s in IssueStatus],
                              default=IssueStatus.ISSUED)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    first_opened_at = models.DateTimeField(null=True, blank=True)
    # Who gave it and in which unit; blank for API and self-service issues.
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["created_at"]),
            # The supervisor dashboard filters by unit and date; "My leaflets" by officer.
            models.Index(fields=["unit", "created_at"]),
            models.Index(fields=["issued_by", "created_at"]),
            # Provision (crimes.services.provision) matches a force's reports to its issues by
            # crime reference.
            models.Index(fields=["organisation", "crime_reference"]),
        ]

    def __str__(self) -> str:
        return f"leaflet issue {self.pk} ({self.language})"

    @property
    def channel_list(self) -> list[IssueChannel]:
        return [IssueChannel(value) for value in self.channels]


class LinkOpen(models.Model):
    """A real browser showed the leaflet of an issue (the page's beacon fired). No IP, no UA."""

    issue = models.ForeignKey(LeafletIssue, on_delete=models.CASCADE, related_name="opens")
    view_id = models.CharField(max_length=40, unique=True)  # one page view counts once
    language = models.CharField(max_length=16)
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["opened_at"]

    def __str__(self) -> str:
        return f"open of issue {self.issue_id}"


class ReviewedCatalog(models.Model):
    """A catalog a qualified translator reviewed, imported by a force's administrator: the whole
    ``.po`` text, which this deployment uses in preference to the repository's file
    (``leaflets.publishing``). One per language and catalog; a new import replaces it."""

    language = models.CharField(max_length=16)
    domain = models.CharField(max_length=20)
    po_text = models.TextField()
    reviewer_name = EncryptedTextField()  # a person's name: encrypted at rest
    reviewed_on = models.DateField()
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "domain"],
                                               name="one_reviewed_catalog_per_language")]

    def __str__(self) -> str:
        return f"reviewed {self.domain} catalog of {self.language}"


class LanguagePublishing(models.Model):
    """A force's choice to offer victims only the languages whose leaflet is reviewed."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="+")
    reviewed_only = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"language publishing of {self.organisation_id}"
