"""POST /api/v1/crime-reports."""

from __future__ import annotations

from crimes.models import CrimeReport

URL = "/api/v1/crime-reports"


def report(reference: str, **extra: str) -> dict[str, str]:
    return {"crime_reference": reference, "reported_at": "2026-03-01T10:00:00Z", **extra}


def test_a_batch_is_loaded_and_a_second_load_updates(api):
    answer = api.post(URL, {"reports": [report("ab/1/26", unit_name="North"), report("AB/2/26")]})
    assert answer.status == 200
    assert answer.body == {"created": 2, "updated": 0}
    again = api.post(URL, {"reports": [report("AB/1/26", unit_name="South")]})
    assert again.body == {"created": 0, "updated": 1}
    assert CrimeReport.objects.get(crime_reference="AB/1/26").unit_name == "South"


def test_one_bad_row_rejects_the_batch_with_its_index(api):
    answer = api.post(URL, {"reports": [report("AB/1/26"),
                                        {"crime_reference": "AB/2/26", "reported_at": "soon"}]})
    assert answer.status == 422
    assert answer.body["errors"] == [{"field": "/reports/1/reported_at",
                                      "message": answer.body["errors"][0]["message"]}]
    assert CrimeReport.objects.count() == 0


def test_schema_errors_point_into_the_batch(api):
    answer = api.post(URL, {"reports": [report("AB/1/26"), {"reported_at": "2026-03-01"}]})
    assert answer.status == 422
    assert answer.body["errors"][0]["field"] == "/reports/1/crime_reference"


def test_empty_batch_is_refused(api):
    assert api.post(URL, {"reports": []}).status == 422
