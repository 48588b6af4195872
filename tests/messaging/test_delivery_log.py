"""The delivery log: staff only, every event, exportable, nothing personal in it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission, User

from messaging.statuses import MessageStatus
from messaging.transitions import apply_status
from tests.messaging.support import queue_sms
from tests.second_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = User.objects.create_user("officer1", password="x" * 16)
    user.user_permissions.add(*Permission.objects.filter(
        codename__in=["view_deliveryevent", "export_deliverylog"]))
    verified_login(client, user)
    return user


def sent_and_delivered(fake_queue: Any) -> Any:
    message = queue_sms(about=("leaflet-issue", "42"))
    apply_status(message_id=message.pk, status=MessageStatus.SENDING, kind="attempt")
    apply_status(message_id=message.pk, status=MessageStatus.DELIVERED,
                 provider_status="delivered")
    return message


def test_anonymous_people_are_sent_to_log_in(client, fake_queue):
    message = sent_and_delivered(fake_queue)
    answer = client.get(f"/messaging/log/message/{message.pk}/")
    assert answer.status_code == 302
    assert "login" in answer["Location"]


def test_logged_in_users_without_the_permission_are_refused(client, fake_queue):
    message = sent_and_delivered(fake_queue)
    verified_login(client, User.objects.create_user("someone", password="y" * 16))
    assert client.get(f"/messaging/log/message/{message.pk}/").status_code == 403
    assert client.get(f"/messaging/log/message/{message.pk}.csv").status_code == 403


def test_staff_see_every_event_without_contact_details_or_body(client, staff, fake_queue):
    message = sent_and_delivered(fake_queue)
    page = client.get(f"/messaging/log/message/{message.pk}/").content.decode()
    for status in ("created", "queued", "sending", "delivered"):
        assert status in page
    assert "7700900123" not in page
    assert "sp.example" not in page  # the body


def test_the_csv_export_lists_the_timeline_for_a_leaflet_issue(client, staff, fake_queue):
    message = sent_and_delivered(fake_queue)
    queue_sms(key="other", about=("leaflet-issue", "43"))
    answer = client.get("/messaging/log/leaflet-issue/42.csv")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    lines = answer.content.decode().strip().splitlines()
    assert lines[0].startswith("at,message,channel")
    assert len(lines) == 1 + 4
    assert all(str(message.pk) in line for line in lines[1:])
    assert "7700900123" not in answer.content.decode()


def test_an_unknown_message_is_404(client, staff):
    assert client.get(
        "/messaging/log/message/00000000-0000-4000-8000-000000000000/").status_code == 404
