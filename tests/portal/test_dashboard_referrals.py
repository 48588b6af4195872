"""The dashboard's referral tables count each record once, with several records per decision
and officers who work in more than one of the chosen units."""

from __future__ import annotations

from django.utils import timezone

from messaging.recipients import recipient_for_phone
from organisations.models import Membership
from portal.dashboard import Scope
from portal.dashboard_referrals import consent_decisions, needs_and_enhanced, referral_statuses
from referrals import services as referral_services
from referrals.consent import CURRENT_VERSION
from referrals.statuses import ConsentChannel, ConsentDecision, Via
from tests.portal.factories import World, make_issue, make_referral


def _scope(world: World) -> Scope:
    today = timezone.localdate()
    return Scope(organisation=world.force, units=(world.north, world.south), start=today,
                 end=today)


def _consent(world: World, n: int, decision: ConsentDecision) -> None:
    referral_services.record_consent(
        recipient=recipient_for_phone(phone=f"+4477009003{n:02d}"), decision=decision,
        wording_version=CURRENT_VERSION, language="en", channel=ConsentChannel.OFFICER,
        recorded_by=world.officer)


def test_consent_decisions_count_every_record_once(world: World) -> None:
    Membership.objects.get(user=world.officer).units.add(world.south)  # in both units
    for n, decision in enumerate([ConsentDecision.GIVEN, ConsentDecision.GIVEN,
                                  ConsentDecision.GIVEN, ConsentDecision.REFUSED]):
        _consent(world, n, decision)
    rows = consent_decisions(_scope(world)).rows
    assert [(label, n, str(rate)) for label, n, rate in rows] == [
        ("Offered", 4, "100%"), ("Accepted", 3, "75%"), ("Refused", 1, "25%"),
        ("Withdrawn", 0, "0%")]


def test_needs_count_each_assessment_once_whichever_way_it_is_in_scope(world: World) -> None:
    Membership.objects.get(user=world.officer).units.add(world.south)
    issue = make_issue(world)  # north's leaflet, recorded by an officer of both units
    for n in range(3):
        referral_services.record_needs(
            recipient=recipient_for_phone(phone=f"+4477009004{n:02d}"),
            answers={"afraid": "yes"}, language="en", via=Via.OFFICER, completed=n > 0,
            leaflet_issue=issue if n < 2 else None, recorded_by=world.officer)
    referral_services.record_needs(  # the assistant's, about north's leaflet
        recipient=recipient_for_phone(phone="+447700900499"), answers={}, language="en",
        via=Via.ASSISTANT, completed=True, leaflet_issue=issue)
    referral_services.record_needs(  # another force's officer, no leaflet: not in scope
        recipient=recipient_for_phone(phone="+447700900498"), answers={}, language="en",
        via=Via.OFFICER, completed=True, recorded_by=world.caseworker)
    rows = {row[0]: row[1] for row in needs_and_enhanced(_scope(world)).rows}
    assert rows == {"Needs assessments started": 4, "Needs assessments completed": 3,
                    "Entitled to enhanced rights": 2}


def test_referral_statuses_count_the_units_referrals(world: World) -> None:
    for n in range(3):
        make_referral(world, phone=f"+4477009005{n:02d}")
    rows = {row[0]: row[1] for row in referral_statuses(_scope(world)).rows}
    assert rows["New"] == 3
    assert "Unable to contact" in rows  # words, as the caseworker's inbox shows them
    assert sum(n for n in rows.values() if isinstance(n, int)) == 3
