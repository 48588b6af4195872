"""Users, roles (memberships), units and organisations: every change made here is audited."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from audit.admin_mixins import AuditedChangesAdmin
from organisations.models import Membership, Organisation, Unit


class UnitInline(admin.TabularInline[Unit, Organisation]):
    model = Unit
    fk_name = "organisation"
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedChangesAdmin):
    list_display = ["name", "kind", "support_line_name", "support_line_phone"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(AuditedChangesAdmin):
    list_display = ["name", "kind", "organisation", "parent"]
    list_filter = ["organisation", "kind"]


class MembershipForm(forms.ModelForm[Membership]):
    class Meta:
        model = Membership
        fields = ["organisation", "role", "units"]

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


class MembershipInline(admin.StackedInline[Membership, User]):
    model = Membership
    form = MembershipForm
    can_delete = False
    filter_horizontal = ["units"]


admin.site.unregister(User)


@admin.register(User)
class SignpostUserAdmin(AuditedChangesAdmin, UserAdmin[User]):
    inlines = [MembershipInline]
    list_display = ["username", "is_active", "is_staff", "last_login"]
