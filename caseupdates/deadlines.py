"""When an update is due: 5 working days after the decision, 1 for victims entitled to enhanced
rights (a serious crime, or vulnerable, intimidated or persistently targeted)."""

from __future__ import annotations

from datetime import datetime

from caseupdates.models import VictimCase
from caseupdates.workdays import due_by
from crimes.models import CrimeReport
from referrals.models import NeedsAssessment, Referral
from referrals.needs import SERIOUS_CRIME_TYPES

STANDARD_DAYS = 5
ENHANCED_DAYS = 1


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
