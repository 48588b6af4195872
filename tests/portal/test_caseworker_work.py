"""The caseworker's working day: words not codes, true flags, due dates, assignment, outcomes,
and what withdrawn consent or erasure does to a referral."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from messaging.recipients import recipient_for_phone
from organisations.models import Organisation, OrganisationKind
from organisations.roles import Role
from portal import inbox
from referrals import services
from referrals.consent import CURRENT_VERSION
from referrals.models import Referral, ReferralEvent
from referrals.statuses import (
    ConsentChannel,
    ConsentDecision,
    ReferralOutcome,
    ReferralSource,
    ReferralStatus,
    Via,
)
from referrals.timeliness import due_date, timeliness
from tests.portal.factories import World, make_referral, make_user
from tests.second_factor import verified_login

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def caseworker(client: Client, world: World) -> Client:
    verified_login(client, world.caseworker)
    return client


def _text(html: str) -> str:
    """What a reader sees: the page without tags and attribute values."""
    body = html.split("<main", 1)[-1]
    return unescape(re.sub(r"<[^>]+>", " ", body))


def _with_needs(world: World, answers: dict[str, str], *, phone: str = "+447700900123",
                crime_type: str = "", safe: str = "") -> Referral:
    recipient = recipient_for_phone(phone=phone, language="en")
    services.record_consent(recipient=recipient, decision=ConsentDecision.GIVEN,
                            wording_version=CURRENT_VERSION, language="en",
                            channel=ConsentChannel.OFFICER, recorded_by=world.officer)
    safe_recipient = recipient_for_phone(phone=safe) if safe else None
    needs = services.record_needs(recipient=recipient, answers=answers, language="en",
                                  via=Via.OFFICER, completed=True, crime_type=crime_type,
                                  safe_recipient=safe_recipient)
    return services.create_referral(
        recipient=recipient, target=world.service, source=ReferralSource.POLICE,
        language="en", needs=needs, crime_reference="01/234567/26", referrer=world.officer,
        referrer_unit=world.north)


def test_every_value_is_shown_in_words_not_as_a_code(caseworker: Client, world: World) -> None:
    referral = _with_needs(world, {"vps_offered": "yes", "interpreter": "yes",
                                   "communication": "easy-read", "contact_method": "call",
                                   "afraid": "yes"}, crime_type="criminal-damage")
    page = _text(caseworker.get(f"/portal/referrals/{referral.reference}/").content.decode())
    listing = _text(caseworker.get("/portal/referrals/").content.decode())
    for slug in ("vps-offered", "vps offered", "criminal-damage", "easy-read",
                 "interpreter-needed", "intimidated,", "officer ·"):
        assert slug not in page.lower()
    assert "interpreter-needed" not in listing
    for words in ("Offered a victim personal statement", "Criminal damage", "Easy read",
                  "Phone call", "Given to the officer", "Afraid or intimidated"):
        assert words in page
    assert "Needs an interpreter" in listing


@pytest.mark.parametrize(("answers", "safe", "phone", "flagged"), [
    ({"safe_to_text": "yes"}, "", "+447700900123", False),
    ({}, "", "+447700900123", False),
    ({"safe_to_text": "no"}, "", "+447700900123", True),
    ({"safe_to_text": "no"}, "+447700900555", "+447700900123", False),
])
def test_no_safe_contact_only_when_the_victim_said_so(world: World, answers: dict[str, str],
                                                     safe: str, phone: str,
                                                     flagged: bool) -> None:
    referral = _with_needs(world, answers, safe=safe, phone=phone)
    assert ("no-safe-contact" in referral.data_quality_flags) is flagged


def test_due_dates_count_working_days_in_england_and_wales() -> None:
    friday = datetime(2026, 12, 18, 16, tzinfo=LONDON).date()
    assert due_date(friday).isoformat() == "2026-12-22"  # Monday, Tuesday
    assert due_date(datetime(2026, 12, 24).date()).isoformat() == "2026-12-30"
    assert due_date(datetime(2027, 3, 25).date()).isoformat() == "2027-03-31"  # Easter 2027
    timing = timeliness(received=datetime(2026, 12, 18, 16, tzinfo=LONDON),
                        now=datetime(2026, 12, 23, 9, tzinfo=LONDON))
    assert (timing.age_working_days, timing.overdue) == (3, True)


def test_overdue_referrals_come_first_with_their_due_date(caseworker: Client,
                                                           world: World) -> None:
    old = make_referral(world, phone="+447700900201")
    contacted = make_referral(world, phone="+447700900202")
    fresh = make_referral(world, phone="+447700900203")
    long_ago = timezone.now() - timedelta(days=14)
    Referral.objects.filter(pk__in=[old.pk, contacted.pk]).update(created_at=long_ago)
    Referral.objects.filter(pk=contacted.pk).update(status=ReferralStatus.CONTACTED.value)
    html = caseworker.get("/portal/referrals/").content.decode()
    overdue_part, _, rest = html.partition("All open referrals")
    assert old.reference in overdue_part
    assert "Overdue" in overdue_part
    assert fresh.reference not in overdue_part
    assert contacted.reference not in overdue_part
    assert fresh.reference in rest
    due = timeliness(received=fresh.created_at).due
    assert f"{due:%a} {due.day} {due:%b}" in rest


def test_assign_to_me_and_to_a_colleague_of_the_same_service_only(
        caseworker: Client, world: World) -> None:
    colleague = make_user("colleague", Role.CASEWORKER, world.service)
    elsewhere = Organisation.objects.create(slug="elsewhere", name="Elsewhere Care",
                                            kind=OrganisationKind.SUPPORT_SERVICE)
    stranger = make_user("stranger", Role.CASEWORKER, elsewhere)
    referral = make_referral(world)
    url = f"/portal/referrals/{referral.reference}/assign/"
    assert caseworker.post(url, {"assign-to": str(world.caseworker.pk)}).status_code == 302
    assert Referral.objects.get(pk=referral.pk).assigned_to == world.caseworker
    mine = caseworker.get("/portal/referrals/?status=mine").content.decode()
    assert referral.reference in mine
    caseworker.post(url, {"assign-to": str(colleague.pk)})
    assert Referral.objects.get(pk=referral.pk).assigned_to == colleague
    assert referral.reference not in caseworker.get("/portal/referrals/?status=mine"
                                                    ).content.decode()
    refused = caseworker.post(url, {"assign-to": str(stranger.pk)})
    assert refused.status_code == 200
    assert Referral.objects.get(pk=referral.pk).assigned_to == colleague
    kinds = list(ReferralEvent.objects.filter(referral=referral).values_list("kind", flat=True))
    assert kinds.count("assigned") == 2


def test_closing_records_the_outcome_as_an_event(caseworker: Client, world: World) -> None:
    referral = make_referral(world)
    url = f"/portal/referrals/{referral.reference}/status/"
    page = caseworker.post(url, {"to": "closed"}).content.decode()
    assert "Choose the outcome" in page
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.NEW
    caseworker.post(url, {"to": "closed", "outcome": "support-accepted"})
    event = ReferralEvent.objects.filter(referral=referral).latest("at", "pk")
    assert (event.to_status, event.outcome) == ("closed", ReferralOutcome.SUPPORT_ACCEPTED)
    page = _text(caseworker.get(f"/portal/referrals/{referral.reference}/").content.decode())
    assert "outcome: Support accepted" in page


def test_withdrawn_consent_is_shown_and_contact_details_are_locked(caseworker: Client,
                                                                   world: World) -> None:
    referral = make_referral(world)
    services.withdraw_consent(recipient=referral.recipient, language="en",
                              channel=ConsentChannel.SMS)
    page = _text(caseworker.get(f"/portal/referrals/{referral.reference}/").content.decode())
    assert "Withdrawn" in page
    assert "Decision Given" not in " ".join(page.split())
    shown = caseworker.post(f"/portal/referrals/{referral.reference}/contact/",
                            {"reason": "first call"}).content.decode()
    assert "+447700900123" not in shown
    assert "withdrew consent" in shown
    assert not AuditEvent.objects.filter(action="view-contact").exists()
    with pytest.raises(inbox.ContactLocked):
        inbox.reveal_contact(membership=world.caseworker.membership, referral=referral,
                             user=world.caseworker, reason="try")
