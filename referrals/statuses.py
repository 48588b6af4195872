"""The choices of the referrals app, with the moves a referral's status may make.

>>> can_move(ReferralStatus.NEW, ReferralStatus.CONTACTED)
True
>>> can_move(ReferralStatus.CLOSED, ReferralStatus.NEW)
False
"""

from __future__ import annotations

from enum import StrEnum


class Via(StrEnum):
    """Who took a needs assessment."""

    ASSISTANT = "assistant"
    OFFICER = "officer"


class ConsentDecision(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class ConsentChannel(StrEnum):
    SMS = "sms"
    WEB_CHAT = "web-chat"
    OFFICER = "officer"
    PORTAL = "portal"


class ReferralSource(StrEnum):
    POLICE = "police"
    SELF = "self"


class ReferralStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in-progress"
    CONTACTED = "contacted"
    UNABLE_TO_CONTACT = "unable-to-contact"
    RETURNED = "returned"  # sent back to the referrer (for example bad contact data)
    CLOSED = "closed"


S = ReferralStatus
ALLOWED: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    S.NEW: frozenset({S.IN_PROGRESS, S.CONTACTED, S.UNABLE_TO_CONTACT, S.RETURNED, S.CLOSED}),
    S.IN_PROGRESS: frozenset({S.CONTACTED, S.UNABLE_TO_CONTACT, S.RETURNED, S.CLOSED}),
    S.CONTACTED: frozenset({S.IN_PROGRESS, S.CLOSED}),
    S.UNABLE_TO_CONTACT: frozenset({S.IN_PROGRESS, S.CONTACTED, S.RETURNED, S.CLOSED}),
    S.RETURNED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}
OPEN = frozenset(status for status in ReferralStatus if status is not S.CLOSED)


def can_move(current: ReferralStatus, new: ReferralStatus) -> bool:
    return new in ALLOWED[current]


class EventKind(StrEnum):
    STATUS = "status"
    NOTE = "note"
    TRANSFER = "transfer"
    CONSENT_WITHDRAWN = "consent-withdrawn"
    ASSIGNED = "assigned"


class ReferralOutcome(StrEnum):
    """What came of a referral, recorded when a caseworker closes it."""

    SUPPORT_ACCEPTED = "support-accepted"
    DECLINED = "declined"
    UNABLE_TO_CONTACT = "unable-to-contact"


class QualityFlag(StrEnum):
    MISSING_NUMBER = "missing-number"
    INVALID_NUMBER = "invalid-number"
    LANDLINE = "landline"
    NO_SAFE_CONTACT = "no-safe-contact"
    INTERPRETER_NEEDED = "interpreter-needed"


class DataRequestKind(StrEnum):
    ERASURE = "erasure"


class DataRequestStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    REFUSED = "refused"
