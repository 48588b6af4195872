"""The supervisor dashboard: figures for the chosen units and dates, charts, audited CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from crimes.models import CrimeReport
from leaflets.models import LeafletIssue
from leaflets.statuses import IssueChannel
from messaging.models import Message
from messaging.recipients import recipient_for_email, recipient_for_phone
from messaging.statuses import MessageStatus
from organisations.models import Membership
from portal import summaries
from portal.dashboard import Rate
from referrals.models import Referral
from referrals.timeliness import add_working_days
from tests.portal.factories import World, make_issue, make_referral
from tests.second_factor import verified_login


@pytest.fixture
def supervisor(client: Client, world: World) -> Client:
    verified_login(client, world.supervisor)
    return client


def _message(issue: LeafletIssue, status: MessageStatus, reason: str = "") -> None:
    Message.objects.create(
        channel="sms", recipient=recipient_for_phone(phone=f"+4477009001{issue.pk:02d}"),
        template="leaflet-link", body_text="x", idempotency_key=f"k{issue.pk}",
        origin="officer", about_type="leaflet-issue", about_id=str(issue.pk),
        status=status.value, reason=reason)


def test_figures_count_only_the_supervisors_units_and_period(supervisor: Client,
                                                             world: World) -> None:
    first = make_issue(world, channels=[IssueChannel.QR, IssueChannel.SMS], language="pl")
    second = make_issue(world, channels=[IssueChannel.SMS])
    LeafletIssue.objects.filter(pk=first.pk).update(first_opened_at=timezone.now())
    _message(first, MessageStatus.DELIVERED)
    _message(second, MessageStatus.UNDELIVERED, "The number is not in service")
    make_issue(world, officer=world.other_officer, unit=world.south)  # not theirs
    make_issue(world, now=timezone.now() - timedelta(days=200))  # outside the period
    page = supervisor.get("/portal/dashboard/")
    assert page.status_code == 200
    headline = page.context["headline"]
    assert (headline["issued"], headline["opened"], headline["delivered"]) == (2, 1, 1)
    assert str(headline["delivered_rate"]) == "50%"
    html = page.content.decode()
    assert "The number is not in service" in html
    assert "Polish" in html
    assert "<svg" in html
    assert "officer-s" not in html


def test_referral_figures_and_provision(supervisor: Client, world: World) -> None:
    make_referral(world)
    issue = make_issue(world, crime_reference="01/000001/26")
    assert issue.crime_reference
    for n, reference in enumerate(["01/000001/26", "01/000002/26"]):
        CrimeReport.objects.create(organisation=world.force, crime_reference=reference,
                                   reported_at=timezone.now() - timedelta(hours=n),
                                   source="csv", unit_name=world.north.name, unit=world.north)
    CrimeReport.objects.create(organisation=world.force, crime_reference="01/000003/26",
                               reported_at=timezone.now(), source="csv",
                               unit_name=world.south.name, unit=world.south)  # not theirs
    page = supervisor.get("/portal/dashboard/")
    tables = {item["key"]: item["table"] for item in page.context["tables"]}
    assert ("Accepted", 1, Rate(1, 1)) in tables["consent"].rows
    assert ("New", 1) in tables["referrals"].rows
    assert tables["provision"].rows == (("North borough", 2, 1, Rate(1, 2)),
                                       ("all", 2, 1, Rate(1, 2)))


def test_a_period_and_unit_can_be_chosen(supervisor: Client, world: World) -> None:
    make_issue(world)
    today = timezone.localdate()
    old = (today - timedelta(days=10)).isoformat()
    page = supervisor.get(f"/portal/dashboard/?start={old}&end={old}")
    assert page.context["headline"]["issued"] == 0
    page = supervisor.get(f"/portal/dashboard/?start={old}&end={today}&units={world.south.pk}")
    assert page.context["headline"]["issued"] == 1  # south is not theirs: all of theirs instead


def test_every_table_exports_as_csv_and_the_export_is_audited(supervisor: Client,
                                                              world: World) -> None:
    make_issue(world)
    page = supervisor.get("/portal/dashboard/")
    for item in page.context["tables"]:
        response = supervisor.get(f"/portal/dashboard/{item['key']}.csv")
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert tuple(rows[0]) == ("period", *item["table"].columns)
    assert AuditEvent.objects.filter(action="export", actor_id=world.supervisor.pk).count() == \
        len(page.context["tables"])
    assert supervisor.get("/portal/dashboard/nothing.csv").status_code == 404


def test_officers_by_name_and_collar_number_not_username(supervisor: Client,
                                                         world: World) -> None:
    world.officer.first_name, world.officer.last_name = "Ann", "Lee"
    world.officer.save()
    Membership.objects.filter(user=world.officer).update(collar_number="PC 4821")
    make_issue(world)
    page = supervisor.get("/portal/dashboard/")
    tables = {item["key"]: item["table"] for item in page.context["tables"]}
    assert tables["officers"].rows[0][0] == "Ann Lee (PC 4821)"
    assert world.officer.username not in page.content.decode()


def test_each_chart_has_its_table_behind_a_details(supervisor: Client, world: World) -> None:
    make_issue(world)
    html = supervisor.get("/portal/dashboard/").content.decode()
    for section in html.split('<section class="figure"')[1:]:
        if "<svg" in section:
            assert section.index("<details>") < section.index("<table>")
            assert "<summary>" in section


def test_csv_holds_numbers_as_numbers_and_the_period(supervisor: Client, world: World) -> None:
    first = make_issue(world, channels=[IssueChannel.QR, IssueChannel.SMS])
    make_issue(world, channels=[IssueChannel.SMS])
    make_issue(world, channels=[IssueChannel.SMS])
    LeafletIssue.objects.filter(pk=first.pk).update(first_opened_at=timezone.now())
    today = timezone.localdate().isoformat()
    for key in ("units", "channels", "consent"):
        response = supervisor.get(f"/portal/dashboard/{key}.csv?start={today}&end={today}")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][0] == "period"
        for row in rows[1:]:
            assert row[0] == f"{today}/{today}"
            for cell in row[2:]:
                assert cell == "" or float(cell) >= 0, (key, row)  # no "65%", no dash
    rows = list(csv.reader(io.StringIO(supervisor.get(
        f"/portal/dashboard/units.csv?start={today}&end={today}").content.decode())))
    assert rows[1][1:] == [world.north.name, "3", "1", "0.3333"]


def test_email_sent_counts_as_accepted_by_the_mail_server_not_delivered(
        supervisor: Client, world: World) -> None:
    issue = make_issue(world, channels=[IssueChannel.EMAIL])
    text = make_issue(world, channels=[IssueChannel.SMS])
    Message.objects.create(
        channel="email", recipient=recipient_for_email(email="v@example.org"),
        template="leaflet-link", body_text="x", idempotency_key="e1", origin="officer",
        about_type="leaflet-issue", about_id=str(issue.pk), status=MessageStatus.SENT.value)
    _message(text, MessageStatus.DELIVERED)
    page = supervisor.get("/portal/dashboard/")
    headline = page.context["headline"]
    assert (headline["delivered"], headline["messages"]) == (1, 1)
    assert (headline["accepted"], headline["emails"]) == (1, 1)
    tables = {item["key"]: item["table"] for item in page.context["tables"]}
    columns = tables["channels"].columns
    email = dict(zip(columns, tables["channels"].rows[2], strict=True))
    assert email["channel"] == "Email"
    assert email["accepted by the mail server"] == 1
    assert email["delivered"] is None
    assert email["delivered rate"] is None
    assert "Emails accepted by the mail server" in page.content.decode()


def test_trend_by_week_beside_the_period_before(supervisor: Client, world: World) -> None:
    today = timezone.localdate()
    start = today - timedelta(days=13)  # two weeks
    for days_ago in (0, 1, 2, 10):
        make_issue(world, now=timezone.now() - timedelta(days=days_ago))
    for days_ago in (15, 16, 25):  # the two weeks before
        make_issue(world, now=timezone.now() - timedelta(days=days_ago))
    summaries.summarise_days(start=today - timedelta(days=30), end=today - timedelta(days=1))
    page = supervisor.get(f"/portal/dashboard/?start={start}&end={today}")
    tables = {item["key"]: item["table"] for item in page.context["tables"]}
    rows = [row[1:4] for row in tables["trend"].rows]
    assert rows == [(1, 1, Rate(0, 1)), (3, 2, Rate(1, 2))]
    comparison = page.context["comparison"]
    assert (comparison["issued"], str(comparison["change"])) == (3, "33%")
    assert comparison["end"] == start - timedelta(days=1)
    assert "period before" in page.content.decode()


def test_timeliness_leaflet_on_the_day_and_referral_within_two_working_days(
        supervisor: Client, world: World) -> None:
    tz = timezone.get_current_timezone()
    friday = timezone.make_aware(datetime(2026, 12, 4, 10), tz)
    for n in range(1, 5):
        CrimeReport.objects.create(organisation=world.force, crime_reference=f"01/00000{n}/26",
                                   reported_at=friday, source="csv",
                                   unit_name=world.north.name, unit=world.north)
    same_day = make_issue(world, crime_reference="01/000001/26", now=friday + timedelta(hours=2))
    make_issue(world, crime_reference="01/000002/26", now=friday + timedelta(days=3))
    on_time = make_referral(world)  # by Tuesday, two working days after Friday
    late = make_referral(world, phone="+447700900124")  # Wednesday
    Referral.objects.filter(pk=on_time.pk).update(crime_reference="01/000001/26",
                                                  created_at=friday + timedelta(days=4))
    Referral.objects.filter(pk=late.pk).update(crime_reference="01/000002/26",
                                               created_at=friday + timedelta(days=5))
    assert same_day.crime_reference
    page = supervisor.get("/portal/dashboard/?start=2026-12-01&end=2026-12-07")
    tables = {item["key"]: item["table"] for item in page.context["tables"]}
    rows = {row[0]: row[1:] for row in tables["timeliness"].rows}
    assert rows["crime reports"] == (4, None)
    assert rows["leaflet on the day of report"] == (1, Rate(1, 4))
    assert rows["leaflet on a later day"] == (1, Rate(1, 4))
    assert rows["no leaflet yet"] == (2, Rate(2, 4))
    assert rows["reports with a referral"] == (2, Rate(2, 4))
    assert rows["referral within 2 working days"] == (1, Rate(1, 2))
    assert rows["referral later"] == (1, Rate(1, 2))


def test_working_days_skip_bank_holidays_of_england_and_wales() -> None:
    assert add_working_days(date(2026, 8, 28), 2) == date(2026, 9, 2)  # August bank holiday
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 30)


def _links(html: str) -> list[str]:
    return [link.replace("&amp;", "&") for link in
            re.findall(r'href="(/portal/dashboard/(?:issues|referrals)/\?[^"]*)"', html)]


def test_every_count_links_to_the_issues_behind_it(supervisor: Client, world: World) -> None:
    failed = make_issue(world, channels=[IssueChannel.SMS], language="pl")
    delivered = make_issue(world, channels=[IssueChannel.SMS])
    LeafletIssue.objects.filter(pk=delivered.pk).update(first_opened_at=timezone.now())
    _message(failed, MessageStatus.UNDELIVERED, "The number is not in service")
    _message(delivered, MessageStatus.DELIVERED)
    make_issue(world, officer=world.other_officer, unit=world.south)  # not theirs
    make_referral(world)
    make_referral(world, phone="+447700900124", officer=world.other_officer, unit=world.south)
    page = supervisor.get("/portal/dashboard/")
    html = page.content.decode()
    links = _links(html)
    assert any("/referrals/?" in link and "status=new" in link for link in links)
    for item in page.context["tables"]:
        for row_cells in item["cells"]:
            for cell, href in row_cells[1:]:
                if item["table"].row_filters and isinstance(cell, int) and cell > 0:
                    assert href, (item["key"], row_cells)
    # Each linked figure lists exactly as many issues as it counts (failures count messages,
    # one per issue here).
    for item in page.context["tables"]:
        for row_cells in item["cells"]:
            for cell, href in row_cells[1:]:
                if href:
                    listed = supervisor.get(href).context["page"].paginator.count
                    assert listed == cell, (item["key"], row_cells[0][0], href)
    not_delivered = supervisor.get(page.context["links"]["not_delivered"])
    assert [row[0].issue.pk for row in not_delivered.context["rows"]] == [failed.pk]
    opened = supervisor.get(page.context["links"]["opened"])
    assert [row[0].issue.pk for row in opened.context["rows"]] == [delivered.pk]


def test_the_list_behind_a_figure_stays_in_the_supervisors_units(supervisor: Client,
                                                                 world: World) -> None:
    make_issue(world)
    theirs = make_issue(world, officer=world.other_officer, unit=world.south)
    page = supervisor.get(f"/portal/dashboard/issues/?units={world.south.pk}"
                          f"&unit={world.south.pk}&officer={world.other_officer.pk}")
    assert page.status_code == 200
    assert theirs.pk not in [row[0].issue.pk for row in page.context["rows"]]
    world_officer = Client()
    world_officer.force_login(world.officer)
    assert world_officer.get("/portal/dashboard/issues/").status_code in (302, 403)
