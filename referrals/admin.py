from django.contrib import admin

from referrals.models import ConsentRecord, DataRequest, NeedsAssessment, Referral


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin[Referral]):
    list_display = ("reference", "source", "target", "status", "created_at")
    list_filter = ("status", "source")
    readonly_fields = ("reference", "consent", "needs_snapshot", "data_quality_flags")


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin[ConsentRecord]):
    list_display = ("pk", "purpose", "decision", "wording_version", "channel", "recorded_at")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


admin.site.register(NeedsAssessment)
admin.site.register(DataRequest)
