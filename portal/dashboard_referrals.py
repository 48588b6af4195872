"""The dashboard's referral figures: consent decisions, referrals, needs and enhanced rights.

Scoped to the supervisor's units: decisions and assessments recorded by their officers, or
about leaflets their units gave; referrals made by their units.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from organisations.models import Membership
from portal.dashboard import Scope, Table, pct
from portal.inbox import STATUS_WORDS
from referrals.models import ConsentRecord, NeedsAssessment, Referral
from referrals.statuses import ConsentDecision, ReferralStatus


def _officers(scope: Scope) -> QuerySet[Any, Any]:
    """The users who work in the scope's units, as a subquery: each row counted once, however
    many of the units its officer belongs to (a join would repeat it per unit)."""
    return (Membership.units.through.objects.filter(unit__in=scope.units)
            .values("membership__user_id"))


def consent_decisions(scope: Scope) -> Table:
    records = ConsentRecord.objects.filter(
        recorded_at__gte=scope.since, recorded_at__lt=scope.until,
        recorded_by__in=_officers(scope))
    # order_by(): the model's ordering would otherwise split the groups per record.
    counts = {row["decision"]: row["n"]
              for row in records.order_by().values("decision").annotate(n=Count("pk"))}
    offered = counts.get(ConsentDecision.GIVEN, 0) + counts.get(ConsentDecision.REFUSED, 0)
    rows = (
        ("Offered", offered, pct(offered, offered)),
        ("Accepted", counts.get(ConsentDecision.GIVEN, 0),
         pct(counts.get(ConsentDecision.GIVEN, 0), offered)),
        ("Refused", counts.get(ConsentDecision.REFUSED, 0),
         pct(counts.get(ConsentDecision.REFUSED, 0), offered)),
        ("Withdrawn", counts.get(ConsentDecision.WITHDRAWN, 0),
         pct(counts.get(ConsentDecision.WITHDRAWN, 0), offered)),
    )
    return Table("consent", "Referrals offered, accepted, refused, withdrawn",
                 ("decision", "victims", "share of offers"), rows)


def referral_statuses(scope: Scope) -> Table:
    referrals = Referral.objects.filter(created_at__gte=scope.since, created_at__lt=scope.until,
                                        referrer_unit__in=scope.units)
    # count(*): the index (referrer_unit, created_at, status) answers it without the table.
    counts = {row["status"]: row["n"]
              for row in referrals.order_by().values("status").annotate(n=Count("*"))}
    return Table("referrals", "Referrals made, by status now", ("status", "referrals"),
                 tuple((STATUS_WORDS[status], counts.get(status.value, 0))
                       for status in ReferralStatus),
                 row_filters=tuple({"status": status.value} for status in ReferralStatus),
                 column_filters=(None, {}), drill="referrals")


def needs_and_enhanced(scope: Scope) -> Table:
    """Assessments recorded by the units' officers, plus those about the units' leaflets that
    someone else recorded (the assistant): two disjoint counts, added. One query with an OR
    between the two cannot use an index and hashes every leaflet issue of the force."""
    officers = _officers(scope)
    period = NeedsAssessment.objects.filter(created_at__gte=scope.since,
                                            created_at__lt=scope.until).order_by()
    counts = {"n": Count("pk"), "done": Count("pk", filter=Q(completed=True)),
              "enhanced": Count("pk", filter=Q(completed=True) & ~Q(enhanced_rights_reasons=[]))}
    by_officers = period.filter(recorded_by__in=officers).aggregate(**counts)
    by_leaflets = (period.filter(leaflet_issue__unit__in=scope.units)
                   .exclude(recorded_by__in=officers).aggregate(**counts))
    totals = {key: by_officers[key] + by_leaflets[key] for key in counts}
    return Table("needs", "Needs assessments and enhanced rights", ("figure", "victims"), (
        ("Needs assessments started", totals["n"]),
        ("Needs assessments completed", totals["done"]),
        ("Entitled to enhanced rights", totals["enhanced"]),
    ))
