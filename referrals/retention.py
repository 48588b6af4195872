"""Purgers for the assistant's and the officers' records: needs assessments and referrals.

Rows are anonymised, never deleted (``referrals.anonymise``): the dashboard counts them. A record
is due when it has not changed for the period (``updated_at``), so an open referral a caseworker
is still working on keeps its details.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from referrals.anonymise import (
    anonymise_consents,
    anonymise_needs,
    anonymise_referrals,
    needs_with_personal_data,
    referrals_with_personal_data,
)
from referrals.models import ConsentRecord, NeedsAssessment, Referral
from retention.registry import Action, PurgeCount


def purge_needs(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    due = NeedsAssessment.objects.filter(updated_at__lt=before)
    if dry_run:
        return PurgeCount(Action.ERASED, needs_with_personal_data(due).count())
    with transaction.atomic():
        return PurgeCount(Action.ERASED, anonymise_needs(due))


def purge_referrals(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    """Referrals untouched for the period, and the evidence of consent decisions as old whose
    referrals (if any) are as old too; the count is of referrals and consent records."""
    due = Referral.objects.filter(updated_at__lt=before)
    consents = (ConsentRecord.objects.filter(recorded_at__lt=before)
                .exclude(referrals__updated_at__gte=before))
    if dry_run:
        anonymised = referrals_with_personal_data(due)
        return PurgeCount(Action.ERASED, anonymised.count() + consents.exclude(evidence={})
                          .exclude(pk__in=anonymised.values("consent_id")).count())
    with transaction.atomic():
        referrals = anonymise_referrals(due)  # blanks their own consent's evidence too
        return PurgeCount(Action.ERASED, referrals + anonymise_consents(consents))
