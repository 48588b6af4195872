"""Users, roles (memberships), units and organisations: every change made here is audited."""

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


class MembershipInline(admin.StackedInline[Membership, User]):
    model = Membership
    can_delete = False
    filter_horizontal = ["units"]


admin.site.unregister(User)


@admin.register(User)
class SignpostUserAdmin(AuditedChangesAdmin, UserAdmin[User]):
    inlines = [MembershipInline]
    list_display = ["username", "is_active", "is_staff", "last_login"]
