"""Consent, then referral: one act, whether the officer reads the statement at the scene or the
victim answers the assistant. The decision is appended to the consent log and, when it is
"given" and the force has a support service, the victim is referred, in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from messaging.models import Recipient
from organisations.models import Organisation, Unit
from referrals.consent import CURRENT_VERSION
from referrals.models import ConsentRecord, NeedsAssessment, Referral
from referrals.services import create_referral, record_consent
from referrals.statuses import ConsentChannel, ConsentDecision, ReferralSource


@dataclass(frozen=True)
class ReferralDecision:
    consent: ConsentRecord
    referral: Referral | None


@dataclass(frozen=True)
class PoliceCase:
    """What a police referral carries of the crime (a self-referral carries none of it)."""

    crime_reference: str = ""
    crime_type: str = ""
    unit: Unit | None = None


@transaction.atomic
def decide_referral(
    *,
    recipient: Recipient,
    decision: ConsentDecision,
    language: str,
    channel: ConsentChannel,
    evidence: Mapping[str, Any],
    service: Organisation | None,
    needs: NeedsAssessment | None = None,
    police_case: PoliceCase | None = None,
    recorded_by: User | None = None,
) -> ReferralDecision:
    """Record the consent decision under the current wording; refer when it is given.

    ``police_case`` makes it a police referral with the crime's details; without it the victim
    referred themselves. ``recorded_by`` is the officer who read the statement, if any.
    """
    consent = record_consent(recipient=recipient, decision=decision,
                             wording_version=CURRENT_VERSION, language=language,
                             channel=channel, evidence=evidence, recorded_by=recorded_by)
    if decision is not ConsentDecision.GIVEN or service is None:
        return ReferralDecision(consent, None)
    case = police_case or PoliceCase()
    referral = create_referral(
        recipient=recipient, target=service, language=language, needs=needs,
        source=ReferralSource.POLICE if police_case is not None else ReferralSource.SELF,
        crime_reference=case.crime_reference, crime_type=case.crime_type,
        referrer=recorded_by, referrer_unit=case.unit)
    return ReferralDecision(consent, referral)
