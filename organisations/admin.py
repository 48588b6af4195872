"""Users, roles (memberships), units and organisations: every change made here is audited.

Wherever a unit is picked, an admin who belongs to an organisation is offered only that
organisation's units (a membership being edited: only its own organisation's), so a force's
admin never sees, nor gives a supervisor, another force's units.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import ForeignKey, ManyToManyField, QuerySet
from django.http import HttpRequest

from audit.admin_mixins import AuditedChangesAdmin
from organisations.models import Membership, Organisation, Unit
from organisations.services import membership_of


def units_for(request: HttpRequest) -> QuerySet[Unit]:
    """The units an admin may pick: their own organisation's (all, for an operator with none)."""
    own = membership_of(request.user)
    units = Unit.objects.all()
    return units.filter(organisation_id=own.organisation_id) if own is not None else units


class OwnUnitsMixin:
    """Unit pickers (a foreign key or a many-to-many to Unit) list the admin's own units."""

    def formfield_for_foreignkey(self, db_field: ForeignKey[Any, Any], request: HttpRequest,
                                 **kwargs: Any) -> Any:
        if db_field.related_model is Unit:
            kwargs["queryset"] = units_for(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: ManyToManyField[Any, Any],
                                 request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is Unit:
            kwargs["queryset"] = units_for(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class UnitInline(OwnUnitsMixin, admin.TabularInline[Unit, Organisation]):
    model = Unit
    fk_name = "organisation"
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedChangesAdmin):
    list_display = ["name", "kind", "support_line_name", "support_line_phone"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(OwnUnitsMixin, AuditedChangesAdmin):
    list_display = ["name", "kind", "organisation", "parent"]
    list_filter = ["organisation", "kind"]


class MembershipForm(forms.ModelForm[Membership]):
    class Meta:
        model = Membership
        fields = ["organisation", "role", "units"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units: Any = self.fields["units"]
        # Listed: only the membership's organisation's units. A posted form keeps every unit, so
        # clean() can name the foreign ones instead of Django's "not one of the choices".
        if self.instance.pk is not None and not self.is_bound:
            units.queryset = units.queryset.filter(organisation_id=self.instance.organisation_id)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        organisation = cleaned.get("organisation")
        foreign = [unit.name for unit in cleaned.get("units") or []
                   if organisation is not None and unit.organisation_id != organisation.pk]
        if foreign:
            # A supervisor of one force must never see another force's units.
            self.add_error("units", "These units belong to another organisation: "
                                    + ", ".join(sorted(foreign)))
        return cleaned


class MembershipInline(OwnUnitsMixin, admin.StackedInline[Membership, User]):
    model = Membership
    form = MembershipForm
    can_delete = False
    filter_horizontal = ["units"]


admin.site.unregister(User)


@admin.register(User)
class SignpostUserAdmin(AuditedChangesAdmin, UserAdmin[User]):
    inlines = [MembershipInline]
    list_display = ["username", "is_active", "is_staff", "last_login"]
