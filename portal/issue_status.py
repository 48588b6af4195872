"""An issue's live status in plain words, for "My leaflets" and the issue page.

>>> plain_status("delivered")
'Delivered'
>>> plain_status("permanent-failure", channel="email", error_code="5.1.1")[:48]
'Not delivered: this email address does not exist'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import QuerySet

from leaflets.delivery import ABOUT_TYPE
from leaflets.models import LeafletIssue
from leaflets.statuses import IssueChannel
from messaging.models import Message
from messaging.statuses import MessageStatus
from portal.failures import advice

S = MessageStatus
PLAIN: dict[MessageStatus, str] = {
    S.CREATED: "Waiting to send",
    S.QUEUED: "Waiting to send",
    S.SENDING: "Sending",
    S.SENT: "Sent, not yet confirmed",
    S.DELIVERED: "Delivered",
    S.UNDELIVERED: "Not delivered",
    S.PERMANENT_FAILURE: "Not delivered",
    S.TEMPORARY_FAILURE: "Not delivered yet",
    S.TECHNICAL_FAILURE: "Not sent (a fault on our side)",
}
FAILED = frozenset({S.UNDELIVERED, S.PERMANENT_FAILURE, S.TEMPORARY_FAILURE,
                    S.TECHNICAL_FAILURE})


def plain_status(status: str, *, channel: str = "sms", error_code: str = "") -> str:
    """The words an officer reads for a message status (what to do next when it failed)."""
    if MessageStatus(status) in FAILED:
        return advice(channel, status, error_code).words
    return PLAIN[MessageStatus(status)]


@dataclass(frozen=True)
class ChannelState:
    channel: str
    words: str
    failed: bool
    can_resend: bool


@dataclass(frozen=True)
class IssueRow:
    issue: LeafletIssue
    states: tuple[ChannelState, ...]
    opened_at: datetime | None


def _states(issue: LeafletIssue, messages: list[Message]) -> tuple[ChannelState, ...]:
    states = []
    for channel in issue.channel_list:
        if channel is IssueChannel.QR:
            states.append(ChannelState("QR code", "Shown", False, False))
            continue
        sent = [m for m in messages if m.channel == channel.value]
        if not sent:
            states.append(ChannelState(channel.value.upper(), "Not sent", True, False))
            continue
        last = sent[-1]
        failed = MessageStatus(last.status) in FAILED
        # No resend after a permanent failure: it would be another paid send failing alike.
        can_resend = not failed or advice(last.channel, last.status,
                                          last.error_code).can_resend
        states.append(ChannelState(
            "SMS" if channel is IssueChannel.SMS else "Email",
            plain_status(last.status, channel=last.channel, error_code=last.error_code),
            failed, can_resend))
    return tuple(states)


def officer_issues(*, officer: User, limit: int = 50, crime_reference: str = "",
                   before: int | None = None) -> QuerySet[LeafletIssue]:
    """The officer's leaflets, newest first: those whose crime reference holds the text typed,
    and (for the next page) those given before the leaflet ``before``."""
    issues = LeafletIssue.objects.filter(issued_by=officer).select_related("unit")
    typed = "".join(crime_reference.split())
    if typed:
        issues = issues.filter(crime_reference__icontains=typed)
    if before is not None:
        issues = issues.filter(pk__lt=before)
    return issues.order_by("-pk")[:limit]


def issue_rows(issues: list[LeafletIssue]) -> list[IssueRow]:
    """Each issue with the state of each of its channels (one query for all the messages)."""
    ids = [str(issue.pk) for issue in issues]
    by_issue: dict[str, list[Message]] = {}
    for message in (Message.objects.filter(about_type=ABOUT_TYPE, about_id__in=ids)
                    .order_by("created_at")):
        by_issue.setdefault(message.about_id, []).append(message)
    return [IssueRow(issue, _states(issue, by_issue.get(str(issue.pk), [])),
                     issue.first_opened_at) for issue in issues]
