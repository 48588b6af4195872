"""The audit log in the admin: read-only, and every visit to the list verifies the chain."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse

from audit.actions import AuditAction, AuditRole
from audit.models import AuditEvent
from audit.services import record_event, verify_chain


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["id", "at", "actor_username", "role", "action", "object_type", "object_id",
                    "reason"]
    list_filter = ["action", "role", "object_type"]
    search_fields = ["actor_username", "object_type", "object_id"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest,
                        extra_context: dict[str, Any] | None = None) -> HttpResponse:
        report = verify_chain()
        if report.ok:
            messages.success(request, f"Audit chain verified: {report.checked} events, "
                                      "every hash matches.")
        else:
            messages.error(request, f"Audit chain BROKEN at event {report.broken_at}: "
                                    f"{report.problem} ({report.checked} events verified "
                                    "before it).")
        record_event(actor=request.user, role=AuditRole.ADMIN, action=AuditAction.VERIFY,
                     object_type="audit-chain", detail={"ok": report.ok,
                                                        "checked": report.checked})
        return super().changelist_view(request, extra_context)
