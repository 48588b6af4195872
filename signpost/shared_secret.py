"""The shared secrets Rasa and the action server check, with no Django and no Rasa import: the
header names and one constant-time comparison, used by both servers' guards and by their
callers.

>>> matches(expected="s3cret", given="s3cret"), matches(expected="s3cret", given="s3cre")
(True, False)
>>> matches(expected="", given="")  # no secret configured: nothing gets in
False
"""

from __future__ import annotations

import hmac

# Signpost's relay (web chat and SMS) -> Rasa's REST channel; the value is RASA_TOKEN.
REST_HEADER = "X-Signpost-Token"
# Rasa -> the action server (bot/endpoints.yml action_endpoint headers); ACTION_SERVER_TOKEN.
ACTION_HEADER = "X-Signpost-Action-Token"


def matches(*, expected: str, given: str) -> bool:
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())
