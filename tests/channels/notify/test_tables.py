"""Consistency: every status Notify documents for texts and emails is mapped, and every status
the emulator can give is one of them."""

from __future__ import annotations

from channels.notify.tables import MEANINGS, STATUSES, api_error_rule
from emulators.notify.control import STATUSES as EMULATOR_STATUSES
from emulators.notify.simulated import FAILING
from messaging.results import Retry
from messaging.statuses import FINAL, MessageStatus

# From Notify's API documentation: the statuses of a text message and of an email.
DOCUMENTED = {"created", "sending", "pending", "sent", "delivered", "permanent-failure",
              "temporary-failure", "technical-failure"}


def test_every_documented_status_is_mapped() -> None:
    assert set(STATUSES) == DOCUMENTED


def test_every_failure_has_a_meaning_for_staff() -> None:
    failing = (FINAL - {MessageStatus.DELIVERED}) | {MessageStatus.TEMPORARY_FAILURE}
    failures = {name for name, ours in STATUSES.items() if ours in failing}
    assert failures == set(MEANINGS)


def test_the_emulator_gives_only_documented_statuses() -> None:
    assert EMULATOR_STATUSES <= DOCUMENTED
    assert set(FAILING.values()) <= DOCUMENTED


def test_errors_map_to_retry_classes() -> None:
    assert api_error_rule(429, "RateLimitError", "").retry is Retry.YES
    assert api_error_rule(500, "Exception", "").retry is Retry.YES
    assert api_error_rule(503, "", "").retry is Retry.YES
    assert api_error_rule(403, "AuthError", "").retry is Retry.NO
    assert api_error_rule(400, "ValidationError", "phone_number Not a UK mobile number").status \
        is MessageStatus.PERMANENT_FAILURE
    assert api_error_rule(400, "BadRequestError", "Template not found").retry is Retry.NO
