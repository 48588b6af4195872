"""Provider reports after a send: Twilio status callbacks and email bounces.

A report that finds the message where reports usually do (``USUAL_PREVIOUS``: ``delivered``
after ``sent``), with the provider reference we recorded, is applied by one conditional UPDATE
plus its event; every other report (out of order, repeated, unmapped, an opt-out, a reference
not yet recorded) is applied under the row lock, where it may be recorded as ``ignored``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from messaging import optouts
from messaging.models import Message
from messaging.statuses import USUAL_PREVIOUS, Channel, MessageStatus
from messaging.transitions import Applied, UnknownMessage, move, move_if, record_event

REPORT_FIELDS = ("id", "channel", "recipient_id", "status", "provider_ref", "provider_status",
                 "error_code", "reason", "updated_at", "created_at")


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
    """Apply the report if it moves the message forward; always record an event."""
    if report.status is not None and _applied_at_once(report, report.status):
        return Applied(applied=True, status=report.status)
    return _apply_locked(report)


def _applied_at_once(report: ProviderReport, status: MessageStatus) -> bool:
    usual = USUAL_PREVIOUS.get(status)
    if usual is None or report.opted_out or not report.provider_ref:
        return False
    return move_if(message_id=report.message_id, current=usual, new=status,
                   matching=Q(provider_ref=report.provider_ref[:100]), kind="callback",
                   provider_status=report.provider_status, error_code=report.error_code,
                   detail=report.detail)


def _apply_locked(report: ProviderReport) -> Applied:
    with transaction.atomic():
        # Only the columns a report reads or writes: save() then updates just those.
        message = (
            Message.objects.select_for_update()
            .only(*REPORT_FIELDS)
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
        if report.opted_out and not optouts.opted_in_since(
                recipient=message.recipient, channel=Channel(message.channel),
                since=message.created_at):
            # A 21610 for a message sent before the victim texted START is stale (a replayed or
            # late callback): it must not opt them out again.
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
