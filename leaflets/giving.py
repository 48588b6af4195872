"""Giving a leaflet: one act, whoever gives it — the officer's form, the crime-recording system's
API, the assistant. The leaflet is issued and the gateway is asked for one message per send
channel, in one transaction: a bad number or address stores nothing.

Entry points only parse, call ``give_leaflet`` and render; contact details go straight to the
gateway's Recipient, and nothing here logs or stores them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from audit.actions import AuditAction
from audit.services import record_event
from leaflets.delivery import send_link
from leaflets.models import LeafletIssue
from leaflets.services import IssuedLeaflet, issue_leaflet
from leaflets.statuses import IssueChannel
from messaging.contacts import ContactError
from messaging.models import Message, Recipient
from messaging.statuses import Channel, Origin
from organisations.models import Organisation, Unit

_WHAT = {Channel.SMS: "mobile number", Channel.EMAIL: "email address"}


@dataclass(frozen=True)
class GivenLeaflet:
    issued: IssuedLeaflet
    messages: tuple[Message, ...]

    @property
    def issue(self) -> LeafletIssue:
        return self.issued.issue


@dataclass(frozen=True)
class Giver:
    """Who gave it, for the audit chain: a signed-in member of staff and their role."""

    user: User
    role: str


@transaction.atomic
def give_leaflet(
    *,
    organisation: Organisation | None,
    language: str,
    channels: Sequence[IssueChannel],
    origin: Origin,
    phone: str = "",
    email: str = "",
    recipient: Recipient | None = None,
    crime_reference: str = "",
    unit: Unit | None = None,
    giver: Giver | None = None,
) -> GivenLeaflet:
    """Issue the leaflet and queue its link by each chosen send channel (QR needs no send).

    The link goes to ``phone``/``email`` as typed (checked by the gateway), or to a
    ``recipient`` the gateway already knows (the assistant's texter). Raises ContactError, and
    stores nothing, when a chosen channel has no valid contact detail.
    """
    issued = issue_leaflet(language=language, channels=list(channels), organisation=organisation,
                           crime_reference=crime_reference, unit=unit,
                           issued_by=giver.user if giver else None)
    messages = []
    for channel, to in ((Channel.SMS, phone), (Channel.EMAIL, email)):
        if IssueChannel(channel.value) not in channels:
            continue
        if recipient is None and not to.strip():
            raise ContactError(f"Enter the {_WHAT[channel]} to send the leaflet to.")
        messages.append(send_link(issued=issued, channel=channel, to=to, recipient=recipient,
                                  origin=origin, triggered_by=giver.user if giver else None))
    if giver is not None:
        record_event(actor=giver.user, role=giver.role, action=AuditAction.CREATE,
                     object_type="leaflets.leafletissue", object_id=issued.issue.pk,
                     detail={"channels": [c.value for c in channels], "language": language})
    return GivenLeaflet(issued=issued, messages=tuple(messages))
