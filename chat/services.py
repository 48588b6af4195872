"""What the assistant's actions ask of Signpost, by conversation id (never a phone number).

The action server calls these through ``actions/services.py``; each composes the apps' own
services (referrals, leaflets, messaging), so the assistant writes by the portal's code path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from assistant.translate import translate
from caseupdates.news import CaseNews, latest_news
from leaflets.delivery import ABOUT_TYPE
from leaflets.giving import give_leaflet
from leaflets.models import LeafletIssue
from leaflets.statuses import IssueChannel
from messaging import optouts
from messaging.contacts import parse_phone
from messaging.models import Message, Recipient
from messaging.outbound import Content, send_to_recipient
from messaging.recipients import recipient_for_phone
from messaging.statuses import Channel, Origin
from organisations.services import default_force
from referrals import services as referrals
from referrals.consent import CURRENT_VERSION, render_statement
from referrals.consenting import PoliceCase, decide_referral
from referrals.models import NeedsAssessment
from referrals.statuses import ConsentChannel, ConsentDecision, Via

LEAFLET_ABOUT = ABOUT_TYPE


class UnknownConversation(Exception):
    """No recipient has this conversation id (for example a test sender)."""


def recipient_for(conversation_id: str) -> Recipient:
    recipient = Recipient.objects.filter(conversation_id=conversation_id).first()
    if recipient is None:
        raise UnknownConversation("no recipient for this conversation")
    return recipient


def channel_of(recipient: Recipient) -> ConsentChannel:
    return ConsentChannel.SMS if recipient.phone else ConsentChannel.WEB_CHAT


def set_language(*, conversation_id: str, language: str) -> None:
    """Remember the victim's language, so the gateway's own texts use it too."""
    Recipient.objects.filter(conversation_id=conversation_id).update(language=language)


def stored_language(*, conversation_id: str) -> str | None:
    """The recipient's language (for example the leaflet's), unless it is the default English."""
    code = (Recipient.objects.filter(conversation_id=conversation_id)
            .values_list("language", flat=True).first())
    return code if code and code != "en" else None


@dataclass(frozen=True)
class LeafletSent:
    link: str
    by_sms: bool


def send_leaflet(*, conversation_id: str, language: str) -> LeafletSent:
    """Issue a leaflet in the victim's language; text the link to a phone, else return it."""
    recipient = recipient_for(conversation_id)
    by_sms = bool(recipient.phone)
    given = give_leaflet(organisation=default_force(), language=language, origin=Origin.ASSISTANT,
                         channels=[IssueChannel.SMS] if by_sms else [], recipient=recipient)
    return LeafletSent(link=given.issued.short_url, by_sms=by_sms)


def save_safe_number(*, raw: str) -> int:
    """The id of the Recipient holding a safe number (ContactError if it is not a number)."""
    phone = parse_phone(raw, for_sms=False, allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)
    return recipient_for_phone(phone=phone).pk


def submit_needs(*, conversation_id: str, answers: dict[str, Any], language: str,
                 completed: bool, needs_id: int | None = None,
                 safe_recipient_id: int | None = None) -> int:
    """Save the needs answers so far (a stopped form loses nothing); the assessment's id."""
    recipient = recipient_for(conversation_id)
    existing = (NeedsAssessment.objects.filter(pk=needs_id, recipient=recipient).first()
                if needs_id else None)
    safe = Recipient.objects.filter(pk=safe_recipient_id).first() if safe_recipient_id else None
    assessment = referrals.record_needs(
        recipient=recipient, answers=answers, language=language, via=Via.ASSISTANT,
        completed=completed, safe_recipient=safe, assessment=existing,
        leaflet_issue=_latest_issue(recipient))
    return assessment.pk


def support_service_name() -> str:
    service = referrals.default_support_service()
    return service.name if service is not None else ""


@dataclass(frozen=True)
class ConsentOutcome:
    decision: ConsentDecision
    reference: str = ""
    service_name: str = ""


