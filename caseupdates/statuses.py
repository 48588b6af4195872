"""How a victim's update moves, what they asked to hear, and why an officer must call instead.

>>> can_move(UpdateStatus.PENDING, UpdateStatus.TEXTED)
True
>>> can_move(UpdateStatus.GIVEN_BY_PHONE, UpdateStatus.CALL_NEEDED)
False
"""

from __future__ import annotations

from enum import StrEnum


class UpdateFrequency(StrEnum):
    EVERY = "every"  # every decision
    MAJOR = "major"  # only major decisions
    NONE = "none"  # no updates


class UpdateStatus(StrEnum):
    PENDING = "pending"  # recorded, not yet decided how it reaches the victim
    TEXTED = "texted"  # handed to the gateway (SMS or email)
    CALL_NEEDED = "call-needed"  # an officer's task: give it by phone
    GIVEN_BY_PHONE = "given-by-phone"  # an officer recorded giving it
    NOT_WANTED = "not-wanted"  # the victim's chosen frequency leaves it out


class CallReason(StrEnum):
    NOT_SAFE_TO_TEXT = "not-safe-to-text"
    SHARED_WITH_SUSPECT = "number-shared-with-suspect"
    CONTACT_BY_PHONE = "asked-to-be-called"
    OPTED_OUT = "opted-out-of-texts"
    NO_CONTACT = "no-contact-details"
    SEND_FAILED = "text-not-delivered"


U = UpdateStatus
ALLOWED: dict[UpdateStatus, frozenset[UpdateStatus]] = {
    U.PENDING: frozenset({U.TEXTED, U.CALL_NEEDED, U.NOT_WANTED, U.GIVEN_BY_PHONE}),
    U.TEXTED: frozenset({U.CALL_NEEDED, U.GIVEN_BY_PHONE}),
    U.CALL_NEEDED: frozenset({U.GIVEN_BY_PHONE}),
    U.GIVEN_BY_PHONE: frozenset(),
    U.NOT_WANTED: frozenset(),
}
# An officer still owes the victim this update.
OPEN = frozenset({U.PENDING, U.CALL_NEEDED})
# The victim was told (or chose not to be): the update counts as given for compliance.
GIVEN = frozenset({U.TEXTED, U.GIVEN_BY_PHONE, U.NOT_WANTED})


def can_move(current: UpdateStatus, new: UpdateStatus) -> bool:
    return new in ALLOWED[current]
