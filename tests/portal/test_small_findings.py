"""Smaller findings of the probe, each replayed: a channel repeated in the give form, and
dashboard dates far outside any real period."""

from __future__ import annotations

from django.test import Client

from leaflets.models import LeafletIssue
from tests.portal.factories import World
from tests.second_factor import verified_login


def test_a_channel_repeated_500_times_counts_one_leaflet_by_it(client: Client,
                                                               world: World) -> None:
    verified_login(client, world.officer)
    page = client.post("/portal/give/", {"language": "en", "channels": ["qr"] * 500,
                                         "unit": world.north.pk})
    assert page.status_code == 200
    assert LeafletIssue.objects.get().channels == ["qr"]


def test_dashboard_dates_like_9999_12_31_get_a_form_error_not_a_500(client: Client,
                                                                    world: World) -> None:
    verified_login(client, world.supervisor)
    for start, end in (("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-02"),
                       ("2026-01-01", "9999-12-31")):
        page = client.get("/portal/dashboard/", {"start": start, "end": end})
        assert page.status_code == 200, (start, end)
        assert "Choose a date between 2000 and next year" in page.content.decode()


def test_resending_after_the_body_purge_queues_no_empty_text(client: Client,
                                                             world: World) -> None:
    from messaging.models import Message

    verified_login(client, world.officer)
    client.post("/portal/give/", {"language": "en", "channels": ["sms"],
                                  "phone": "07700 900123", "unit": world.north.pk})
    issue = LeafletIssue.objects.get()
    Message.objects.update(body_text="")  # what the retention purge leaves
    page = client.post(f"/portal/leaflets/{issue.pk}/resend/", {"channel": "sms"}, follow=True)
    assert Message.objects.count() == 1
    assert "deleted under the retention rules" in page.content.decode()
