"""The demo data: idempotent, quick, fictional, refused in production, and the log-ins work."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client, override_settings

from demo.seed import DEMO_PASSWORD, seed_demo
from leaflets.models import LeafletIssue
from messaging.models import Message, Recipient
from organisations.models import Organisation, OrganisationKind, Unit
from referrals.models import Referral


@pytest.mark.django_db
def test_seed_twice_gives_the_same_data() -> None:
    seed_demo()
    counts = (LeafletIssue.objects.count(), Message.objects.count(), Referral.objects.count())
    seed_demo()
    assert (LeafletIssue.objects.count(), Message.objects.count(),
            Referral.objects.count()) == counts
    assert counts[0] > 60
    assert counts[1] > 30
    assert counts[2] > 5
    force = Organisation.objects.get(kind=OrganisationKind.FORCE)
    assert Unit.objects.filter(organisation=force).count() == 2
    assert force.web_address.endswith(".example/")
    assert not Group.objects.exists()  # roles live in Membership.role only


@pytest.mark.django_db
def test_demo_contacts_are_from_the_drama_ranges() -> None:
    seed_demo()
    for recipient in Recipient.objects.all():
        assert not recipient.phone or re.fullmatch(r"\+447700900\d{3}", recipient.phone)
        assert not recipient.email or recipient.email.endswith("@example.org")


@pytest.mark.django_db
def test_the_demo_log_ins_reach_their_pages(client: Client) -> None:
    secrets = {login.role: login.totp_secret for login in seed_demo()}
    assert secrets["officer"] == ""  # officers need no second step by default
    code = call_command_output("demo_code").strip()
    for role, page in [("officer", "/portal/give/"), ("supervisor", "/portal/dashboard/"),
                       ("caseworker", "/portal/referrals/"),
                       ("admin", "/portal/forces/northbridge-police/setup/")]:
        client.post("/portal/login/", {"username": f"demo-{role}", "password": DEMO_PASSWORD})
        if secrets[role]:
            assert client.get("/portal/").headers["Location"].startswith("/portal/login/code/")
            client.post("/portal/login/code/", {"code": code})
        assert client.get("/portal/", follow=True).request["PATH_INFO"] == page
        client.logout()


def call_command_output(name: str) -> str:
    out = io.StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@override_settings(PRODUCTION=True)
def test_demo_data_is_refused_in_production() -> None:
    with pytest.raises(ImproperlyConfigured):
        seed_demo()


@pytest.mark.django_db
def test_demo_email_statuses_are_ones_the_real_system_can_record() -> None:
    # Email asks for failure reports only: an email is sent (accepted) or bounced, never
    # confirmed delivered.
    seed_demo()
    email = Message.objects.filter(channel="email")
    assert email.exists()
    assert set(email.values_list("status", flat=True)) <= {
        "sent", "permanent-failure", "temporary-failure"}
    assert email.filter(status="sent").exists()
