"""Twilio's error codes as the emulator answers them, and its error JSON.

Messages leave out phone numbers (real Twilio echoes them) so they cannot reach our logs.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web


@dataclass(frozen=True)
class TwilioError:
    code: int
    status: int
    message: str


API_ERRORS: dict[int, TwilioError] = {
    e.code: e
    for e in (
        TwilioError(20003, 401, "Authenticate"),
        TwilioError(20404, 404, "The requested resource was not found"),
        TwilioError(20429, 429, "Too Many Requests"),
        TwilioError(20500, 500, "An internal server error has occurred"),
        TwilioError(21211, 400, "The 'To' number is not a valid phone number."),
        TwilioError(
            21212,
            400,
            "The 'From' number is not a valid phone number, shortcode, or alphanumeric sender ID.",
        ),
        TwilioError(
            21408,
            400,
            "Permission to send an SMS has not been enabled for the region indicated "
            "by the 'To' number.",
        ),
        TwilioError(21602, 400, "Message body is required."),
        TwilioError(21603, 400, "A 'From' phone number is required."),
        TwilioError(21604, 400, "A 'To' phone number is required."),
        TwilioError(21609, 400, "Invalid StatusCallback url."),
        TwilioError(21610, 400, "Attempt to send to unsubscribed recipient"),
        TwilioError(21612, 400, "The 'To' phone number is not currently reachable via SMS."),
        TwilioError(21614, 400, "'To' number is not a valid mobile number"),
        TwilioError(21617, 400, "The concatenated message body exceeds the 1600 character limit."),
        TwilioError(21701, 400, "The Messaging Service does not exist."),
    )
}

# Error codes carried by failed/undelivered messages and their status callbacks.
DELIVERY_ERRORS: dict[int, str] = {
    21610: "Attempt to send to unsubscribed recipient",
    30001: "Queue overflow",
    30002: "Account suspended",
    30003: "Unreachable destination handset",
    30004: "Message blocked",
    30005: "Unknown destination handset",
    30006: "Landline or unreachable carrier",
    30007: "Message filtered",
    30008: "Unknown error",
}


class ApiError(Exception):
    """Raised by request validation; answered as Twilio's error JSON."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.error = API_ERRORS[code]


def error_body(code: int) -> dict[str, object]:
    error = API_ERRORS[code]
    return {
        "code": error.code,
        "message": error.message,
        "more_info": f"https://www.twilio.com/docs/errors/{error.code}",
        "status": error.status,
    }


def error_response(code: int) -> web.Response:
    response = web.json_response(error_body(code), status=API_ERRORS[code].status)
    if API_ERRORS[code].status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="Twilio API"'
    return response
