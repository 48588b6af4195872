"""The portal's own records: the dashboard's daily summaries (failed log-ins: ``ratelimits``)."""

from __future__ import annotations

from django.db import models


class IssueDaySummary(models.Model):
    """Issued and opened leaflets of one day and unit, by one dimension (portal.summaries):
    ``officer`` (a user id, "" for none), ``language`` (a code) or ``channels`` ("qr,sms")."""

    day = models.DateField()
    unit = models.ForeignKey("organisations.Unit", on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=10)
    value = models.CharField(max_length=40, blank=True)
    issued = models.PositiveIntegerField()
    opened = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["dimension", "unit", "day"])]

    def __str__(self) -> str:
        return f"issues of {self.day} in unit {self.unit_id} by {self.dimension}"


class MessageDaySummary(models.Model):
    """Messages that carried the leaflets issued on one day, by unit, channel, status, reason."""

    day = models.DateField()
    unit = models.ForeignKey("organisations.Unit", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10)
    status = models.CharField(max_length=20)
    reason = models.CharField(max_length=300, blank=True)
    messages = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["unit", "day"])]

    def __str__(self) -> str:
        return f"messages of {self.day} in unit {self.unit_id}"


class SummarisedDay(models.Model):
    """A day whose summaries are built; days without one are counted live."""

    day = models.DateField(unique=True)
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"summarised {self.day}"
