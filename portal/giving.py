"""After a leaflet is given (``leaflets.giving``): the messages that carried it, and "My
leaflets"' resend. Contact details stay in the gateway's Recipient; nothing here logs them.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from audit.actions import AuditAction
from audit.services import record_event
from leaflets.delivery import ABOUT_TYPE
from leaflets.models import LeafletIssue
from messaging.contacts import ContactError
from messaging.models import Message
from messaging.outbound import Content, send_to_recipient
from messaging.statuses import Channel, MessageStatus, Origin
from portal.failures import advice


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
