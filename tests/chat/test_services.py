"""What the assistant's actions ask of Signpost, by conversation id."""

from __future__ import annotations

import pytest

from chat import services
from i18n.catalogs import catalog
from leaflets.contacts import contact_values
from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from leaflets.texts import sms_text
from messaging import optouts
from messaging.models import Message, Recipient
from messaging.statuses import Channel
from organisations.models import Organisation, OrganisationKind
from referrals.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs() -> None:
    Organisation.objects.create(slug="force", name="Force", kind=OrganisationKind.FORCE)
    Organisation.objects.create(slug="care", name="Care", kind=OrganisationKind.SUPPORT_SERVICE)


@pytest.mark.usefixtures("orgs", "fake_queue")
def test_leaflet_by_sms_in_the_victims_language() -> None:
    victim = Recipient.objects.create(phone="+447700900123")
    sent = services.send_leaflet(conversation_id=victim.conversation_id, language="pl")
    assert sent.by_sms
    message = Message.objects.get(recipient=victim)
    assert sent.link in message.body_text
    assert message.language == "pl"
    assert message.about_type == "leaflet-issue"
    force = Organisation.objects.get(slug="force")
    expected = sms_text(catalog=catalog("pl"), contacts=contact_values(force), link=sent.link)
    assert message.body_text == expected.text  # the leaflet's own SMS, in Polish


@pytest.mark.usefixtures("orgs")
def test_leaflet_link_in_web_chat() -> None:
    visitor = Recipient.objects.create(language="ar")
    sent = services.send_leaflet(conversation_id=visitor.conversation_id, language="ar")
    assert not sent.by_sms
    assert "/l/" in sent.link
    assert not Message.objects.exists()


def test_unknown_conversation() -> None:
    with pytest.raises(services.UnknownConversation):
        services.request_erasure(conversation_id="nobody")


@pytest.mark.usefixtures("orgs", "fake_queue")
def test_after_a_police_leaflet_the_referral_is_a_police_referral() -> None:
    victim = Recipient.objects.create(phone="+447700900123", language="ro")
    issued = issue_leaflet(language="ro", channels=[IssueChannel.SMS],
                           crime_reference="01/234567/26")
    Message.objects.create(channel="sms", recipient=victim, template="leaflet-link",
                           body_text="…", idempotency_key="k1", origin="officer",
                           about_type="leaflet-issue", about_id=str(issued.issue.pk))
    outcome = services.submit_consent(conversation_id=victim.conversation_id, given=True,
                                      language="ro", replies={"decision": "da"},
                                      message_ids=["m1"])
    referral = Referral.objects.get()
    assert outcome.reference == referral.reference
    assert referral.source == "police"
    assert referral.crime_reference == "01/234567/26"
    assert services.stored_language(conversation_id=victim.conversation_id) == "ro"


@pytest.mark.usefixtures("fake_queue")
def test_stop_all_messages_opts_out_with_one_confirmation() -> None:
    victim = Recipient.objects.create(phone="+447700900123")
    assert services.stop_all_messages(conversation_id=victim.conversation_id, language="en",
                                      confirmation="OK. You will get no more messages.")
    assert optouts.is_opted_out(recipient=victim, channel=Channel.SMS)
    [message] = Message.objects.filter(recipient=victim)
    assert message.is_opt_out_confirmation
    assert message.status != "permanent-failure"
    visitor = Recipient.objects.create()
    assert not services.stop_all_messages(conversation_id=visitor.conversation_id,
                                          language="en", confirmation="x")
