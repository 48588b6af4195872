from django.contrib import admin

from organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "support_line_name", "support_line_phone"]
    prepopulated_fields = {"slug": ["name"]}
