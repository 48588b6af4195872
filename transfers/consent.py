"""The one check before any transfer: the victim's latest referral consent is "given"."""

from __future__ import annotations

from referrals.models import Referral
from referrals.services import current_consent
from referrals.statuses import ConsentDecision


def may_transfer(referral: Referral) -> bool:
    """True only when the latest consent on record (not just the referral's) is still given."""
    consent = current_consent(recipient=referral.recipient)
    return consent is not None and consent.decision == ConsentDecision.GIVEN
