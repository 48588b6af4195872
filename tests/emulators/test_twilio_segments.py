"""Segment counting (GSM-7 and UCS-2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emulators.twilio.segments import (
    GSM7_BASIC,
    Encoding,
    count_segments,
    encoding_for,
)

gsm_basic_text = st.text(alphabet=sorted(GSM7_BASIC), min_size=1, max_size=800)


@pytest.mark.parametrize(
    ("body", "segments"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("{" * 80, 1),  # extension characters take two septets
        ("{" * 81, 2),
        ("a" + "{" * 76 + "a", 1),
        ("ش" * 70, 1),
        ("ش" * 71, 2),
        ("ش" * 134, 2),
        ("ش" * 135, 3),
        ("😀" * 35, 1),  # astral characters are two UTF-16 units
        ("😀" * 36, 2),
        ("", 0),
    ],
)
def test_known_lengths(body, segments):
    assert count_segments(body) == segments


def test_one_non_gsm_character_makes_the_message_ucs2():
    assert encoding_for("Hello") is Encoding.GSM7
    assert encoding_for("Hello ł") is Encoding.UCS2
    assert count_segments("a" * 69 + "ł") == 1
    assert count_segments("a" * 70 + "ł") == 2


@given(gsm_basic_text)
def test_gsm_basic_text_matches_the_formula(body):
    expected = 1 if len(body) <= 160 else -(-len(body) // 153)
    assert count_segments(body) == expected


def test_an_escape_pair_is_never_split_across_segments():
    # 306 septets would fit two parts, but the pair cannot straddle the first boundary.
    assert count_segments("a" * 152 + "{" + "a" * 152) == 3
    assert count_segments("a" * 151 + "{" + "a" * 153) == 2


def test_a_surrogate_pair_is_never_split_across_segments():
    assert count_segments("ش" * 66 + "😀" + "ش" * 66) == 3
