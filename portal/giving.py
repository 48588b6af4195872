"""Giving a leaflet: issue it (leaflets.services) and ask the gateway for the SMS and email.

The officer's "Give the leaflet" form calls ``give_leaflet``; "My leaflets" calls ``resend``.
Contact details go straight to the gateway's Recipient; nothing here logs or stores them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from audit.actions import AuditAction
from audit.services import record_event
from leaflets.delivery import ABOUT_TYPE, send_link
from leaflets.models import LeafletIssue
from leaflets.services import IssuedLeaflet, issue_leaflet
from leaflets.statuses import IssueChannel
from messaging.contacts import ContactError
from messaging.models import Message
from messaging.outbound import Content, send_to_recipient
from messaging.statuses import Channel, MessageStatus, Origin
from organisations.models import Membership, Unit
from portal.failures import advice


@dataclass(frozen=True)
class GivenLeaflet:
    issued: IssuedLeaflet
    messages: tuple[Message, ...]

    @property
    def issue(self) -> LeafletIssue:
        return self.issued.issue


@transaction.atomic
def give_leaflet(
    *,
    officer: User,
    membership: Membership,
    unit: Unit | None,
    language: str,
    channels: list[IssueChannel],
    phone: str = "",
    email: str = "",
    crime_reference: str = "",
) -> GivenLeaflet:
    """Issue the leaflet and queue one message per chosen send channel.

    Raises ContactError (nothing is stored) when a chosen channel's contact detail is invalid.
    """
    if not channels:
        raise ValueError("choose at least one way to give the leaflet")
    issued = issue_leaflet(language=language, channels=channels,
                           organisation=membership.organisation, crime_reference=crime_reference,
                           issued_by=officer, unit=unit)
    messages = []
    for channel, to in ((Channel.SMS, phone), (Channel.EMAIL, email)):
        if IssueChannel(channel.value) not in channels:
            continue
        if not to.strip():
            what = "mobile number" if channel is Channel.SMS else "email address"
            raise ContactError(f"Enter the {what} to send the leaflet to.")
        messages.append(send_link(issued=issued, channel=channel, to=to,
                                  origin=Origin.OFFICER, triggered_by=officer))
    record_event(actor=officer, role=membership.role, action=AuditAction.CREATE,
                 object_type="leaflets.leafletissue", object_id=issued.issue.pk,
                 detail={"channels": [c.value for c in channels], "language": language})
    return GivenLeaflet(issued=issued, messages=tuple(messages))


def issue_messages(issue: LeafletIssue) -> list[Message]:
    """The messages that carried an issue's link, oldest first."""
    return list(Message.objects.filter(about_type=ABOUT_TYPE, about_id=str(issue.pk))
                .order_by("created_at"))


@transaction.atomic
def resend(*, issue: LeafletIssue, channel: Channel, officer: User, role: str) -> Message:
    """Send the same link again, by the same channel, to the same recipient.

    The link's token is not stored, so the resend repeats the original message's text.
    """
    previous = [m for m in issue_messages(issue) if m.channel == channel.value]
    if not previous:
        raise ContactError("This leaflet was not sent by that channel, so there is nobody to "
                           "resend it to. Give a new leaflet instead.")
    last = previous[-1]
    if last.status == MessageStatus.PERMANENT_FAILURE.value:
        raise ContactError(advice(last.channel, last.status, last.error_code).words)
    with_text = [m for m in previous if m.body_text.strip()]
    if not with_text:
        # The retention purge blanks sent bodies: a resend would queue an empty text.
        raise ContactError("The text of this leaflet's message has been deleted under the "
                           "retention rules, so it cannot be sent again. Give a new leaflet "
                           "instead.")
    first = with_text[0]
    message = send_to_recipient(
        channel=channel, recipient=first.recipient,
        content=Content(template=first.template, language=first.language,
                        text=first.body_text, subject=first.subject, html=first.body_html),
        idempotency_key=f"{ABOUT_TYPE}:{issue.pk}:{channel.value}:resend-{len(previous)}",
        origin=Origin.OFFICER, triggered_by=officer, about=(ABOUT_TYPE, str(issue.pk)),
    )
    record_event(actor=officer, role=role, action=AuditAction.SEND,
                 object_type="leaflets.leafletissue", object_id=issue.pk,
                 reason="resend", detail={"channel": channel.value})
    return message
