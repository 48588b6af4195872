"""The key decisions of an investigation a victim must be told of (Victims' Code, Right 6).

>>> EventKind("bail-conditions-changed").is_major, EventKind.INTERVIEWED.is_major
(True, False)
>>> EventKind.RELEASED_UNDER_INVESTIGATION.is_about_release
True
"""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    ARRESTED = "arrested"
    INTERVIEWED = "interviewed-under-caution"
    RELEASED_NO_CHARGE = "released-without-charge"
    RELEASED_UNDER_INVESTIGATION = "released-under-investigation"
    BAILED = "bailed"
    BAIL_CONDITIONS_CHANGED = "bail-conditions-changed"
    CHARGED = "charged"
    NO_FURTHER_ACTION = "no-further-action"
    OUT_OF_COURT_DISPOSAL = "out-of-court-disposal"
    COURT_DATE_SET = "court-date-set"

    @property
    def is_major(self) -> bool:
        """Told even to victims who asked for "only major decisions"."""
        return self not in _MINOR

    @property
    def is_about_release(self) -> bool:
        """About the suspect being free: never sent to a number shared with the suspect."""
        return self in _RELEASE


# Steps on the way to a decision rather than the decision itself.
_MINOR = frozenset({EventKind.INTERVIEWED, EventKind.COURT_DATE_SET})
_RELEASE = frozenset({
    EventKind.RELEASED_NO_CHARGE, EventKind.RELEASED_UNDER_INVESTIGATION, EventKind.BAILED,
    EventKind.BAIL_CONDITIONS_CHANGED, EventKind.NO_FURTHER_ACTION,
    EventKind.OUT_OF_COURT_DISPOSAL,
})

# The wording of Right 6 each kind answers to (shown to officers and in the API document).
RIGHT_6: dict[EventKind, str] = {
    EventKind.ARRESTED: "a suspect is arrested",
    EventKind.INTERVIEWED: "a suspect is interviewed under caution",
    EventKind.RELEASED_NO_CHARGE: "a suspect is released without charge",
    EventKind.RELEASED_UNDER_INVESTIGATION: "a suspect is released under investigation",
    EventKind.BAILED: "a suspect is released on police bail",
    EventKind.BAIL_CONDITIONS_CHANGED: "police bail conditions are changed or cancelled",
    EventKind.CHARGED: "a suspect is charged",
    EventKind.NO_FURTHER_ACTION: "a decision is made to take no further action",
    EventKind.OUT_OF_COURT_DISPOSAL: "the case is dealt with by an out-of-court disposal",
    EventKind.COURT_DATE_SET: "the date, time and place of the first court hearing is set",
}
