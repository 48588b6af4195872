"""The officer's own message to the victim of a case, sent through the gateway like an update.

It goes where an update would (a safe number first, the opt-out list honoured) and never to a
number shared with the suspect, not safe to text, or whose owner asked to be called: the
officer's words are free text and could be about anything, so those victims are called.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from audit.actions import AuditAction
from audit.services import record_event
from caseupdates.delivery import route
from caseupdates.models import OfficerReply, VictimCase
from caseupdates.statuses import CallReason
from caseupdates.texts import render_reply
from leaflets.contacts import contact_values
from messaging.outbound import Content, send_to_recipient
from messaging.statuses import Origin

ABOUT_TYPE = "case-reply"
TEMPLATE = "case-reply"
MAX_LENGTH = 600


class ReplyRefused(ValueError):
    """The message may not be texted: the officer calls instead."""

    def __init__(self, reason: CallReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


def send_reply(*, case: VictimCase, officer: User, role: str, text: str) -> OfficerReply:
    """Record the officer's message and queue it to the victim (ReplyRefused when the victim
    may not be texted; ValueError when the text is empty or too long)."""
    words = text.strip()
    if not words or len(words) > MAX_LENGTH:
        raise ValueError(f"Write a message of 1 to {MAX_LENGTH} characters.")
    if case.shared_with_suspect:
        raise ReplyRefused(CallReason.SHARED_WITH_SUSPECT)
    decided = route(case)
    if decided.recipient is None or decided.channel is None:
        raise ReplyRefused(decided.reason or CallReason.NO_CONTACT)
    issue = case.leaflet_issue
    contacts = contact_values(issue.organisation)
    with transaction.atomic():
        reply = OfficerReply.objects.create(case=case, officer=officer, body=words)
        rendered = render_reply(language=decided.recipient.language or issue.language,
                                force_name=contacts.force_name,
                                crime_reference=case.crime_reference,
                                support_name=contacts.support_name,
                                support_phone=contacts.support_phone, text=words)
        reply.message = send_to_recipient(
            channel=decided.channel, recipient=decided.recipient,
            content=Content(template=TEMPLATE, language=rendered.language, text=rendered.text,
                            subject=f"{contacts.force_name}: {case.crime_reference}"),
            idempotency_key=f"{ABOUT_TYPE}:{reply.pk}", origin=Origin.OFFICER,
            triggered_by=officer, about=(ABOUT_TYPE, str(reply.pk)))
        reply.save(update_fields=["message"])
        record_event(actor=officer, role=role, action=AuditAction.SEND,
                     object_type="caseupdates.officerreply", object_id=reply.pk,
                     reason="officer's message to the victim")
    return reply
