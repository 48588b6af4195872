"""The link message is built in one place: the portal, the API and the assistant agree on it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from leaflets.delivery import ABOUT_TYPE, TEMPLATE, link_content, send_link
from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from messaging.statuses import Channel, Origin
from organisations.models import Membership, Organisation


@pytest.mark.django_db
def test_a_link_by_sms_and_email_in_the_issues_language(force: Organisation) -> None:
    issued = issue_leaflet(language="pl", organisation=force,
                           channels=[IssueChannel.SMS, IssueChannel.EMAIL])
    sms = link_content(issued, Channel.SMS)
    mail = link_content(issued, Channel.EMAIL)
    assert sms.template == mail.template == TEMPLATE
    assert sms.language == mail.language == "pl"
    assert issued.short_url in sms.text
    assert issued.short_url in mail.text
    assert mail.subject
    assert not sms.subject


@pytest.mark.django_db
def test_sending_twice_for_one_issue_and_channel_is_one_message(force: Organisation) -> None:
    issued = issue_leaflet(language="en", organisation=force, channels=[IssueChannel.SMS])
    first = send_link(issued=issued, channel=Channel.SMS, to="07700 900123",
                      origin=Origin.OFFICER)
    again = send_link(issued=issued, channel=Channel.SMS, to="07700 900123",
                      origin=Origin.OFFICER)
    assert first.pk == again.pk
    assert (first.about_type, first.about_id) == (ABOUT_TYPE, str(issued.issue.pk))


@pytest.mark.django_db
def test_the_demo_sms_and_email_name_force_reference_and_officer() -> None:
    from demo.seed import seed_demo

    seed_demo()
    force = Organisation.objects.get(slug="northbridge-police")
    officer = User.objects.get(username="demo-officer")
    issued = issue_leaflet(language="en", organisation=force, crime_reference="NB/012345/26",
                           issued_by=officer, channels=[IssueChannel.SMS, IssueChannel.EMAIL])
    sms = link_content(issued, Channel.SMS)
    mail = link_content(issued, Channel.EMAIL)
    assert sms.text.startswith("Northbridge Police (demo): ")
    for content in (sms.text, mail.text, mail.html):
        assert "Your crime reference number: NB/012345/26" in content
        assert "Police officer: PC 4821 Demo Officer" in content
    assert "Northbridge Police (demo)" in mail.subject
    assert sms.sender == "NBPolice"
    assert mail.sender == "\"Northbridge Police (demo)\" <victims@police.northbridge.example>"
    assert f'<a href="{issued.short_url}"' in mail.html


@pytest.mark.django_db
def test_the_victims_page_is_their_written_record(client: Client, force: Organisation) -> None:
    officer = User.objects.create(username="pc", first_name="Sam", last_name="Jones")
    Membership.objects.create(user=officer, organisation=force, role="officer",
                              collar_number="PC 77")
    issued = issue_leaflet(language="pl", organisation=force, crime_reference="NB/000001/26",
                           issued_by=officer, channels=[IssueChannel.SMS])
    html = client.get(f"/l/{issued.token}").content.decode()
    top = html[:html.index('class="toc"')]
    assert "NB/000001/26" in top
    assert "PC 77 Sam Jones" in top
    assert "Aby sprawdzić" in top  # how to check the link is genuine, in Polish
    assert "NB/000001/26" not in client.get("/leaflet/pl/").content.decode()


@pytest.mark.django_db
def test_the_email_comes_from_the_forces_name_in_the_victims_language() -> None:
    from email.utils import parseaddr

    from demo.seed import seed_organisations

    force = seed_organisations()[0]
    issued = issue_leaflet(language="pl", organisation=force, channels=[IssueChannel.EMAIL])
    mail = link_content(issued, Channel.EMAIL)
    name, address = parseaddr(mail.sender)
    assert (name, address) == ("Policja Northbridge (demo)", "victims@police.northbridge.example")
    assert "/static/demo/northbridge-logo.png" in mail.html
