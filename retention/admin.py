"""Staff see each purge run and the tallies it left (read-only)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from retention.models import PurgeRun, Tally


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PurgeRun)
class PurgeRunAdmin(ReadOnly):
    list_display = ("started_at", "finished_at", "trigger", "dry_run")


@admin.register(Tally)
class TallyAdmin(ReadOnly):
    list_display = ("kind", "day", "key", "count")
    list_filter = ("kind",)
