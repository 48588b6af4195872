from __future__ import annotations

from referrals.needs import QUESTIONS, Kind, enhanced_rights_reasons
from referrals.statuses import ALLOWED, ReferralStatus


def test_enhanced_rights_reasons() -> None:
    assert enhanced_rights_reasons({}, crime_type="theft") == []
    assert enhanced_rights_reasons(
        {"repeat": "yes", "disability": "yes", "afraid": "no"}, crime_type="hate-crime"
    ) == ["serious-crime", "disability", "persistently-targeted"]


def test_question_set_is_well_formed() -> None:
    keys = [q.key for q in QUESTIONS]
    assert len(keys) == len(set(keys))
    for question in QUESTIONS:
        assert bool(question.options) == (question.kind is Kind.CHOICE)


def test_every_status_has_its_moves() -> None:
    assert set(ALLOWED) == set(ReferralStatus)
    assert ALLOWED[ReferralStatus.CLOSED] == frozenset()
