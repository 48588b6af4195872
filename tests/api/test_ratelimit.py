"""Requests per API key per minute (api.ratelimit on the shared counters): allowed up to the limit
within a clock minute, then 429 problem+json with Retry-After until the next minute."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.test import override_settings

from api.keys import create_key
from api.models import ApiKey
from api.ratelimit import check_rate
from api.scopes import Scope
from organisations.models import Organisation
from ratelimits.models import Counter

MINUTE_START = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
URL = "/api/v1/leaflet-issues"


def _key(force: Organisation) -> ApiKey:
    return create_key(organisation=force, name="System", scopes=[Scope.LEAFLETS_ISSUE]).api_key


def test_the_minutes_limit_then_refusal_with_seconds_to_the_next_minute(force):
    key = _key(force)
    at = [MINUTE_START + timedelta(seconds=s) for s in (0, 20, 45.5)]
    decisions = [check_rate(api_key=key, now=now, limit=2) for now in at]
    assert [(d.allowed, d.remaining) for d in decisions] == [(True, 1), (True, 0), (False, 0)]
    assert decisions[2].retry_after_s == 15  # 14.5 s to 02:01:00, rounded up past the edge
    assert decisions[2].limit == 2
    next_minute = check_rate(api_key=key, now=MINUTE_START + timedelta(minutes=1), limit=2)
    assert (next_minute.allowed, next_minute.remaining, next_minute.retry_after_s) == (True, 1, 61)


def test_each_key_has_its_own_count(force):
    first, second = _key(force), _key(force)
    assert not [check_rate(api_key=first, now=MINUTE_START, limit=1) for _ in range(2)][1].allowed
    assert check_rate(api_key=second, now=MINUTE_START, limit=1).allowed


def test_the_counters_hold_the_key_id_and_only_recent_minutes(force):
    key = _key(force)
    check_rate(api_key=key, now=MINUTE_START, limit=5)
    check_rate(api_key=key, now=MINUTE_START + timedelta(minutes=3), limit=5)
    assert list(Counter.objects.filter(scope="api-key").values_list("key", "count")) == [
        (str(key.pk), 1)]


@override_settings(API_RATE_LIMIT_PER_MINUTE=0)
def test_a_refused_request_is_a_429_problem_with_retry_after(force, client):
    created = create_key(organisation=force, name="System", scopes=list(Scope))
    response = client.post(URL, {"language": "en"}, content_type="application/json",
                           headers={"Authorization": f"Bearer {created.key}"})
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 429
    assert "At most 0 requests a minute per key." in response.json()["detail"]
    assert 1 <= int(response["Retry-After"]) <= 61

