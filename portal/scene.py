"""At the scene: the officer records the victim's needs and referral consent on their behalf.

Recorded through ``referrals.services`` with ``via=officer`` and ``channel=officer`` and the
same consent wording version the assistant uses; a "yes" makes a police referral to the
support service at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from i18n.languages import Language, is_known, language
from leaflets.models import LeafletIssue
from messaging.contacts import parse_phone
from messaging.models import Recipient
from messaging.recipients import recipient_for_phone
from organisations.models import Organisation
from portal.giving import issue_messages
from referrals import services as referral_services
from referrals.consent import CURRENT_VERSION, render_statement, wording
from referrals.consenting import PoliceCase, decide_referral
from referrals.models import ConsentRecord, NeedsAssessment, Referral
from referrals.statuses import ConsentChannel, ConsentDecision, Via

# The officer's wording of each question of referrals.needs (the assistant words its own).
LABELS: dict[str, str] = {
    "contact_method": "How would they like the support service to contact them?",
    "safe_to_text": "Is it safe to text them on this number?",
    "safe_times": "When is it safe to contact them?",
    "voicemail_safe": "Is it safe to leave a voicemail?",
    "interpreter": "Do they need an interpreter?",
    "communication": "Do they need information in another format?",
    "disability": "Do they have a disability or condition that affects how we help them?",
    "under_18": "Are they under 18?",
    "afraid": "Are they afraid of the suspect, or of giving evidence?",
    "repeat": "Has this happened to them before (targeted again and again)?",
    "court_help": "Would they like help if they go to court?",
    "support_wanted": "What support would they like?",
    "vps_offered": "Were they offered a Victim Personal Statement?",
}


def consent_statement(service: Organisation | None) -> str:
    """The current consent statement, as the officer reads it out."""
    name = service.name if service is not None else "the victim support service"
    return wording(CURRENT_VERSION).statement.format(service_name=name)


@dataclass(frozen=True)
class TranslatedStatement:
    """The consent statement in the victim's language, for the officer to show or read."""

    text: str
    language: Language


def translated_statement(service: Organisation | None,
                         language_code: str) -> TranslatedStatement | None:
    """The statement in the victim's language, or None (English, or no reviewed translation)."""
    if not is_known(language_code) or language_code in {"en", "en-easy"}:
        return None
    name = service.name if service is not None else "the victim support service"
    text = render_statement(CURRENT_VERSION, language=language_code, service_name=name)
    if text == consent_statement(service):
        return None  # not translated: showing English twice would mislead
    return TranslatedStatement(text=text, language=language(language_code))


def _phone(raw: str) -> str:
    return parse_phone(raw, for_sms=False, allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)


def victim_recipient(issue: LeafletIssue, phone: str) -> Recipient:
    """The recipient the leaflet's SMS went to, or the one for the number the officer typed."""
    if phone.strip():
        return recipient_for_phone(phone=_phone(phone))
    for message in issue_messages(issue):
        if message.channel == "sms":
            return message.recipient
    raise ValueError("no number: enter the victim's phone number")


@dataclass(frozen=True)
class SceneRecord:
    needs: NeedsAssessment
    consent: ConsentRecord | None
    referral: Referral | None


@transaction.atomic
def record_at_scene(*, issue: LeafletIssue, officer: User, recipient: Recipient,
                    answers: dict[str, str], crime_type: str, safe_phone: str,
                    decision: ConsentDecision | None, victim_name: str = "",
                    called_name: str = "") -> SceneRecord:
    safe = None
    if safe_phone.strip():
        safe = recipient_for_phone(phone=_phone(safe_phone))
    needs = referral_services.record_needs(
        recipient=recipient, answers=answers, language=issue.language, via=Via.OFFICER,
        completed=True, crime_type=crime_type, safe_recipient=safe, leaflet_issue=issue,
        recorded_by=officer, victim_name=victim_name, called_name=called_name)
    if decision is None:
        return SceneRecord(needs, None, None)
    service = referral_services.default_support_service()
    decided = decide_referral(
        recipient=recipient, decision=decision, language=issue.language,
        channel=ConsentChannel.OFFICER, service=service, needs=needs, recorded_by=officer,
        evidence={"statement": consent_statement(service), "read_by": "officer",
                  "leaflet_issue": issue.pk},
        police_case=PoliceCase(crime_reference=issue.crime_reference, crime_type=crime_type,
                               unit=issue.unit))
    return SceneRecord(needs, decided.consent, decided.referral)
