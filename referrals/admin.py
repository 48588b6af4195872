"""Victims' referrals, needs, consent and data requests: read-only in the admin, every read
audited. They change only through ``referrals.services`` (which writes their append-only events
and the audit trail); deleting a referral here would have cascaded away its events."""

from django.contrib import admin

from audit.admin_mixins import AuditedReadOnlyAdmin
from referrals.models import ConsentRecord, DataRequest, NeedsAssessment, Referral


@admin.register(Referral)
class ReferralAdmin(AuditedReadOnlyAdmin):
    list_display = ("reference", "source", "target", "status", "created_at")
    list_filter = ("status", "source")


@admin.register(ConsentRecord)
class ConsentRecordAdmin(AuditedReadOnlyAdmin):
    list_display = ("pk", "purpose", "decision", "wording_version", "channel", "recorded_at")


@admin.register(NeedsAssessment)
class NeedsAssessmentAdmin(AuditedReadOnlyAdmin):
    list_display = ("pk", "via", "completed", "created_at")


@admin.register(DataRequest)
class DataRequestAdmin(AuditedReadOnlyAdmin):
    list_display = ("pk", "kind", "status", "created_at")
