"""Staff see opt-outs, messages and their events in the admin (read-only: append-only data)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from messaging.models import DeliveryEvent, InboundMessage, Message, OptOut


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(OptOut)
class OptOutAdmin(ReadOnly, admin.ModelAdmin[OptOut]):
    list_display = ["id", "recipient_id", "channel", "keyword", "source", "created_at", "ended_at"]
    list_filter = ["channel", "source"]


@admin.register(Message)
class MessageAdmin(ReadOnly, admin.ModelAdmin[Message]):
    list_display = ["id", "channel", "template", "status", "origin", "error_code", "created_at"]
    list_filter = ["channel", "status", "origin"]
    exclude = ["body_text", "body_html", "subject"]


@admin.register(DeliveryEvent)
class DeliveryEventAdmin(ReadOnly, admin.ModelAdmin[DeliveryEvent]):
    list_display = ["at", "message_id", "kind", "status", "provider_status", "error_code"]
    list_filter = ["kind", "status"]


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnly, admin.ModelAdmin[InboundMessage]):
    list_display = ["id", "channel", "status", "received_at", "relay_attempts"]
    list_filter = ["channel", "status"]
    exclude = ["body"]
