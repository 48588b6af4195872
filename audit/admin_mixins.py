"""The admin is not a back door: victims' records are read-only there, and every staff read of
one (a record's page, or a list of them) and every change the admin makes to users, roles,
units and organisations is written to the audit chain.

Mixins for the apps' ``ModelAdmin`` classes (``audit`` imports nothing of Signpost: each app
names its own object type). Events carry ids and field names, never the values.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin import ModelAdmin
from django.db.models import Model
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest, HttpResponse

from audit.actions import AuditAction, AuditRole
from audit.services import record_event


def _label(admin: Any) -> str:
    return str(admin.model._meta.label_lower)


class AuditedReadOnlyAdmin(ModelAdmin):  # type: ignore[type-arg]
    """No add, change or delete (the service functions own these records and their append-only
    events); every page that shows them is audited as a read."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "",
                    extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            record_event(actor=request.user, role=AuditRole.ADMIN, action=AuditAction.VIEW_RECORD,
                         object_type=_label(self), object_id=object_id, reason="admin")
        return response

    def changelist_view(self, request: HttpRequest,
                        extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if response.status_code == 200:
            record_event(actor=request.user, role=AuditRole.ADMIN, action=AuditAction.VIEW_LIST,
                         object_type=_label(self), reason="admin",
                         detail={"query": sorted(request.GET.keys())})
        return response


class AuditedChangesAdmin(ModelAdmin):  # type: ignore[type-arg]
    """Every save and delete through the admin is an audit event naming the changed fields."""

    def save_model(self, request: HttpRequest, obj: Model, form: ModelForm[Any],
                   change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(actor=request.user, role=AuditRole.ADMIN,
                     action=AuditAction.CHANGE if change else AuditAction.CREATE,
                     object_type=_label(self), object_id=obj.pk, reason="admin",
                     detail={"fields": sorted(form.changed_data)})

    def save_formset(self, request: HttpRequest, form: ModelForm[Any], formset: BaseFormSet[Any],
                     change: bool) -> None:
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            if inline_form.has_changed() and inline_form.instance.pk is not None:
                record_event(actor=request.user, role=AuditRole.ADMIN,
                             action=AuditAction.CHANGE,
                             object_type=str(inline_form.instance._meta.label_lower),
                             object_id=inline_form.instance.pk, reason="admin",
                             detail={"fields": sorted(inline_form.changed_data)})

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        object_id = obj.pk
        super().delete_model(request, obj)
        record_event(actor=request.user, role=AuditRole.ADMIN, action=AuditAction.DELETE,
                     object_type=_label(self), object_id=object_id, reason="admin")

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for object_id in ids:
            record_event(actor=request.user, role=AuditRole.ADMIN, action=AuditAction.DELETE,
                         object_type=_label(self), object_id=object_id, reason="admin")
