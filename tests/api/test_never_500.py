"""Whatever JSON a client sends, the API answers with a documented status, never a 500."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaflets.models import LeafletIssue

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=8,
)
issue_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({}, optional={
        "language": st.one_of(st.sampled_from(["en", "pl", "xx", ""]), json_values),
        "phone": st.one_of(st.text(max_size=70), json_values),
        "email": st.one_of(st.text(max_size=30), json_values),
        "crime_reference": st.one_of(st.text(max_size=70), json_values),
    }),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=issue_bodies)
def test_any_issue_body_gets_a_documented_answer(api, body):
    # the contract client checks the answer against the document
    answer = api.post("/api/v1/leaflet-issues", raw=json.dumps(body).encode())
    assert answer.status in (201, 422)
    if answer.status == 422:
        assert answer.body["errors"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.fixed_dictionaries({"reports": st.lists(json_values, max_size=3)}))
def test_any_crime_report_batch_gets_a_documented_answer(api, body):
    answer = api.post("/api/v1/crime-reports", raw=json.dumps(body).encode())
    assert answer.status in (200, 422)


def test_no_issue_was_left_by_rejected_bodies(api):
    api.post("/api/v1/leaflet-issues", {"language": "en", "phone": "123"})
    assert LeafletIssue.objects.count() == 0
