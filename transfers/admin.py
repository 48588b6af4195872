"""Destinations are set by an admin; attempts and batch runs are read-only logs."""

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from messaging.fields import EncryptedTextField
from transfers.models import BatchRun, ServiceDestination, TransferAttempt


@admin.register(ServiceDestination)
class ServiceDestinationAdmin(admin.ModelAdmin[ServiceDestination]):
    list_display = ["organisation", "webhook_url", "batch_folder", "active"]
    # The secret is one line, as before it was encrypted at rest (a text column now).
    formfield_overrides = {
        EncryptedTextField: {"widget": forms.TextInput(attrs={"size": 60})}}


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(TransferAttempt)
class TransferAttemptAdmin(ReadOnly):
    list_display = ["referral", "kind", "attempt", "outcome", "http_status", "error",
                    "started_at", "finished_at"]
    list_filter = ["kind", "outcome"]


@admin.register(BatchRun)
class BatchRunAdmin(ReadOnly):
    list_display = ["destination", "day", "referrals", "refused", "csv_file", "written_at"]
