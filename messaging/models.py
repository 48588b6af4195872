"""The gateway's records. Contact details live only in ``Recipient`` (one place to encrypt).

``Message`` is written before anything is sent; ``DeliveryEvent`` is append-only; an inbound
text or mail is an ``InboundMessage``, deduplicated by the provider's id.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models

from messaging.crypto import contact_index
from messaging.fields import EncryptedTextField
from messaging.statuses import Channel, InboundStatus, MessageStatus, Origin, SenderRange


def new_conversation_id() -> str:
    return uuid.uuid4().hex


class Recipient(models.Model):
    """A victim's validated contact details. Personal data: never logged, never in a URL.

    ``phone`` (E.164) and ``email`` are encrypted at rest (messaging.crypto); find a recipient by
    ``phone_index``/``email_index``, the keyed HMAC of the value, kept in step by ``save()``.
    """

    phone = EncryptedTextField(blank=True, default="")  # E.164
    email = EncryptedTextField(blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", editable=False)
    email_index = models.CharField(max_length=64, blank=True, default="", db_index=True,
                                   editable=False)
    # Set when retention or an erasure request removed the contact details.
    erased_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=20, default="en")
    # Opaque id for the assistant's conversation: the assistant never sees the phone number.
    conversation_id = models.CharField(max_length=32, unique=True, default=new_conversation_id)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["phone_index"], condition=~models.Q(phone_index=""),
                name="recipient_unique_phone_index",
            )
        ]

    def __str__(self) -> str:
        return f"recipient {self.pk}"  # never the contact details

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An erased recipient keeps the index of an opted-out phone (see retention), so only a
        # present value recomputes it.
        if self.phone:
            self.phone_index = contact_index(self.phone)
        self.email_index = contact_index(self.email)
        fields = kwargs.get("update_fields")
        if fields is not None:
            kwargs["update_fields"] = {*fields, "phone_index", "email_index"}
        super().save(*args, **kwargs)


class OptOut(models.Model):
    """One opt-out of one channel; ``ended_at`` is set when the recipient opts back in."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="opt_outs")
    channel = models.CharField(max_length=10, choices=[(c.value, c.value) for c in Channel])
    keyword = models.CharField(max_length=40, blank=True, default="")
    source = models.CharField(max_length=40)  # inbound-keyword | provider-21610 | staff
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by_keyword = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "channel", "ended_at"])]

    def __str__(self) -> str:
        return f"opt-out {self.pk} ({self.channel})"


class Message(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    channel = models.CharField(max_length=10, choices=[(c.value, c.value) for c in Channel])
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="messages")
    template = models.CharField(max_length=100)
    language = models.CharField(max_length=20, default="en")
    subject = models.CharField(max_length=300, blank=True, default="")
    body_text = models.TextField()
    body_html = models.TextField(blank=True, default="")
    # Who the victim sees it from: an SMS sender ID, or an email From ("Name <address>");
    # blank for the service's own number or address.
    sender = models.CharField(max_length=200, blank=True, default="")
    idempotency_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        max_length=20,
        choices=[(s.value, s.value) for s in MessageStatus],
        default=MessageStatus.CREATED.value,
    )
    # What the message is about, e.g. ("leaflet-issue", "42"): the delivery log groups by it.
    about_type = models.CharField(max_length=40, blank=True, default="")
    about_id = models.CharField(max_length=64, blank=True, default="")
    origin = models.CharField(max_length=20, choices=[(o.value, o.value) for o in Origin])
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # Bypasses the opt-out check: the one confirmation an opt-out allows.
    is_opt_out_confirmation = models.BooleanField(default=False)
    provider_ref = models.CharField(max_length=100, blank=True, default="", db_index=True)
    provider_status = models.CharField(max_length=40, blank=True, default="")
    error_code = models.CharField(max_length=20, blank=True, default="")
    reason = models.CharField(max_length=300, blank=True, default="")
    encoding = models.CharField(max_length=10, blank=True, default="")
    segments = models.PositiveSmallIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The last attempt may have reached the provider (a timeout): ask it before sending again.
    check_provider_first = models.BooleanField(default=False)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "updated_at"]),
            models.Index(fields=["about_type", "about_id"]),
        ]
        permissions = [("export_deliverylog", "Can export the delivery log")]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.channel}, {self.status})"


class DeliveryEvent(models.Model):
    """Append-only: one status change, provider report or attempt of one message."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=20)  # status | callback | attempt | ignored
    status = models.CharField(max_length=20)  # the message's status after this event
    previous_status = models.CharField(max_length=20, blank=True, default="")
    provider_status = models.CharField(max_length=40, blank=True, default="")
    error_code = models.CharField(max_length=20, blank=True, default="")
    detail = models.CharField(max_length=300, blank=True, default="")  # no personal data

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"event {self.pk} of message {self.message_id}"


class InboundMessage(models.Model):
    channel = models.CharField(max_length=10, choices=[(c.value, c.value) for c in Channel])
    provider_id = models.CharField(max_length=200, unique=True)  # MessageSid or Message-ID
    recipient = models.ForeignKey(
        Recipient, null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound"
    )
    # Encrypted at rest: a victim types safe numbers, addresses and names into it.
    body = EncryptedTextField(blank=True, default="")
    status = models.CharField(
        max_length=20,
        choices=[(s.value, s.value) for s in InboundStatus],
        default=InboundStatus.RECEIVED.value,
    )
    relay_attempts = models.PositiveSmallIntegerField(default=0)
    # A text is never refused for its sender's number: one libphonenumber does not know is
    # stored, relayed and answered like any other, and flagged here.
    sender_range = models.CharField(
        max_length=10, choices=[(r.value, r.value) for r in SenderRange],
        default=SenderRange.KNOWN.value,
    )
    # A danger text: relayed before its conversation's other waiting texts, and its
    # conversation queued ahead of the others.
    urgent = models.BooleanField(default=False)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "status", "urgent", "id"])]

    def __str__(self) -> str:
        return f"inbound {self.pk} ({self.channel}, {self.status})"


class RelayTurn(models.Model):
    """A conversation with texts waiting for the assistant: its one relay task (messaging.turns).

    The row exists while the conversation has a relay task queued, scheduled for a retry, or
    running; only the task carrying ``token`` may run it, so a replaced task is a no-op.
    """

    recipient = models.OneToOneField(Recipient, primary_key=True, on_delete=models.CASCADE,
                                     related_name="relay_turn")
    token = models.UUIDField(default=uuid.uuid4)
    # Bumped by each text that arrives: the write takes the row lock the ending task takes.
    arrivals = models.PositiveIntegerField(default=0)
    urgent = models.BooleanField(default=False)  # queued ahead of the others
    due_at = models.DateTimeField(db_index=True)
    running_since = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"relay turn of recipient {self.recipient_id}"
