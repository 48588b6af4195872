"""Words staff read for every stored code of a referral: questions, answers, crimes, flags.

The stored values stay short codes (they are counted and filtered); pages show these labels, and
an unknown code is shown as a sentence-case phrase rather than as a slug.

>>> answer_label("communication", "easy-read"), answer_label("afraid", "yes")
('Easy read', 'Yes')
>>> question_label("vps_offered"), crime_type_label("criminal-damage")
('Offered a victim personal statement', 'Criminal damage')
>>> flag_label("interpreter-needed"), event_label("some-new-code")
('Needs an interpreter', 'Some new code')
"""

from __future__ import annotations

from referrals import needs
from referrals.statuses import (
    ConsentChannel,
    ConsentDecision,
    EventKind,
    QualityFlag,
    ReferralOutcome,
)

QUESTION_LABELS = {
    "contact_method": "Best way to contact",
    "safe_to_text": "Safe to text this number",
    "safe_number": "A safe number given",
    "safe_times": "Safe times to contact",
    "voicemail_safe": "Safe to leave a voicemail",
    "interpreter": "Needs an interpreter",
    "communication": "Communication needs",
    "disability": "Has a disability or illness",
    "under_18": "Under 18",
    "afraid": "Afraid or intimidated",
    "repeat": "Targeted before",
    "court_help": "Wants help with court",
    "support_wanted": "Support wanted",
    "vps_offered": "Offered a victim personal statement",
}
OPTION_LABELS = {
    needs.YES: "Yes",
    needs.NO: "No",
    needs.SKIPPED: "Not answered",
    needs.GIVEN: "Given",
    "text": "Text message",
    "call": "Phone call",
    "email": "Email",
    "letter": "Letter",
    "none": "None",
    "easy-read": "Easy read",
    "large-print": "Large print",
    "braille": "Braille",
    "bsl": "British Sign Language",
    "emotional": "Emotional support",
    "practical": "Practical help",
    "specialist": "Specialist support",
    "restorative": "Restorative justice",
}
# The officer's list (with "other"); the first eleven are the Victims' Code's most serious
# crimes (referrals.needs.SERIOUS_CRIME_TYPES), which give enhanced rights.
CRIME_TYPE_LABELS = {
    "domestic-abuse": "Domestic abuse",
    "hate-crime": "Hate crime",
    "sexual-offence": "Sexual offence",
    "human-trafficking": "Human trafficking",
    "terrorism": "Terrorism",
    "attempted-murder": "Attempted murder",
    "arson-endangering-life": "Arson endangering life",
    "kidnapping": "Kidnapping",
    "false-imprisonment": "False imprisonment",
    "gbh-with-intent": "Grievous bodily harm with intent",
    "bereaved": "Bereaved by crime",
    "burglary": "Burglary",
    "criminal-damage": "Criminal damage",
    "theft": "Theft",
    "fraud": "Fraud",
    "assault": "Assault",
    "robbery": "Robbery",
    "vehicle-crime": "Vehicle crime",
    "stalking": "Stalking or harassment",
    "other": "Other",
}
REASON_LABELS = {
    "serious-crime": "a most serious crime",
    "under-18": "under 18",
    "disability": "a disability or illness",
    "intimidated": "intimidated",
    "persistently-targeted": "persistently targeted",
    "anonymised": "reasons erased",
}
FLAG_LABELS = {
    QualityFlag.MISSING_NUMBER.value: "No phone number",
    QualityFlag.INVALID_NUMBER.value: "The phone number is not valid",
    QualityFlag.LANDLINE.value: "The number is a landline (no texts)",
    QualityFlag.NO_SAFE_CONTACT.value: "No safe way to contact",
    QualityFlag.INTERPRETER_NEEDED.value: "Needs an interpreter",
}
CHANNEL_LABELS = {
    ConsentChannel.SMS.value: "Text message",
    ConsentChannel.WEB_CHAT.value: "Web chat",
    ConsentChannel.OFFICER.value: "Given to the officer",
    ConsentChannel.PORTAL.value: "Recorded on the portal",
}
DECISION_LABELS = {
    ConsentDecision.GIVEN.value: "Given",
    ConsentDecision.REFUSED.value: "Refused",
    ConsentDecision.WITHDRAWN.value: "Withdrawn",
}
EVENT_LABELS = {
    EventKind.STATUS.value: "Status",
    EventKind.NOTE.value: "Note",
    EventKind.TRANSFER.value: "Transferred",
    EventKind.CONSENT_WITHDRAWN.value: "Consent withdrawn",
    EventKind.ASSIGNED.value: "Assigned",
}
OUTCOME_LABELS = {
    ReferralOutcome.SUPPORT_ACCEPTED.value: "Support accepted",
    ReferralOutcome.DECLINED.value: "Support declined",
    ReferralOutcome.UNABLE_TO_CONTACT.value: "Unable to contact",
}


def _phrase(code: str) -> str:
    """A code nobody has labelled yet, as words ("some-new_code" -> "Some new code")."""
    return code.replace("-", " ").replace("_", " ").strip().capitalize()


def question_label(key: str) -> str:
    return QUESTION_LABELS.get(key) or _phrase(key)


def answer_label(key: str, value: object) -> str:
    """An answer as words; free-text answers (safe times) are shown as given."""
    text = str(value)
    question = needs.BY_KEY.get(key)
    if question is not None and question.kind is needs.Kind.TIME and text != needs.SKIPPED:
        return text
    return OPTION_LABELS.get(text) or _phrase(text)


def crime_type_label(code: str) -> str:
    """A crime type's words; one typed before the list existed is shown as it was typed."""
    return CRIME_TYPE_LABELS.get(code) or code


def reason_label(code: str) -> str:
    return REASON_LABELS.get(code) or _phrase(code).lower()


def flag_label(code: str) -> str:
    return FLAG_LABELS.get(code) or _phrase(code)


def channel_label(code: str) -> str:
    return CHANNEL_LABELS.get(code) or _phrase(code)


def decision_label(code: str) -> str:
    return DECISION_LABELS.get(code) or _phrase(code)


def event_label(code: str) -> str:
    return EVENT_LABELS.get(code) or _phrase(code)


def outcome_label(code: str) -> str:
    return OUTCOME_LABELS.get(code) or _phrase(code)
