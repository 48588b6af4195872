"""Anonymising needs assessments and referrals: the personal fields go, the counted fields stay.

Used by the retention purge (``referrals.retention``) and by erasure on a victim's request
(``referrals.erasure``). What stays is what the dashboard counts: each row, its dates, unit,
source, target, status, completion, consent decision — and whether enhanced rights applied, as
a bare marker (``ANONYMISED_REASONS``), never the reasons themselves (age, disability, fear).

Consent records and referral events are append-only (``referrals.models.AppendOnly``): erasure
is the one exception, done here with a plain queryset that blanks the evidence and the notes,
never the decision, time or status.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q, QuerySet

from referrals.models import ConsentRecord, NeedsAssessment, Referral, ReferralEvent

ANONYMISED_REASONS = ["anonymised"]  # enhanced rights applied; the reasons were erased
ERASED_TEXT = ""


def needs_with_personal_data(assessments: QuerySet[NeedsAssessment]) -> QuerySet[NeedsAssessment]:
    return assessments.filter(
        ~Q(answers={}) | ~Q(crime_type="") | ~Q(victim_name="") | ~Q(called_name="")
        | Q(safe_recipient__isnull=False)
        | Q(recipient__isnull=False)
        | (~Q(enhanced_rights_reasons=[]) & ~Q(enhanced_rights_reasons=ANONYMISED_REASONS)))


def anonymise_needs(assessments: QuerySet[NeedsAssessment]) -> int:
    """Blank the answers, crime type, name and links to the victim; how many changed."""
    due = needs_with_personal_data(assessments)
    ids = list(due.values_list("pk", flat=True))
    rows = NeedsAssessment.objects.filter(pk__in=ids)
    rows.exclude(enhanced_rights_reasons=[]).update(enhanced_rights_reasons=ANONYMISED_REASONS)
    rows.update(answers={}, crime_type="", victim_name="", called_name="", safe_recipient=None,
                recipient=None)
    return len(ids)


def referrals_with_personal_data(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.filter(
        ~Q(needs_snapshot={}) | ~Q(crime_reference="") | ~Q(crime_type="")
        | Q(safe_recipient__isnull=False) | ~Q(enhanced_rights_reasons=[]))


def anonymise_referrals(referrals: QuerySet[Referral]) -> int:
    """Blank each referral's personal fields, its consent evidence and its notes; how many."""
    due = referrals_with_personal_data(referrals)
    rows = list(due.values_list("pk", "consent_id"))
    if not rows:
        return 0
    ids = [pk for pk, _ in rows]
    Referral.objects.filter(pk__in=ids).update(
        needs_snapshot={}, crime_reference="", crime_type="", safe_recipient=None,
        enhanced_rights_reasons=[])
    models.QuerySet(ConsentRecord).filter(pk__in=[consent for _, consent in rows]).update(
        evidence={})
    models.QuerySet(ReferralEvent).filter(referral_id__in=ids).exclude(
        reason=ERASED_TEXT).update(reason=ERASED_TEXT)
    return len(ids)


def anonymise_consents(consents: QuerySet[ConsentRecord]) -> int:
    """Blank the evidence (statement shown, the victim's replies) of consent records."""
    return models.QuerySet(ConsentRecord).filter(
        pk__in=consents.exclude(evidence={}).values("pk")).update(evidence={})
