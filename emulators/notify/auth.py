"""Checking a request's JWT as Notify does: bearer scheme, HS256 signed with the API key's
secret, ``iss`` the service id, ``iat`` within 30 seconds of now.

The checks are the client library's own (``notifications_python_client.authentication``), the
code Notify's API runs too. Errors are Notify's: 401 without a token, 403 for a bad one.
"""

from __future__ import annotations

from aiohttp import web
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError, TokenExpiredError

from emulators.notify.config import NotifyEmulatorConfig
from emulators.notify.errors import error_response


def check_token(request: web.Request, config: NotifyEmulatorConfig) -> web.Response | None:
    """None when the request may go on; else the error Notify would answer."""
    header = request.headers.get("Authorization", "")
    if not header:
        return error_response(401, "AuthError",
                              "Unauthorized: authentication token must be provided")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return error_response(401, "AuthError",
                              "Unauthorized: authentication bearer scheme must be used")
    try:
        issuer = get_token_issuer(token)  # type: ignore[no-untyped-call]
    except TokenError:
        return error_response(403, "AuthError", "Invalid token: iss field not provided")
    if issuer != config.service_id:
        return error_response(403, "AuthError", "Invalid token: service not found")
    try:
        decode_jwt_token(token, config.secret)  # type: ignore[no-untyped-call]
    except TokenExpiredError:
        return error_response(403, "AuthError",
                              "Error: Your system clock must be accurate to within 30 seconds")
    except TokenError:
        return error_response(403, "AuthError", "Invalid token: API key not found")
    return None
