from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from audit.models import AuditEvent
from messaging.models import Recipient
from organisations.models import Organisation
from referrals import services
from referrals.consent import CURRENT_VERSION
from referrals.models import AppendOnlyError, ConsentRecord, ReferralEvent
from referrals.statuses import (
    ConsentChannel,
    ConsentDecision,
    DataRequestStatus,
    ReferralSource,
    ReferralStatus,
    Via,
)

pytestmark = pytest.mark.django_db


def _consent(victim: Recipient, decision: ConsentDecision = ConsentDecision.GIVEN) -> ConsentRecord:
    return services.record_consent(
        recipient=victim, decision=decision, wording_version=CURRENT_VERSION, language="pl",
        channel=ConsentChannel.SMS, evidence={"statement": "…", "reply": "tak"})


def test_referral_needs_given_consent(victim: Recipient, service: Organisation) -> None:
    with pytest.raises(services.ConsentMissing):
        services.create_referral(recipient=victim, target=service, source=ReferralSource.POLICE,
                                 language="pl")
    _consent(victim, ConsentDecision.REFUSED)
    with pytest.raises(services.ConsentMissing):
        services.create_referral(recipient=victim, target=service, source=ReferralSource.POLICE,
                                 language="pl")
    consent = _consent(victim)
    referral = services.create_referral(recipient=victim, target=service,
                                        source=ReferralSource.POLICE, language="pl")
    assert referral.consent == consent
    assert referral.reference.startswith("R-")
    assert referral.status == ReferralStatus.NEW
    # One mobile number and no answer saying it is unsafe: that number is a safe contact.
    assert referral.data_quality_flags == []
    assert referral.events.count() == 1


def test_referral_only_to_a_support_service(victim: Recipient, force: Organisation) -> None:
    _consent(victim)
    with pytest.raises(ValueError, match="support services"):
        services.create_referral(recipient=victim, target=force, source=ReferralSource.POLICE,
                                 language="pl")


def test_needs_snapshot_and_enhanced_rights(victim: Recipient, service: Organisation) -> None:
    safe = Recipient.objects.create(phone="+447700900456")
    needs = services.record_needs(
        recipient=victim, answers={"afraid": "yes", "interpreter": "yes", "bogus": "x",
                                   "safe_times": "after 6pm"},
        language="pl", via=Via.ASSISTANT, completed=True, safe_recipient=safe,
        crime_type="burglary")
    assert needs.answers == {"afraid": "yes", "interpreter": "yes", "safe_times": "after 6pm",
                             "safe_number": "given"}
    assert needs.enhanced_rights_reasons == ["intimidated"]
    _consent(victim)
    referral = services.create_referral(recipient=victim, target=service,
                                        source=ReferralSource.POLICE, language="pl", needs=needs)
    assert referral.enhanced_rights
    assert referral.safe_recipient == safe
    assert referral.interpreter_needed
    assert referral.data_quality_flags == ["interpreter-needed"]
    assert referral.needs_snapshot["answers"]["afraid"] == "yes"
    # Later changes to the assessment do not change what the service received.
    services.record_needs(recipient=victim, answers={"afraid": "no"}, language="pl",
                          via=Via.ASSISTANT, completed=True, assessment=needs)
    referral.refresh_from_db()
    assert referral.needs_snapshot["answers"]["afraid"] == "yes"


def test_answers_never_keep_contact_details(victim: Recipient) -> None:
    needs = services.record_needs(
        recipient=victim, answers={"safe_times": "ring me on 07700 900123",
                                   "safe_number": "07700900123"},
        language="en", via=Via.ASSISTANT, completed=False)
    assert "0770" not in str(needs.answers)
    assert "safe_number" not in needs.answers


@pytest.mark.parametrize(("phone", "flag"), [
    ("", "missing-number"), ("+442079460000", "landline"), ("+4412", "invalid-number")])
def test_quality_flags_for_bad_numbers(service: Organisation, phone: str, flag: str) -> None:
    victim = Recipient.objects.create(phone=phone, email="" if phone else "a@example.org")
    _consent(victim)
    referral = services.self_referral(recipient=victim, language="en")
    assert flag in referral.data_quality_flags
    assert referral.source == ReferralSource.SELF
    assert referral.target == service


def test_consent_records_are_append_only(victim: Recipient) -> None:
    record = _consent(victim)
    record.decision = ConsentDecision.REFUSED
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.filter(pk=record.pk).update(decision="refused")


def test_unknown_wording_is_refused(victim: Recipient) -> None:
    with pytest.raises(ValueError, match="wording"):
        services.record_consent(recipient=victim, decision=ConsentDecision.GIVEN,
                                wording_version="made-up", language="en",
                                channel=ConsentChannel.SMS)


def test_withdrawing_consent_closes_open_referrals(victim: Recipient,
                                                   service: Organisation) -> None:
    _consent(victim)
    referral = services.create_referral(recipient=victim, target=service,
                                        source=ReferralSource.POLICE, language="pl")
    record = services.withdraw_consent(recipient=victim, language="pl",
                                       channel=ConsentChannel.SMS)
    assert record.decision == ConsentDecision.WITHDRAWN
    assert services.current_consent(recipient=victim) == record
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED
    last = ReferralEvent.objects.filter(referral=referral).last()
    assert last is not None
    assert last.kind == "consent-withdrawn"
    with pytest.raises(services.ConsentMissing):
        services.create_referral(recipient=victim, target=service,
                                 source=ReferralSource.POLICE, language="pl")


def test_status_moves_only_along_allowed_paths(victim: Recipient, service: Organisation) -> None:
    user = User.objects.create(username="caseworker")
    _consent(victim)
    referral = services.create_referral(recipient=victim, target=service,
                                        source=ReferralSource.POLICE, language="pl")
    referral = services.change_referral_status(referral=referral, to=ReferralStatus.CONTACTED,
                                               by=user, reason="spoke to them")
    assert referral.status == ReferralStatus.CONTACTED
    referral = services.change_referral_status(referral=referral, to=ReferralStatus.CLOSED,
                                               by=user)
    with pytest.raises(services.InvalidTransition):
        services.change_referral_status(referral=referral, to=ReferralStatus.NEW, by=user)
    services.add_note(referral=referral, by=user, text="Closed after support given.")
    assert [e.kind for e in referral.events.all()] == ["status", "status", "status", "note"]


def test_erasure_request_is_not_duplicated(victim: Recipient) -> None:
    first = services.request_erasure(recipient=victim, channel=ConsentChannel.SMS)
    assert services.request_erasure(recipient=victim, channel=ConsentChannel.SMS) == first
    user = User.objects.create(username="admin")
    services.close_data_request(request=first, by=user, status=DataRequestStatus.COMPLETED)
    with pytest.raises(services.InvalidTransition):
        services.close_data_request(request=first, by=user, status=DataRequestStatus.REFUSED)
    assert services.request_erasure(recipient=victim, channel=ConsentChannel.SMS) != first


def test_every_change_is_audited_without_personal_data(victim: Recipient,
                                                       service: Organisation) -> None:
    _consent(victim)
    services.create_referral(recipient=victim, target=service, source=ReferralSource.POLICE,
                             language="pl")
    events = list(AuditEvent.objects.all())
    assert [e.action for e in events] == ["consent", "create"]
    assert all("0770" not in str(e.detail) + e.reason for e in events)
