"""Statuses and channels of a leaflet issue, with the allowed status transitions beside them."""

from __future__ import annotations

from enum import StrEnum


class IssueStatus(StrEnum):
    ISSUED = "issued"
    OPENED = "opened"  # a real browser showed the page at least once ("opened", never "read")


ALLOWED_TRANSITIONS: dict[IssueStatus, frozenset[IssueStatus]] = {
    IssueStatus.ISSUED: frozenset({IssueStatus.OPENED}),
    IssueStatus.OPENED: frozenset(),
}


def can_move(current: IssueStatus, new: IssueStatus) -> bool:
    """Whether a status may move from current to new (it never moves back).

    >>> can_move(IssueStatus.ISSUED, IssueStatus.OPENED)
    True
    >>> can_move(IssueStatus.OPENED, IssueStatus.ISSUED)
    False
    """
    return new in ALLOWED_TRANSITIONS[current]


class IssueChannel(StrEnum):
    QR = "qr"  # shown on the officer's screen
    SMS = "sms"
    EMAIL = "email"
    PRINT = "print"  # written down or printed for the victim
