"""The Victims' Code measures as SQL over a victim case: for each, whether it applies to the case
and whether it was met (1 or 0), built from indexed subqueries on the related tables so that a
grouped query can sum them (SQLite and PostgreSQL alike).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.db.models.lookups import Exact, IsNull

from caseupdates.models import CaseUpdate
from caseupdates.statuses import GIVEN
from caseupdates.ukdates import UkDate
from crimes.models import CrimeReport
from leaflets.delivery import ABOUT_TYPE as ISSUE_ABOUT
from messaging.models import Message
from messaging.statuses import MessageStatus as M
from referrals.models import NeedsAssessment, Referral

FAILED = (M.UNDELIVERED.value, M.PERMANENT_FAILURE.value, M.TEMPORARY_FAILURE.value,
          M.TECHNICAL_FAILURE.value)


class Measure(StrEnum):
    ACKNOWLEDGED = "acknowledged"  # written acknowledgement with the crime reference
    LEAFLET_SAME_DAY = "leaflet-same-day"  # leaflet given on the day the crime was reported
    NEEDS_ASSESSED = "needs-assessed"
    REFERRAL_OFFERED = "referral-offered"
    REFERRAL_IN_TIME = "referral-in-time"  # passed to a service within 2 working days
    UPDATES_ON_TIME = "updates-on-time"  # every update due so far given within its timescale
    VPS_OFFERED = "vps-offered"  # victim personal statement offered


LABELS: dict[Measure, str] = {
    Measure.ACKNOWLEDGED: "Written acknowledgement with crime reference",
    Measure.LEAFLET_SAME_DAY: "Leaflet given on the day of report",
    Measure.NEEDS_ASSESSED: "Needs assessed",
    Measure.REFERRAL_OFFERED: "Referral offered",
    Measure.REFERRAL_IN_TIME: "Referral passed within 2 working days",
    Measure.UPDATES_ON_TIME: "Updates within their timescales",
    Measure.VPS_OFFERED: "Victim personal statement offered",
}


@dataclass(frozen=True)
class Flag:
    """1 or 0 per case: whether the measure applies, and either whether it was met or (when
    that is cheaper to ask: no second look at what makes it apply) whether it was missed."""

    applies: Case
    met: Case | None = None
    missed: Case | None = None


def one_if(condition: Q | Expression | Exists) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


ALWAYS = Case(default=Value(1), output_field=IntegerField())


def _latest_needs() -> QuerySet[NeedsAssessment]:
    """The victim's needs assessments, the latest (the answers that count) first."""
    return (NeedsAssessment.objects.filter(leaflet_issue_id=OuterRef("leaflet_issue_id"))
            .order_by("-created_at", "-pk"))


def flags(*, now: datetime, years: Sequence[int]) -> dict[Measure, Flag]:
    """Each measure's flags; ``years`` spans the cases' and their reports' times."""
    given = [status.value for status in GIVEN]
    written = (Message.objects.filter(
        about_type=ISSUE_ABOUT,
        about_id=Cast(OuterRef("leaflet_issue_id"), output_field=CharField()))
        .exclude(status__in=FAILED))
    needs = _latest_needs()
    # Support was asked about: the answer is there and is not "skipped" (a JSON null counts).
    # (Plain Exact and IsNull: the JSON key lookups would compare JSON, not the text.)
    answer = KT("answers__support_wanted")
    support = Case(When(Q(answers__has_key="support_wanted")
                        & (Q(IsNull(answer, True)) | ~Q(Exact(answer, Value("skipped")))),
                        then=Value(True)),
                   default=Value(False), output_field=BooleanField())
    support_asked = Subquery(needs.annotate(asked=support).values("asked")[:1])
    vps = Subquery(needs.annotate(vps=KT("answers__vps_offered")).values("vps")[:1])
    referrals = Referral.objects.filter(crime_reference=OuterRef("crime_reference"))
    reports = CrimeReport.objects.filter(organisation_id=OuterRef("organisation_id"),
                                         crime_reference=OuterRef("crime_reference"))
    same_day = reports.filter(Exact(UkDate("reported_at", years=years),
                                    UkDate(OuterRef("created_at"), years=years)))
    # Updates due so far: given already, or past their due time.
    updates = (CaseUpdate.objects.filter(case_id=OuterRef("pk"))
               .filter(Q(status__in=given) | Q(due_at__lt=now)))
    on_time = Q(status__in=given, given_at__lte=F("due_at"))
    return {
        Measure.ACKNOWLEDGED: Flag(ALWAYS, one_if(Exists(written))),
        Measure.LEAFLET_SAME_DAY: Flag(one_if(Exists(reports)), one_if(Exists(same_day))),
        Measure.NEEDS_ASSESSED: Flag(ALWAYS, one_if(Exists(needs))),
        Measure.REFERRAL_OFFERED: Flag(ALWAYS, one_if(Q(Exact(support_asked, True))
                                                       | Q(Exists(referrals)))),
        Measure.REFERRAL_IN_TIME: Flag(
            one_if(Exists(referrals)),
            one_if(Exists(referrals.filter(created_at__lt=OuterRef("referral_due_before"))))),
        Measure.UPDATES_ON_TIME: Flag(one_if(Exists(updates)),
                                      missed=one_if(Exists(updates.exclude(on_time)))),
        Measure.VPS_OFFERED: Flag(ALWAYS, one_if(Exact(vps, Value("yes")))),
    }


