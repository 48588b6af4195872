"""Provision: the share of crime reports whose victim got a leaflet (matched on reference)."""

from __future__ import annotations

from datetime import date

import pytest

from crimes.services import load_csv, provision, provision_by_unit
from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from organisations.models import Organisation, OrganisationKind

REPORTS = (b"crime_reference,reported_at,unit_name\n"
           b"AB/1/26,2026-03-01T09:00:00,North\n"
           b"AB/2/26,2026-03-01T23:30:00,North\n"
           b"AB/3/26,2026-03-02T12:00:00,South\n"
           b"AB/4/26,2026-03-05T12:00:00,South\n")


@pytest.fixture(autouse=True)
def _reports(force):
    load_csv(organisation=force, data=REPORTS)


def give(force: Organisation, reference: str) -> None:
    issue_leaflet(language="en", channels=[IssueChannel.QR], organisation=force,
                  crime_reference=reference)


def test_share_of_reports_with_a_leaflet(force):
    give(force, "AB/1/26")
    give(force, "AB/3/26")
    give(force, "AB/3/26")  # two leaflets for one crime count once
    result = provision(organisation=force, start=date(2026, 3, 1), end=date(2026, 3, 2))
    assert (result.reports, result.with_leaflet) == (3, 2)
    assert result.share == pytest.approx(2 / 3)


def test_a_leaflet_of_another_force_does_not_count(force):
    other = Organisation.objects.create(slug="o", name="Other", kind=OrganisationKind.FORCE)
    give(other, "AB/1/26")
    result = provision(organisation=force, start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert result.with_leaflet == 0


def test_by_unit_and_for_some_units(force):
    give(force, "AB/2/26")
    rows = provision_by_unit(organisation=force, start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert [(r.unit_name, r.reports, r.with_leaflet) for r in rows] == [("North", 2, 1),
                                                                      ("South", 2, 0)]
    south = provision(organisation=force, start=date(2026, 3, 1), end=date(2026, 3, 31),
                      unit_names=["South"])
    assert (south.reports, south.with_leaflet) == (2, 0)


def test_days_are_uk_days_and_the_end_day_is_included(force):
    # 23:30 on 1 March UK time (GMT in March) is still 1 March
    result = provision(organisation=force, start=date(2026, 3, 1), end=date(2026, 3, 1))
    assert result.reports == 2


def test_no_reports_means_no_share_rather_than_zero(force):
    result = provision(organisation=force, start=date(2025, 1, 1), end=date(2025, 1, 31))
    assert result.reports == 0
    assert result.share is None


def test_a_period_ending_before_it_starts_is_an_error(force):
    with pytest.raises(ValueError, match="ends before"):
        provision(organisation=force, start=date(2026, 3, 2), end=date(2026, 3, 1))


def test_reports_are_linked_to_the_forces_units_by_name(db):
    from organisations.models import Unit

    force = Organisation.objects.create(slug="g", name="G", kind=OrganisationKind.FORCE)
    north = Unit.objects.create(organisation=force, name="North")
    load_csv(organisation=force, data=REPORTS.replace(b"North", b"NORTH"))
    give(force, "AB/1/26")
    result = provision(organisation=force, start=date(2026, 3, 1), end=date(2026, 3, 31),
                       units=[north])
    assert (result.reports, result.with_leaflet) == (2, 1)


def test_a_leaflet_issued_long_before_the_period_is_not_counted(force):
    from datetime import datetime

    from django.utils import timezone

    issue_leaflet(language="en", channels=[IssueChannel.QR], organisation=force,
                  crime_reference="AB/1/26", now=timezone.make_aware(datetime(2025, 12, 1)))
    result = provision(organisation=force, start=date(2026, 3, 1), end=date(2026, 3, 1))
    assert result.with_leaflet == 0
