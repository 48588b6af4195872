from django.contrib import admin

from leaflets.models import LeafletIssue, LinkOpen


@admin.register(LeafletIssue)
class LeafletIssueAdmin(admin.ModelAdmin[LeafletIssue]):
    """Read-only: issues are created by the service functions, never by hand."""

    list_display = ["id", "language", "content_version", "status", "created_at", "expires_at",
                    "first_opened_at"]
    list_filter = ["status", "language", "content_version"]
    exclude = ["token_hash"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(LinkOpen)
class LinkOpenAdmin(admin.ModelAdmin[LinkOpen]):
    list_display = ["issue", "language", "opened_at"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
