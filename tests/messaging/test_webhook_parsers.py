"""Arbitrary input at the webhooks: 400 or 403 with a clear message, never a crash or a 500."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from channels.email.dsn import parse_bounce, parse_reply
from channels.email.webhooks import signature
from channels.twilio.payloads import PayloadError, parse_inbound, parse_status

pytestmark = pytest.mark.django_db
TOKEN = "dev-auth-token"
BASE = "http://gateway.test"
FIELDS = st.dictionaries(
    st.sampled_from(["MessageSid", "MessageStatus", "ErrorCode", "From", "Body", "SmsSid", "To"]),
    st.text(max_size=60),
    max_size=6,
)
NO_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@given(FIELDS)
def test_status_parser_gives_a_value_or_a_clear_error(params):
    try:
        parse_status(params)
    except PayloadError as error:
        assert str(error)  # noqa: PT017 (hypothesis: either outcome is fine)


@given(FIELDS)
def test_inbound_parser_gives_a_value_or_a_clear_error(params):
    try:
        parse_inbound(params)
    except PayloadError as error:
        assert str(error)  # noqa: PT017 (hypothesis: either outcome is fine)


def _signed_post(client: Any, path: str, params: dict[str, str]) -> Any:
    sig = RequestValidator(TOKEN).compute_signature(BASE + path, params)
    return client.post(path, params, HTTP_X_TWILIO_SIGNATURE=sig)


@settings(max_examples=60, deadline=None, suppress_health_check=NO_HEALTH)
@given(FIELDS)
def test_signed_garbage_at_the_status_webhook_is_never_a_500(client, settings_for_twilio,
                                                               params):
    clean = {k: v.replace("\x00", "") for k, v in params.items()}
    answer = _signed_post(client, f"/webhooks/twilio/status/{uuid.uuid4()}", clean)
    assert answer.status_code in (400, 404)
    assert answer.content


@settings(max_examples=60, deadline=None, suppress_health_check=NO_HEALTH)
@given(FIELDS)
def test_signed_garbage_at_the_inbound_webhook_is_never_a_500(client, settings_for_twilio,
                                                                fake_queue, params):
    clean = {k: v.replace("\x00", "") for k, v in params.items()}
    answer = _signed_post(client, "/webhooks/twilio/sms", clean)
    assert answer.status_code in (200, 400)


@settings(max_examples=60, deadline=None, suppress_health_check=NO_HEALTH)
@given(FIELDS, st.text(max_size=40))
def test_unsigned_garbage_is_refused_with_403(client, settings_for_twilio, params, sig):
    clean = {k: v.replace("\x00", "") for k, v in params.items()}
    answer = client.post("/webhooks/twilio/sms", clean,
                         HTTP_X_TWILIO_SIGNATURE=sig.encode("ascii", "ignore").decode())
    assert answer.status_code == 403


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_parse_as_a_bounce_or_a_reply_without_crashing(raw):
    if parse_bounce(raw) is None:
        assert parse_reply(raw).provider_id


@settings(max_examples=60, deadline=None, suppress_health_check=NO_HEALTH)
@given(st.binary(max_size=2000))
def test_signed_garbage_mail_is_never_a_500(client, settings_for_twilio, raw):
    answer = client.generic("POST", "/webhooks/email/inbound", raw,
                            content_type="message/rfc822",
                            HTTP_X_SIGNPOST_SIGNATURE=signature("s3cret", raw))
    assert answer.status_code == 204


@pytest.fixture
def settings_for_twilio(settings):
    settings.PUBLIC_BASE_URL = BASE
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.SIGNPOST_INBOUND_EMAIL_SECRET = "s3cret"
    settings.SIGNPOST_ALLOW_DRAMA_NUMBERS = True
    return settings
