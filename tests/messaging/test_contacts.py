"""Phone numbers and email addresses: clear refusals, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from messaging.contacts import ContactError, parse_email, parse_phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("07700 900123", "+447700900123"),
        ("+44 7911 123456", "+447911123456"),
        ("07911123456", "+447911123456"),
        ("+33 6 12 34 56 78", "+33612345678"),
    ],
)
def test_mobile_numbers_are_accepted_in_e164(raw, expected):
    assert parse_phone(raw, for_sms=True, allow_drama=True) == expected


def test_a_landline_is_refused_for_sms_with_a_clear_message():
    with pytest.raises(ContactError, match="landline"):
        parse_phone("020 7946 0000", for_sms=True, allow_drama=False)
    assert parse_phone("020 7946 0000", for_sms=False, allow_drama=False) == "+442079460000"


def test_the_drama_range_is_refused_unless_allowed():
    with pytest.raises(ContactError, match="not valid"):
        parse_phone("07700 900123", for_sms=True, allow_drama=False)


@pytest.mark.parametrize("raw", ["", "   ", "hello", "12", "+999 123", "0" * 80])
def test_bad_numbers_are_refused_without_echoing_the_input(raw):
    with pytest.raises(ContactError) as error:
        parse_phone(raw, for_sms=True, allow_drama=True)
    assert str(error.value)
    assert raw.strip() == "" or raw not in str(error.value)


def test_email_addresses_are_normalised_and_bad_ones_refused():
    assert parse_email("Victim@Example.ORG") == "Victim@example.org"
    for raw in ["", "no-at-sign", "a@", "@b.org", "a b@c.org", "x" * 300 + "@e.org"]:
        with pytest.raises(ContactError):
            parse_email(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.booleans(), st.booleans())
def test_any_string_gives_a_number_or_a_clear_error(raw, for_sms, allow_drama):
    try:
        result = parse_phone(raw, for_sms=for_sms, allow_drama=allow_drama)
    except ContactError as error:
        result = str(error)
        assert result.endswith(".")
    else:
        assert result.startswith("+")
        assert result[1:].isdigit()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.emails()))
def test_any_string_gives_an_address_or_a_clear_error(raw):
    try:
        result = parse_email(raw)
    except ContactError as error:
        assert str(error).endswith(".")  # noqa: PT017 (hypothesis: either outcome is fine)
    else:
        assert "@" in result
