"""The link message is built in one place: the portal, the API and the assistant agree on it."""

from __future__ import annotations

import pytest

from leaflets.delivery import ABOUT_TYPE, TEMPLATE, link_content, send_link
from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from messaging.statuses import Channel, Origin
from organisations.models import Organisation


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
