"""Service functions for needs, consent, referrals and data requests.

The assistant's actions, the portal and the API all write through these (keyword-only, typed,
each in one transaction). No contact detail is ever logged or put in an answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.actions import AuditAction
from messaging.models import Recipient
from organisations.models import Organisation, OrganisationKind, Unit
from referrals import needs as question_set
from referrals.answers import clean_answers
from referrals.auditing import audit
from referrals.consent import PURPOSE_REFERRAL, WORDINGS
from referrals.models import ConsentRecord, DataRequest, NeedsAssessment, Referral, ReferralEvent
from referrals.quality import quality_flags
from referrals.references import new_reference
from referrals.statuses import (
    OPEN,
    ConsentChannel,
    ConsentDecision,
    DataRequestKind,
    DataRequestStatus,
    EventKind,
    ReferralOutcome,
    ReferralSource,
    ReferralStatus,
    Via,
    can_move,
)

NAME_LENGTH = 200  # a name or what to call someone, as the officer typed it


class ConsentMissing(Exception):
    """No referral without the victim's latest consent decision being "given"."""


class InvalidTransition(Exception):
    """A referral's status cannot move that way (see referrals.statuses.ALLOWED)."""


@transaction.atomic
def record_needs(
    *,
    recipient: Recipient | None,
    answers: Mapping[str, object],
    language: str,
    via: Via,
    completed: bool,
    crime_type: str = "",
    safe_recipient: Recipient | None = None,
    leaflet_issue: Any = None,
    recorded_by: User | None = None,
    assessment: NeedsAssessment | None = None,
    victim_name: str = "",
    called_name: str = "",
) -> NeedsAssessment:
    """Store (or update) a needs assessment; unknown keys and bad values are dropped.

    ``victim_name`` and ``called_name`` (stored encrypted) replace earlier ones only when given.
    """
    cleaned = clean_answers(answers)
    if safe_recipient is not None:
        cleaned["safe_number"] = question_set.GIVEN
    if assessment is None:
        assessment = NeedsAssessment(question_set_version=question_set.QUESTION_SET_VERSION)
    assessment.recipient = recipient
    assessment.safe_recipient = safe_recipient or assessment.safe_recipient
    assessment.leaflet_issue = leaflet_issue or assessment.leaflet_issue
    assessment.answers = {**assessment.answers, **cleaned}
    assessment.crime_type = crime_type or assessment.crime_type
    assessment.victim_name = victim_name.strip()[:NAME_LENGTH] or assessment.victim_name
    assessment.called_name = called_name.strip()[:NAME_LENGTH] or assessment.called_name
    assessment.language = language
    assessment.via = Via(via).value
    assessment.recorded_by = recorded_by or assessment.recorded_by
    assessment.completed = completed
    assessment.enhanced_rights_reasons = question_set.enhanced_rights_reasons(
        assessment.answers, crime_type=assessment.crime_type)
    assessment.save()
    audit(action=AuditAction.CHANGE, obj=assessment, by=recorded_by,
          detail={"completed": completed, "via": assessment.via})
    return assessment


@transaction.atomic
def record_consent(
    *,
    recipient: Recipient,
    decision: ConsentDecision,
    wording_version: str,
    language: str,
    channel: ConsentChannel,
    evidence: Mapping[str, Any] | None = None,
    recorded_by: User | None = None,
    purpose: str = PURPOSE_REFERRAL,
) -> ConsentRecord:
    """Append one consent decision; ValueError for a wording version that does not exist."""
    if wording_version not in WORDINGS:
        raise ValueError(f"unknown consent wording {wording_version!r}")
    record = ConsentRecord.objects.create(
        recipient=recipient, purpose=purpose, decision=ConsentDecision(decision).value,
        wording_version=wording_version, language=language,
        channel=ConsentChannel(channel).value, recorded_by=recorded_by,
        evidence=dict(evidence or {}),
    )
    audit(action=AuditAction.CONSENT, obj=record, by=recorded_by,
          detail={"decision": record.decision, "channel": record.channel})
    return record


def current_consent(*, recipient: Recipient,
                    purpose: str = PURPOSE_REFERRAL) -> ConsentRecord | None:
    """The victim's latest consent decision for a purpose, or None if they never gave one."""
    return (ConsentRecord.objects.filter(recipient=recipient, purpose=purpose)
            .order_by("-recorded_at", "-pk").first())


