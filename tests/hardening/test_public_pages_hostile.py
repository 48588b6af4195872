"""Leaflet pages, the short link, its beacon and /healthz under hostile input; link-token guessing
is rate-limited and logged without revealing which tokens exist."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from leaflets.tokens import new_token
from tests.hardening.hostile import NASTY, path_segments, snapshot, url_segment

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
PAGES = ["/leaflet/{}/", "/leaflet/{}/large-print/", "/leaflet/{}/text/", "/leaflet/{}/safety/",
         "/leaflet/qr.{}", "/l/{}", "/l/{}/languages"]


@pytest.fixture
def no_guessing_limit(settings):
    settings.LEAFLET_LINK_FAILURES_PER_WINDOW = 1_000_000
    return settings


@FUZZ
@given(segment=path_segments, lang=st.one_of(st.sampled_from(NASTY), st.text(max_size=20)))
def test_public_pages_never_fail_with_500(client, no_guessing_limit, segment, lang):
    before = snapshot()
    for page in PAGES:
        answer = client.get(page.format(url_segment(segment)), {"lang": lang})
        assert answer.status_code in (200, 301, 302, 404), (page, answer.status_code)
    assert snapshot() == before


@FUZZ
@given(token=path_segments, view=st.one_of(st.sampled_from(NASTY), st.text(max_size=200)),
       agent=st.one_of(st.sampled_from(NASTY), st.text(max_size=100)))
def test_the_beacon_always_answers_204_and_forged_views_record_nothing(client, token, view,
                                                                      agent):
    issued = issue_leaflet(language="en", channels=[IssueChannel.QR])
    before = snapshot()
    for target in (url_segment(token), issued.token):
        answer = client.post(f"/l/{target}/opened", {"v": view, "lang": "en"},
                             HTTP_USER_AGENT=agent)
        assert answer.status_code in (204, 404)  # 404: no such route (e.g. an empty token)
    real = client.post(f"/l/{issued.token}/opened", {"v": view}, HTTP_USER_AGENT=agent)
    assert real.status_code == 204
    assert snapshot() == before


def test_healthz_refuses_other_methods_and_ignores_queries(client, settings):
    settings.HEALTH_PROBE_TIMEOUT = 0.2
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/healthz").status_code == 405
    answer = client.get("/healthz", {"x": "<script>", "y": "' OR 1=1"})
    assert answer.status_code in (200, 503)
    assert answer["Content-Type"] == "application/json"
    assert b"<script>" not in answer.content


def test_unknown_and_expired_tokens_get_the_same_answer(client):
    expired = issue_leaflet(language="en", channels=[IssueChannel.SMS],
                            now=timezone.now() - timedelta(days=400)).token
    unknown = client.get(f"/l/{new_token()}")
    old = client.get(f"/l/{expired}")
    malformed = client.get("/l/not-a-token")
    assert unknown.status_code == old.status_code == malformed.status_code == 404
    assert len(unknown.content) == len(old.content)


def test_guessing_tokens_is_rate_limited_and_logged_without_tokens(client, settings, caplog):
    settings.LEAFLET_LINK_FAILURES_PER_WINDOW = 5
    caplog.set_level(logging.INFO)
    real = issue_leaflet(language="en", channels=[IssueChannel.SMS]).token
    assert client.get(f"/l/{real}").status_code == 200  # a real link does not count
    guesses = [new_token() for _ in range(5)]
    assert [client.get(f"/l/{g}").status_code for g in guesses] == [404] * 5
    # Over the limit: the same 429 for unknown tokens and for the real one.
    blocked_unknown = client.get(f"/l/{new_token()}")
    blocked_real = client.get(f"/l/{real}")
    blocked_languages = client.get(f"/l/{real}/languages")
    assert blocked_unknown.status_code == blocked_real.status_code == 429
    assert blocked_languages.status_code == 429
    assert blocked_unknown.content == blocked_real.content
    assert blocked_real["Retry-After"] == str(settings.LEAFLET_LINK_FAILURE_WINDOW_S)
    # Another client (another address) is not affected.
    assert client.get(f"/l/{real}", REMOTE_ADDR="192.0.2.7").status_code == 200

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "reached 5 unknown tokens" in logged
    for token in [real, *guesses]:
        assert token not in logged
    assert "127.0.0.1" not in logged


def test_the_window_passing_lifts_the_limit(client, settings):
    from ratelimits.models import Counter

    settings.LEAFLET_LINK_FAILURES_PER_WINDOW = 2
    for _ in range(2):
        client.get(f"/l/{new_token()}")
    assert client.get(f"/l/{new_token()}").status_code == 429
    # The failures move one window (and the second they were counted in) into the past.
    window = timedelta(seconds=settings.LEAFLET_LINK_FAILURE_WINDOW_S + 1)
    moved = Counter.objects.filter(scope="link-client").update(
        bucket_start=F("bucket_start") - window)
    assert moved >= 1
    assert client.get(f"/l/{new_token()}").status_code == 404
