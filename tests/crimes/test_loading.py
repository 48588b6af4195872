"""Loading crime reports from a CSV upload: per-row errors, nothing stored from a bad file."""

from __future__ import annotations

import pytest

from crimes.models import CrimeReport
from crimes.services import ReportsRejected, load_batch, load_csv
from organisations.models import Organisation, OrganisationKind

GOOD = (b"crime_reference,reported_at,unit,crime_type\r\n"
        b"ab/1/26,2026-03-01T10:00:00Z,North,Burglary\r\n"
        b"AB/2/26,2026-03-02,South,\r\n")


def test_a_good_file_is_loaded_with_normalised_references(force):
    result = load_csv(organisation=force, data=GOOD)
    assert (result.created, result.updated) == (2, 0)
    first = CrimeReport.objects.get(crime_reference="AB/1/26")
    assert (first.unit_name, first.crime_type, first.source) == ("North", "Burglary", "csv")
    # a date without a time is midnight UK time
    second = CrimeReport.objects.get(crime_reference="AB/2/26")
    assert second.reported_at.isoformat() == "2026-03-02T00:00:00+00:00"


def test_loading_again_updates_instead_of_duplicating(force):
    load_csv(organisation=force, data=GOOD)
    result = load_csv(organisation=force, data=GOOD.replace(b"North", b"East"))
    assert (result.created, result.updated) == (0, 2)
    assert CrimeReport.objects.get(crime_reference="AB/1/26").unit_name == "East"


def test_bad_rows_are_listed_by_line_and_nothing_is_stored(force):
    data = (b"crime_reference,reported_at\n"
            b"AB/1/26,2026-03-01\n"
            b",2026-03-01\n"
            b"AB/3/26,last tuesday\n"
            b"AB/1/26,2026-03-04\n"
            b"AB/5/26,2999-01-01\n")
    with pytest.raises(ReportsRejected) as rejected:
        load_csv(organisation=force, data=data)
    found = [(error.row, error.field) for error in rejected.value.errors]
    assert found == [(3, "crime_reference"), (4, "reported_at"), (5, "crime_reference"),
                     (6, "reported_at")]
    assert CrimeReport.objects.count() == 0


@pytest.mark.parametrize(("data", "problem"), [
    (b"", "empty"),
    (b"ref,when\n", "missing crime_reference, reported_at"),
    ("crime_reference,reported_at\nAB/1,2026-03-01\n".encode("utf-16"), "UTF-8"),
    (b"crime_reference,reported_at\n", "no reports"),
])
def test_a_bad_file_is_refused_as_a_whole(force, data, problem):
    with pytest.raises(ReportsRejected) as rejected:
        load_csv(organisation=force, data=data)
    assert problem in rejected.value.problem
    assert CrimeReport.objects.count() == 0


def test_a_support_service_cannot_load_reports(db):
    service = Organisation.objects.create(slug="s", name="Service",
                                          kind=OrganisationKind.SUPPORT_SERVICE)
    with pytest.raises(ReportsRejected):
        load_csv(organisation=service, data=GOOD)


def test_an_oversized_batch_is_refused(force):
    rows = [{"crime_reference": f"R{i}", "reported_at": "2026-03-01"} for i in range(1001)]
    with pytest.raises(ReportsRejected, match="At most"):
        load_batch(organisation=force, rows=rows)


def test_references_must_match_the_forces_format(force):
    force.crime_reference_pattern = r"AB/\d+/26"
    force.save()
    data = b"crime_reference,reported_at\nAB/1/26,2026-03-01\nXY/2/26,2026-03-01\n"
    with pytest.raises(ReportsRejected) as rejected:
        load_csv(organisation=force, data=data)
    assert [(e.row, e.field) for e in rejected.value.errors] == [(3, "crime_reference")]