def default_support_service() -> Organisation | None:
    """The support service referrals go to when none is chosen (the embedded default has one)."""
    return (Organisation.objects.filter(kind=OrganisationKind.SUPPORT_SERVICE)
            .order_by("pk").first())


def _new_referral(**fields: Any) -> Referral:
    for _ in range(10):
        try:
            with transaction.atomic():
                return Referral.objects.create(reference=new_reference(), **fields)
        except IntegrityError:
            continue
    raise RuntimeError("could not find a free referral reference")


@transaction.atomic
def create_referral(
    *,
    recipient: Recipient,
    target: Organisation,
    source: ReferralSource,
    language: str,
    needs: NeedsAssessment | None = None,
    safe_recipient: Recipient | None = None,
    crime_reference: str = "",
    crime_type: str = "",
    interpreter_needed: bool | None = None,
    referrer: User | None = None,
    referrer_unit: Unit | None = None,
) -> Referral:
    """Refer a victim whose latest consent is "given" (ConsentMissing otherwise)."""
    if target.kind != OrganisationKind.SUPPORT_SERVICE:
        raise ValueError("referrals go to support services only")
    consent = current_consent(recipient=recipient)
    if consent is None or consent.decision != ConsentDecision.GIVEN:
        raise ConsentMissing("the victim has not consented to referral")
    answers: dict[str, Any] = dict(needs.answers) if needs is not None else {}
    safe_recipient = safe_recipient or (needs.safe_recipient if needs is not None else None)
    crime_type = crime_type or (needs.crime_type if needs is not None else "")
    if interpreter_needed is None:
        interpreter_needed = answers.get("interpreter") == question_set.YES
    reasons = question_set.enhanced_rights_reasons(answers, crime_type=crime_type)
    referral = _new_referral(
        source=ReferralSource(source).value, referrer=referrer,
        referrer_unit=referrer_unit, target=target,
        referrer_unit_name=referrer_unit.name if referrer_unit is not None else "",
        recipient=recipient,
        safe_recipient=safe_recipient, consent=consent, needs=needs,
        needs_snapshot={"question_set_version": needs.question_set_version if needs else "",
                        "answers": answers},
        crime_reference=crime_reference, crime_type=crime_type, enhanced_rights=bool(reasons),
        enhanced_rights_reasons=reasons, language=language,
        interpreter_needed=interpreter_needed,
        data_quality_flags=quality_flags(recipient=recipient, safe_recipient=safe_recipient,
                                         interpreter_needed=interpreter_needed,
                                         answers=answers),
    )
    ReferralEvent.objects.create(referral=referral, kind=EventKind.STATUS.value,
                                 to_status=referral.status, by=referrer,
                                 actor="" if referrer else "assistant", reason="created")
    audit(action=AuditAction.CREATE, obj=referral, by=referrer,
          detail={"source": referral.source, "target": target.pk})
    return referral


@transaction.atomic
def self_referral(
    *,
    recipient: Recipient,
    language: str,
    crime_type: str = "",
    needs: NeedsAssessment | None = None,
    safe_recipient: Recipient | None = None,
    target: Organisation | None = None,
) -> Referral:
    """A victim refers themselves (reported to the police or not) to the support service."""
    target = target or default_support_service()
    if target is None:
        raise ValueError("no support service is configured")
    return create_referral(recipient=recipient, target=target, source=ReferralSource.SELF,
                           language=language, needs=needs, safe_recipient=safe_recipient,
                           crime_type=crime_type)


@transaction.atomic
def withdraw_consent(
    *,
    recipient: Recipient,
    language: str,
    channel: ConsentChannel,
    evidence: Mapping[str, Any] | None = None,
    recorded_by: User | None = None,
) -> ConsentRecord:
    """Append a "withdrawn" record and close every open referral so the service sees why."""
    current = current_consent(recipient=recipient)
    record = record_consent(
        recipient=recipient, decision=ConsentDecision.WITHDRAWN,
        wording_version=current.wording_version if current else next(iter(WORDINGS)),
        language=language, channel=channel, evidence=evidence, recorded_by=recorded_by)
    for referral in Referral.objects.select_for_update().filter(
            recipient=recipient, status__in=[s.value for s in OPEN]):
        previous = referral.status
        referral.status = ReferralStatus.CLOSED.value
        referral.save(update_fields=["status", "updated_at"])
        ReferralEvent.objects.create(
            referral=referral, kind=EventKind.CONSENT_WITHDRAWN.value, from_status=previous,
            to_status=referral.status, by=recorded_by, actor="" if recorded_by else "victim",
            reason="The victim withdrew consent to referral.")
    return record


