"""Provider reports after a send: Twilio status callbacks and email bounces.

Each report goes through ``transitions.advance``: one that finds the message where reports
usually do (``USUAL_PREVIOUS``: ``delivered`` after ``sent``), with the provider reference we
recorded, is applied by one conditional UPDATE plus its event; every other report (out of
order, repeated, unmapped, an opt-out, a reference not yet recorded) is applied under the row
lock, where it may be recorded as ``ignored``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Q

from messaging import optouts
from messaging.models import Message
from messaging.statuses import USUAL_PREVIOUS, Channel, MessageStatus
from messaging.transitions import Applied, advance, record_event

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
    usual = USUAL_PREVIOUS.get(report.status) if report.status is not None else None
    at_once = usual is not None and not report.opted_out and bool(report.provider_ref)

    def under_lock(message: Message) -> Applied | None:
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
        return None  # the move itself, as advance applies it

    # Only the columns a report reads or writes are loaded under the lock: save() then updates
    # just those.
    return advance(message_id=report.message_id, new=report.status,
                   expect=usual if at_once else None,
                   matching=Q(provider_ref=report.provider_ref[:100]), kind="callback",
                   provider_status=report.provider_status, error_code=report.error_code,
                   detail=report.detail, locked=under_lock, only=REPORT_FIELDS)
