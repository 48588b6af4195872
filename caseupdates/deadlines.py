"""When an update is due: 5 working days after the decision, 1 for victims entitled to enhanced
rights (a serious crime, or vulnerable, intimidated or persistently targeted)."""

from __future__ import annotations

from datetime import datetime

from caseupdates.models import VictimCase
from caseupdates.workdays import add_working_days, due_by, start_of, uk_date
from crimes.models import CrimeReport
from referrals.models import NeedsAssessment, Referral
from referrals.needs import SERIOUS_CRIME_TYPES

STANDARD_DAYS = 5
ENHANCED_DAYS = 1
REFERRAL_WORKING_DAYS = 2


def is_enhanced(case: VictimCase) -> bool:
    """Enhanced rights from the victim's needs assessment, referral or the crime's type."""
    needs = (NeedsAssessment.objects.filter(leaflet_issue_id=case.leaflet_issue_id)
             .order_by("-created_at").values("enhanced_rights_reasons", "crime_type").first())
    if needs and (needs["enhanced_rights_reasons"] or needs["crime_type"] in SERIOUS_CRIME_TYPES):
        return True
    if Referral.objects.filter(crime_reference=case.crime_reference,
                               enhanced_rights=True).exists():
        return True
    return CrimeReport.objects.filter(organisation_id=case.organisation_id,
                                      crime_reference=case.crime_reference,
                                      crime_type__in=SERIOUS_CRIME_TYPES).exists()


def due_at(*, decided_at: datetime, enhanced: bool) -> datetime:
    return due_by(decided_at, ENHANCED_DAYS if enhanced else STANDARD_DAYS)


def referral_due_before(created_at: datetime) -> datetime:
    """A referral passed before this moment was within 2 working days of the leaflet's day: the
    start (UK time) of the third working day after it, so a weekend or bank holiday straight
    after the second working day still counts as within 2.

    >>> from datetime import UTC
    >>> referral_due_before(datetime(2026, 12, 23, 15, tzinfo=UTC)).isoformat()
    '2026-12-30T00:00:00+00:00'
    """
    return start_of(add_working_days(uk_date(created_at), REFERRAL_WORKING_DAYS + 1))
