"""The victim's name, asked by the officer with consent, stored encrypted and shown to the
caseworker only with the contact details (an audited reveal); erasure blanks it."""

from __future__ import annotations

from django.db import connection
from django.test import Client

from audit.models import AuditEvent
from leaflets.models import LeafletIssue
from referrals.anonymise import anonymise_needs
from referrals.models import NeedsAssessment, Referral
from tests.portal.factories import World
from tests.second_factor import verified_login

NAME, CALLED = "Agnieszka Kowalska", "Aga"


def _refer_with_a_name(client: Client, world: World) -> Referral:
    client.force_login(world.officer)
    client.post("/portal/give/", {"language": "pl", "channels": ["sms"],
                                  "phone": "07700 900123", "unit": world.north.pk,
                                  "crime_reference": "01/234567/26"})
    issue = LeafletIssue.objects.get()
    page = client.get(f"/portal/leaflets/{issue.pk}/scene/").content.decode()
    assert "Victim&#x27;s name" in page
    assert "What would they like to be called?" in page
    answer = client.post(f"/portal/leaflets/{issue.pk}/scene/", {
        "victim_name": f"  {NAME} ", "called_name": CALLED, "q_safe_to_text": "yes",
        "decision": "given"})
    assert answer.status_code == 302
    return Referral.objects.get()


def test_the_name_is_stored_encrypted(client: Client, world: World) -> None:
    _refer_with_a_name(client, world)
    needs = NeedsAssessment.objects.get()
    assert (needs.victim_name, needs.called_name) == (NAME, CALLED)
    with connection.cursor() as cursor:
        cursor.execute("SELECT victim_name, called_name FROM referrals_needsassessment")
        stored = cursor.fetchone()
    assert NAME not in str(stored)
    assert CALLED not in str(stored)
    assert all(stored)


def test_the_caseworker_sees_the_name_only_in_an_audited_reveal(client: Client,
                                                                world: World) -> None:
    referral = _refer_with_a_name(client, world)
    verified_login(client, world.caseworker)
    page = client.get(f"/portal/referrals/{referral.reference}/").content.decode()
    assert NAME not in page
    assert "(given)" in page
    shown = client.post(f"/portal/referrals/{referral.reference}/contact/",
                        {"reason": "first call"}).content.decode()
    assert NAME in shown
    assert CALLED in shown
    assert "Safe to text this number" in shown  # beside the safe-contact answers
    event = AuditEvent.objects.get(action="view-contact")
    assert "name" in event.detail["fields"]
    assert NAME not in str(event.detail)


def test_erasure_and_retention_blank_the_name(client: Client, world: World) -> None:
    _refer_with_a_name(client, world)
    assert anonymise_needs(NeedsAssessment.objects.all()) == 1
    needs = NeedsAssessment.objects.get()
    assert (needs.victim_name, needs.called_name) == ("", "")
