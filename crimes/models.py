"""Crime reports loaded from a force's crime-recording system, for provision figures only.

A report holds no victim data: the force, the crime reference, when it was reported, the unit
and the crime type. Matching a report's reference to a ``LeafletIssue`` tells whether the victim
was given the leaflet.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from crimes.sources import LoadSource
from organisations.models import Organisation, Unit


class CrimeReport(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    crime_reference = models.CharField(max_length=64)  # normalised: crimes.references.normalise
    reported_at = models.DateTimeField()
    unit_name = models.CharField(max_length=100, blank=True, default="")  # as loaded
    # The force's unit of that name (case ignored), when there is one.
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    crime_type = models.CharField(max_length=100, blank=True, default="")
    source = models.CharField(max_length=10, choices=[(s.value, s.value) for s in LoadSource])
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reported_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "crime_reference"],
                                    name="crime_report_unique_reference"),
        ]
        indexes = [models.Index(fields=["organisation", "reported_at"])]

    def __str__(self) -> str:
        return f"crime report {self.pk}"