def _latest_issue(recipient: Recipient) -> LeafletIssue | None:
    about_id = (Message.objects.filter(recipient=recipient, about_type=LEAFLET_ABOUT)
                .order_by("-created_at").values_list("about_id", flat=True).first())
    if about_id is None or not about_id.isdigit():
        return None
    return LeafletIssue.objects.filter(pk=int(about_id)).first()


@transaction.atomic
def submit_consent(*, conversation_id: str, given: bool, language: str,
                   replies: dict[str, str], message_ids: list[str],
                   needs_id: int | None = None, self_referral: bool = False) -> ConsentOutcome:
    """Store the confirmed consent decision; when given, refer the victim to the service."""
    recipient = recipient_for(conversation_id)
    service = referrals.default_support_service()
    name = service.name if service is not None else ""
    decision = ConsentDecision.GIVEN if given else ConsentDecision.REFUSED
    issue = _latest_issue(recipient)
    police = not self_referral and issue is not None and bool(issue.crime_reference)
    needs = (NeedsAssessment.objects.filter(pk=needs_id, recipient=recipient).first()
             if needs_id else None)
    decided = decide_referral(
        recipient=recipient, decision=decision, language=language, service=service,
        channel=channel_of(recipient), needs=needs,
        evidence={"statement": render_statement(CURRENT_VERSION, language=language,
                                                service_name=name, self_referral=not police),
                  "replies": replies, "message_ids": message_ids, "service": name},
        police_case=(PoliceCase(crime_reference=issue.crime_reference, unit=issue.unit)
                     if police and issue is not None else None))
    return ConsentOutcome(decision=decision, service_name=name,
                          reference=decided.referral.reference if decided.referral else "")


def police_referral(*, conversation_id: str, self_referral: bool) -> bool:
    """Whether a referral made now would carry the crime reference of the victim's leaflet
    (then the consent statement names it; a self-referral's never does)."""
    if self_referral:
        return False
    recipient = Recipient.objects.filter(conversation_id=conversation_id).first()
    issue = _latest_issue(recipient) if recipient is not None else None
    return issue is not None and bool(issue.crime_reference)


def withdraw_consent(*, conversation_id: str, language: str) -> bool:
    """Withdraw a given consent (True), or say there was none to withdraw (False)."""
    recipient = recipient_for(conversation_id)
    current = referrals.current_consent(recipient=recipient)
    if current is None or current.decision != ConsentDecision.GIVEN:
        return False
    referrals.withdraw_consent(recipient=recipient, language=language,
                               channel=channel_of(recipient),
                               evidence={"via": "assistant"})
    return True


def request_erasure(*, conversation_id: str) -> None:
    recipient = recipient_for(conversation_id)
    referrals.request_erasure(recipient=recipient, channel=channel_of(recipient))


def stop_all_messages(*, conversation_id: str, language: str, confirmation: str) -> bool:
    """Opt the victim's number out of texts, as if they had texted STOP; True for a phone.

    The opt-out blocks the assistant's own reply, so the (English) ``confirmation`` response
    text is sent here, translated, as the one message an opt-out allows.
    """
    recipient = recipient_for(conversation_id)
    if not recipient.phone:
        return False
    if optouts.opt_out(recipient=recipient, channel=Channel.SMS, keyword="",
                       source="assistant"):
        send_to_recipient(
            channel=Channel.SMS, recipient=recipient,
            content=Content(template="assistant-opt-out", language=language,
                            text=translate(confirmation, language)),
            idempotency_key=f"assistant-opt-out:{recipient.pk}:{optouts_count(recipient)}",
            origin=Origin.ASSISTANT, opt_out_confirmation=True,
        )
    return True


def optouts_count(recipient: Recipient) -> int:
    return recipient.opt_outs.count()


def case_news(*, conversation_id: str, language: str) -> CaseNews | None:
    """The latest update of the victim's case, for "any news on my case?" (None: the assistant
    gives its general answer: no case linked, or a number that is not safe for it)."""
    recipient = Recipient.objects.filter(conversation_id=conversation_id).first()
    if recipient is None:
        return None
    return latest_news(recipient=recipient, language=language)
