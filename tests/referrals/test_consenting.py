"""Consent, then referral, as one act for the officer at the scene and the assistant alike."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from messaging.models import Recipient
from organisations.models import Organisation
from referrals.consent import CURRENT_VERSION
from referrals.consenting import PoliceCase, decide_referral
from referrals.models import ConsentRecord, Referral
from referrals.statuses import ConsentChannel, ConsentDecision, ReferralSource

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]


def test_a_given_consent_refers_the_victim_with_the_police_case(victim: Recipient,
                                                                service: Organisation) -> None:
    decided = decide_referral(
        recipient=victim, decision=ConsentDecision.GIVEN, language="pl",
        channel=ConsentChannel.SMS, evidence={"reply": "ZGODA"}, service=service,
        police_case=PoliceCase(crime_reference="42/1234/26", crime_type="burglary"))
    assert decided.consent.wording_version == CURRENT_VERSION
    assert decided.referral is not None
    assert decided.referral.source == ReferralSource.POLICE.value
    assert decided.referral.crime_reference == "42/1234/26"


def test_without_a_police_case_the_victim_referred_themselves(victim: Recipient,
                                                              service: Organisation) -> None:
    decided = decide_referral(recipient=victim, decision=ConsentDecision.GIVEN, language="pl",
                              channel=ConsentChannel.SMS, evidence={}, service=service)
    assert decided.referral is not None
    assert decided.referral.source == ReferralSource.SELF.value
    assert decided.referral.crime_reference == ""


def test_a_refusal_or_no_service_is_recorded_and_refers_nobody(victim: Recipient,
                                                               service: Organisation) -> None:
    refused = decide_referral(recipient=victim, decision=ConsentDecision.REFUSED, language="pl",
                              channel=ConsentChannel.SMS, evidence={}, service=service)
    no_service = decide_referral(recipient=victim, decision=ConsentDecision.GIVEN,
                                 language="pl", channel=ConsentChannel.SMS, evidence={},
                                 service=None)
    assert refused.referral is None
    assert no_service.referral is None
    assert ConsentRecord.objects.filter(recipient=victim).count() == 2
    assert not Referral.objects.exists()


@pytest.mark.parametrize("path", ["portal", "api", "chat", "actions"])
def test_no_entry_point_records_consent_or_refers_by_itself(path: str) -> None:
    callers = []
    for source in (REPO / path).rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                if name in {"record_consent", "create_referral"}:
                    callers.append(f"{source.relative_to(REPO)}:{node.lineno}")
    assert callers == []