@transaction.atomic
def change_referral_status(*, referral: Referral, to: ReferralStatus, by: User | None,
                           reason: str = "", outcome: ReferralOutcome | None = None) -> Referral:
    """Move a referral along an allowed path (InvalidTransition otherwise), with an event.

    ``outcome`` (what came of the referral) is recorded on the event that closes it; ValueError
    for an outcome on any other move.
    """
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    current, target = ReferralStatus(locked.status), ReferralStatus(to)
    if not can_move(current, target):
        raise InvalidTransition(f"a referral cannot move from {current} to {target}")
    if outcome is not None and target is not ReferralStatus.CLOSED:
        raise ValueError("an outcome is recorded when a referral is closed")
    locked.status = target.value
    locked.save(update_fields=["status", "updated_at"])
    ReferralEvent.objects.create(referral=locked, kind=EventKind.STATUS.value,
                                 from_status=current.value, to_status=target.value, by=by,
                                 reason=reason,
                                 outcome=ReferralOutcome(outcome).value if outcome else "")
    audit(action=AuditAction.CHANGE, obj=locked, by=by, reason=reason,
          detail={"from": current.value, "to": target.value,
                  "outcome": outcome.value if outcome else ""})
    return locked


@transaction.atomic
def assign_referral(*, referral: Referral, to: User | None, by: User) -> Referral:
    """Give a referral to a caseworker (None: back to nobody), with an event saying who did."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    locked.assigned_to = to
    locked.save(update_fields=["assigned_to", "updated_at"])
    ReferralEvent.objects.create(
        referral=locked, kind=EventKind.ASSIGNED.value, from_status=locked.status,
        to_status=locked.status, by=by,
        reason=f"Assigned to {to.get_full_name() or to.get_username()}" if to else "Unassigned")
    audit(action=AuditAction.CHANGE, obj=locked, by=by,
          detail={"assigned_to": to.pk if to else None})
    return locked



@transaction.atomic
def add_note(*, referral: Referral, by: User | None, text: str,
             kind: EventKind = EventKind.NOTE) -> ReferralEvent:
    if not text.strip():
        raise ValueError("a note needs text")
    event = ReferralEvent.objects.create(referral=referral, kind=EventKind(kind).value, by=by,
                                         reason=text.strip(), from_status=referral.status,
                                         to_status=referral.status)
    audit(action=AuditAction.NOTE, obj=referral, by=by, detail={"kind": event.kind})
    return event


@transaction.atomic
def request_erasure(*, recipient: Recipient, channel: ConsentChannel,
                    note: str = "") -> DataRequest:
    """Open an erasure request staff can act on; an open one is returned, not duplicated."""
    existing = DataRequest.objects.filter(recipient=recipient, kind=DataRequestKind.ERASURE,
                                          status=DataRequestStatus.OPEN).first()
    if existing is not None:
        return existing
    request = DataRequest.objects.create(recipient=recipient, kind=DataRequestKind.ERASURE.value,
                                         channel=ConsentChannel(channel).value, note=note)
    audit(action=AuditAction.ERASURE, obj=request, detail={"status": request.status})
    return request


@transaction.atomic
def close_data_request(*, request: DataRequest, by: User, status: DataRequestStatus,
                       note: str = "") -> DataRequest:
    """Mark a request completed or refused (the erasure itself is retention's job)."""
    if DataRequestStatus(status) is DataRequestStatus.OPEN:
        raise ValueError("a request is closed as completed or refused")
    if request.status != DataRequestStatus.OPEN:
        raise InvalidTransition("this request is already closed")
    request.status = DataRequestStatus(status).value
    request.completed_by = by
    request.completed_at = timezone.now()
    request.note = note or request.note
    request.save(update_fields=["status", "completed_by", "completed_at", "note"])
    audit(action=AuditAction.ERASURE, obj=request, by=by, detail={"status": request.status})
    return request
