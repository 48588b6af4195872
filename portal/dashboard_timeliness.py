"""The dashboard's timeliness against the Victims' Code: a leaflet on the day the crime was
reported, and the referral to a support service within two working days of the report.

Both start from the loaded crime reports (``crimes``) of the scope's units; a report is matched
to the force's leaflets and referrals by crime reference (indexed), as provision is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Min, OuterRef, QuerySet, Subquery
from django.utils import timezone

from crimes.models import CrimeReport
from leaflets.models import LeafletIssue
from portal.dashboard import Row, Scope, Table, pct
from referrals.models import Referral
from referrals.timeliness import add_working_days

REFERRAL_WORKING_DAYS = 2


def _first_leaflet(scope: Scope) -> Subquery:
    """When the force first gave a leaflet for the report's crime reference."""
    return _earliest(LeafletIssue.objects.filter(
        organisation=scope.organisation, crime_reference=OuterRef("crime_reference")))


def _first_referral(scope: Scope) -> Subquery:
    """When the force's units first referred the report's victim."""
    return _earliest(Referral.objects.filter(
        crime_reference=OuterRef("crime_reference"),
        referrer_unit__organisation=scope.organisation))


def _earliest(matching: QuerySet[Any]) -> Subquery:
    return Subquery(matching.order_by().values("crime_reference")
                    .annotate(first=Min("created_at")).values("first")[:1])


def _days(scope: Scope) -> list[tuple[date, date | None, date | None]]:
    """(day reported, day of the first leaflet, day of the first referral) per report."""
    reports = (CrimeReport.objects.filter(organisation=scope.organisation,
                                          unit__in=scope.units, reported_at__gte=scope.since,
                                          reported_at__lt=scope.until).order_by()
               .annotate(leaflet=_first_leaflet(scope), referral=_first_referral(scope))
               .values_list("reported_at", "leaflet", "referral"))
    local = timezone.localdate
    return [(local(reported), local(leaflet) if leaflet else None,
             local(referral) if referral else None) for reported, leaflet, referral in reports]


def timeliness(scope: Scope) -> Table | None:
    """None when the units have no crime reports loaded for the period."""
    days = _days(scope)
    if not days:
        return None
    reports = len(days)
    same_day = sum(1 for reported, leaflet, _ in days if leaflet is not None
                   and leaflet <= reported)
    later = sum(1 for reported, leaflet, _ in days if leaflet is not None and leaflet > reported)
    referred = [(reported, referral) for reported, _, referral in days if referral is not None]
    in_time = sum(1 for reported, referral in referred
                  if referral <= add_working_days(reported, REFERRAL_WORKING_DAYS))
    rows: tuple[Row, ...] = (
        ("crime reports", reports, None),
        ("leaflet on the day of report", same_day, pct(same_day, reports)),
        ("leaflet on a later day", later, pct(later, reports)),
        ("no leaflet yet", reports - same_day - later,
         pct(reports - same_day - later, reports)),
        ("reports with a referral", len(referred), pct(len(referred), reports)),
        ("referral within 2 working days", in_time, pct(in_time, len(referred))),
        ("referral later", len(referred) - in_time, pct(len(referred) - in_time, len(referred))),
    )
    return Table("timeliness", "Timeliness: leaflet on the day, referral within 2 working days",
                 ("measure", "count", "share"), rows, chart_column=-1)
