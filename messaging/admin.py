"""Staff see opt-outs, messages and their events in the admin (read-only: append-only data;
every read audited, as these are victims' records)."""

from __future__ import annotations

from django.contrib import admin

from audit.admin_mixins import AuditedReadOnlyAdmin
from messaging.models import DeliveryEvent, InboundMessage, Message, OptOut


@admin.register(OptOut)
class OptOutAdmin(AuditedReadOnlyAdmin):
    list_display = ["id", "recipient_id", "channel", "keyword", "source", "created_at", "ended_at"]
    list_filter = ["channel", "source"]


@admin.register(Message)
class MessageAdmin(AuditedReadOnlyAdmin):
    list_display = ["id", "channel", "template", "status", "origin", "error_code", "created_at"]
    list_filter = ["channel", "status", "origin"]
    exclude = ["body_text", "body_html", "subject"]


@admin.register(DeliveryEvent)
class DeliveryEventAdmin(AuditedReadOnlyAdmin):
    list_display = ["at", "message_id", "kind", "status", "provider_status", "error_code"]
    list_filter = ["kind", "status"]


@admin.register(InboundMessage)
class InboundMessageAdmin(AuditedReadOnlyAdmin):
    list_display = ["id", "channel", "status", "received_at", "relay_attempts"]
    list_filter = ["channel", "status"]
    exclude = ["body"]
