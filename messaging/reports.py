"""Provider reports after a send: Twilio status callbacks and email bounces."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction

from messaging import optouts
from messaging.models import Message
from messaging.statuses import Channel, MessageStatus
from messaging.transitions import Applied, UnknownMessage, move, record_event


@dataclass(frozen=True)
class ProviderReport:
    message_id: uuid.UUID
    status: MessageStatus | None  # None: a provider status we do not map (recorded only)
    provider_status: str
    error_code: str = ""
    detail: str = ""
    provider_ref: str = ""  # when given, must match the message's (a mismatch is ignored)
    opted_out: bool = False


def apply_report(report: ProviderReport) -> Applied:
    """Lock the message, apply the report if it moves it forward; always record an event."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=report.message_id)
            .first()
        )
        if message is None:
            raise UnknownMessage(str(report.message_id))
        current = MessageStatus(message.status)
        if report.provider_ref and message.provider_ref and (
            report.provider_ref != message.provider_ref
        ):
            record_event(message, kind="ignored", previous=current,
                         provider_status=report.provider_status,
                         detail="report for another provider reference ignored")
            return Applied(applied=False, status=current)
        if report.provider_ref and not message.provider_ref:
            message.provider_ref = report.provider_ref[:100]
        if report.opted_out:
            optouts.opt_out(recipient=message.recipient, channel=Channel(message.channel),
                            keyword="", source="provider-21610")
        if report.status is None:
            message.save()
            record_event(message, kind="ignored", previous=current,
                         provider_status=report.provider_status, error_code=report.error_code,
                         detail="provider status not mapped")
            return Applied(applied=False, status=current)
        applied = move(message, report.status, kind="callback",
                       provider_status=report.provider_status, error_code=report.error_code,
                       detail=report.detail)
        return Applied(applied=applied, status=MessageStatus(message.status))
