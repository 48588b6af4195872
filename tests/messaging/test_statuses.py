"""Consistency: every status has its moves, every provider status is mapped, nothing goes back."""

from __future__ import annotations

from channels.email.dsn import ACTIONS
from channels.twilio.tables import ERRORS, STATUSES, status_for
from messaging.statuses import (
    ALLOWED,
    FINAL,
    INBOUND_ALLOWED,
    USUAL_PREVIOUS,
    InboundStatus,
    MessageStatus,
    can_move,
)

TWILIO_STATUSES = {"accepted", "scheduled", "queued", "sending", "sent", "delivered",
                   "undelivered", "failed", "canceled", "read"}
ORDER = [MessageStatus.CREATED, MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.SENT]


def test_every_status_has_its_allowed_moves():
    assert set(ALLOWED) == set(MessageStatus)
    assert set(INBOUND_ALLOWED) == set(InboundStatus)


def test_final_statuses_go_nowhere_and_delivered_is_final():
    assert MessageStatus.DELIVERED in FINAL
    assert all(not ALLOWED[status] for status in FINAL)


def test_no_move_goes_back_except_the_retry_step():
    for later_index, later in enumerate(ORDER):
        for earlier in ORDER[:later_index]:
            if (later, earlier) != (MessageStatus.SENDING, MessageStatus.QUEUED):
                assert earlier not in ALLOWED[later]
    for final in FINAL:
        assert not ALLOWED[final]


def test_every_usual_previous_status_is_an_allowed_move_to_a_provider_reported_one():
    reported = {status_for(status, None) for status in TWILIO_STATUSES} - {MessageStatus.SENDING}
    assert reported <= set(USUAL_PREVIOUS)
    for new, usual in USUAL_PREVIOUS.items():
        assert can_move(usual, new), (usual, new)


def test_every_twilio_status_is_mapped():
    assert set(STATUSES) == TWILIO_STATUSES
    for status in TWILIO_STATUSES:
        assert status_for(status, None) is not None


def test_every_error_code_maps_to_a_failure_status():
    failures = set(MessageStatus) - {MessageStatus.CREATED, MessageStatus.QUEUED,
                                     MessageStatus.SENDING, MessageStatus.SENT,
                                     MessageStatus.DELIVERED}
    for code, rule in ERRORS.items():
        assert rule.status in failures, code
        assert rule.meaning


def test_error_21610_is_an_opt_out():
    assert ERRORS[21610].opted_out
    assert status_for("failed", 21610) == MessageStatus.PERMANENT_FAILURE


def test_every_dsn_action_maps():
    assert set(ACTIONS) == {"failed", "delayed", "delivered"}
