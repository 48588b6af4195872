"""What went wrong with a leaflet's SMS or email, in plain words, with what the officer can do.

The provider's codes (Twilio error codes, an email bounce's enhanced status such as 5.1.1) are
for operators; the officer reads a sentence and the next step. A permanent failure will fail the
same way again, so it offers no resend: the officer checks the number or address with the
victim and gives the leaflet again to the right one (or shows the QR code).

>>> advice("sms", "permanent-failure", "30005").words[:55]
'Not delivered: no phone uses this number. Check the num'
>>> advice("email", "permanent-failure", "5.1.1").can_resend
False
>>> advice("sms", "undelivered", "30003").can_resend
True
"""

from __future__ import annotations

from dataclasses import dataclass

from messaging.statuses import MessageStatus

S = MessageStatus
AGAIN_NUMBER = ("Check the number with the victim and give the leaflet again to the right one, "
                "or show them the QR code.")
AGAIN_ADDRESS = ("Check the address with the victim and give the leaflet again to the right "
                 "one, or show them the QR code.")
NO_TEXTS = "Show them the QR code, or give the leaflet again by email."

# Twilio's permanent errors an officer can act on (channels/twilio/tables.py has them all).
SMS_PERMANENT = {
    "21211": f"this is not a valid phone number. {AGAIN_NUMBER}",
    "21612": f"this number cannot receive texts. {NO_TEXTS}",
    "21614": f"this is not a mobile number (a landline cannot receive texts). {NO_TEXTS}",
    "30006": f"this is a landline or its network cannot receive texts. {NO_TEXTS}",
    "30005": f"no phone uses this number. {AGAIN_NUMBER}",
    "30004": f"the phone or its network blocked the text. {NO_TEXTS}",
    "21610": "the victim has turned off texts from us (they replied STOP). "
             "Show them the QR code, or give the leaflet again by email.",
}
EMAIL_PERMANENT = {
    "5.1.1": f"this email address does not exist. {AGAIN_ADDRESS}",
    "5.1.2": f"the part after @ is not an email domain. {AGAIN_ADDRESS}",
    "5.1.10": f"this email address does not exist. {AGAIN_ADDRESS}",
    "5.2.1": f"this mailbox is closed. {AGAIN_ADDRESS}",
    "5.7.1": "their email provider refused it. Show them the QR code, or give the leaflet "
             "again by SMS.",
}


@dataclass(frozen=True)
class Advice:
    words: str
    can_resend: bool


def advice(channel: str, status: str, error_code: str) -> Advice:
    """The officer's words for a failed message, and whether sending it again could work."""
    current = MessageStatus(status)
    sms = channel == "sms"
    if current is S.PERMANENT_FAILURE:
        known = (SMS_PERMANENT if sms else EMAIL_PERMANENT).get(error_code.strip())
        fallback = (f"this number cannot get our texts. {AGAIN_NUMBER}" if sms
                    else f"this address cannot get our email. {AGAIN_ADDRESS}")
        return Advice(f"Not delivered: {known or fallback}", can_resend=False)
    if current is S.UNDELIVERED:
        what = ("their phone was off or out of signal for too long" if sms
                else "their mailbox did not accept it")
        return Advice(f"Not delivered: {what}. Resend later, or show them the QR code.",
                      can_resend=True)
    if current is S.TEMPORARY_FAILURE:
        return Advice("Not delivered yet: we are still trying. Nothing to do now.",
                      can_resend=True)
    return Advice("Not sent: a fault on our side. Resend; if it fails again, tell your "
                  "supervisor and show the victim the QR code.", can_resend=True)
