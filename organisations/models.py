"""Police forces and support services, with the contact details their victims are given."""

from __future__ import annotations

from django.db import models


class OrganisationKind(models.TextChoices):
    FORCE = "force", "Police force"
    SUPPORT_SERVICE = "support-service", "Support service"


class Organisation(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    # The support line a victim of this force is pointed to ("help", the leaflet, the assistant).
    support_line_name = models.CharField(max_length=200, blank=True)
    support_line_phone = models.CharField(max_length=40, blank=True)
    support_line_hours = models.CharField(max_length=200, blank=True)
    # The leaflet's contact block (issue 3): web addresses shown to victims; blank ones are omitted.
    web_address = models.URLField(blank=True)
    complaints_web_address = models.URLField(blank=True)
    support_web_address = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
