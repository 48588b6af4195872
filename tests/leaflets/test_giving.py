"""Giving a leaflet is one act whoever gives it: issue and sends in one transaction, nothing
stored on a bad contact detail, the staff giver audited, and no entry point issuing by itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from audit.models import AuditEvent
from leaflets.giving import Giver, give_leaflet
from leaflets.models import LeafletIssue
from leaflets.statuses import IssueChannel
from messaging.contacts import ContactError
from messaging.models import Message
from messaging.recipients import recipient_for_phone
from messaging.statuses import Origin
from organisations.models import Organisation

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]


def test_one_message_per_send_channel_and_none_for_the_qr(force: Organisation) -> None:
    given = give_leaflet(organisation=force, language="pl", origin=Origin.API,
                         channels=[IssueChannel.QR, IssueChannel.SMS, IssueChannel.EMAIL],
                         phone="07700 900123", email="victim@example.org")
    assert sorted(m.channel for m in given.messages) == ["email", "sms"]
    assert {m.about_id for m in given.messages} == {str(given.issue.pk)}
    assert given.issue.language == "pl"


def test_a_chosen_channel_without_a_contact_stores_nothing(force: Organisation) -> None:
    with pytest.raises(ContactError, match="mobile number"):
        give_leaflet(organisation=force, language="en", origin=Origin.OFFICER,
                     channels=[IssueChannel.QR, IssueChannel.SMS], email="victim@example.org")
    with pytest.raises(ContactError):
        give_leaflet(organisation=force, language="en", origin=Origin.API,
                     channels=[IssueChannel.EMAIL], email="not an address")
    assert not LeafletIssue.objects.exists()
    assert not Message.objects.exists()


def test_the_assistants_texter_gets_the_link_without_a_typed_number(force: Organisation) -> None:
    texter = recipient_for_phone(phone="+447700900124")
    given = give_leaflet(organisation=force, language="ar", origin=Origin.ASSISTANT,
                         channels=[IssueChannel.SMS], recipient=texter)
    (message,) = given.messages
    assert message.recipient_id == texter.pk
    assert given.issued.short_url in message.body_text


def test_a_staff_giver_is_audited_and_a_system_is_not(force: Organisation) -> None:
    officer = User.objects.create_user("giving-officer")
    give_leaflet(organisation=force, language="en", origin=Origin.OFFICER,
                 channels=[IssueChannel.QR], giver=Giver(user=officer, role="officer"))
    give_leaflet(organisation=force, language="en", origin=Origin.API,
                 channels=[IssueChannel.SMS], phone="+447700900125")
    events = AuditEvent.objects.filter(object_type="leaflets.leafletissue")
    assert [(e.actor_id, e.role) for e in events] == [(officer.pk, "officer")]


@pytest.mark.parametrize("path", ["portal", "api", "chat", "actions"])
def test_no_entry_point_issues_a_leaflet_by_itself(path: str) -> None:
    """The portal, the API and the assistant call leaflets.giving; none composes the act."""
    callers = []
    for source in (REPO / path).rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
                    "issue_leaflet", "send_link"}:
                callers.append(f"{source.relative_to(REPO)}:{node.lineno}")
    assert callers == []
