"""The dashboard's referral figures: consent decisions, referrals, needs and enhanced rights.

Scoped to the supervisor's units: decisions and assessments recorded by their officers, or
about leaflets their units gave; referrals made by their units.
"""

from __future__ import annotations

from django.db.models import Count, Q

from portal.dashboard import NONE, Scope, Table, pct
from referrals.models import ConsentRecord, NeedsAssessment, Referral
from referrals.statuses import ConsentDecision, ReferralStatus


def consent_decisions(scope: Scope) -> Table:
    records = ConsentRecord.objects.filter(
        recorded_at__gte=scope.since, recorded_at__lt=scope.until,
        recorded_by__membership__units__in=scope.units).distinct()
    counts = {row["decision"]: row["n"]
              for row in records.values("decision").annotate(n=Count("pk", distinct=True))}
    offered = counts.get(ConsentDecision.GIVEN, 0) + counts.get(ConsentDecision.REFUSED, 0)
    rows = (
        ("offered", offered, "100%" if offered else NONE),
        ("accepted", counts.get(ConsentDecision.GIVEN, 0),
         pct(counts.get(ConsentDecision.GIVEN, 0), offered)),
        ("refused", counts.get(ConsentDecision.REFUSED, 0),
         pct(counts.get(ConsentDecision.REFUSED, 0), offered)),
        ("withdrawn", counts.get(ConsentDecision.WITHDRAWN, 0),
         pct(counts.get(ConsentDecision.WITHDRAWN, 0), offered)),
    )
    return Table("consent", "Referrals offered, accepted, refused, withdrawn",
                 ("decision", "victims", "share of offers"), rows)


def referral_statuses(scope: Scope) -> Table:
    referrals = Referral.objects.filter(created_at__gte=scope.since, created_at__lt=scope.until,
                                        referrer_unit__in=scope.units)
    counts = {row["status"]: row["n"] for row in referrals.values("status").annotate(n=Count("pk"))}
    return Table("referrals", "Referrals made, by status now", ("status", "referrals"),
                 tuple((status.value, counts.get(status.value, 0)) for status in ReferralStatus))


def needs_and_enhanced(scope: Scope) -> Table:
    assessments = NeedsAssessment.objects.filter(
        Q(leaflet_issue__unit__in=scope.units) | Q(recorded_by__membership__units__in=scope.units),
        created_at__gte=scope.since, created_at__lt=scope.until).distinct()
    totals = assessments.aggregate(
        n=Count("pk", distinct=True),
        done=Count("pk", filter=Q(completed=True), distinct=True),
        enhanced=Count("pk", filter=Q(completed=True) & ~Q(enhanced_rights_reasons=[]),
                       distinct=True))
    return Table("needs", "Needs assessments and enhanced rights", ("figure", "victims"), (
        ("needs assessments started", totals["n"]),
        ("needs assessments completed", totals["done"]),
        ("entitled to enhanced rights", totals["enhanced"]),
    ))
