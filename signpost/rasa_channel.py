"""Rasa's REST channel, refusing messages without the shared secret (``RASA_TOKEN`` in the
``X-Signpost-Token`` header). Rasa's ``--auth-token`` guards its HTTP API but not the channel
webhooks: without this anyone who could reach Rasa could talk as any conversation id. Named in
``bot/credentials.yml`` (loaded by the Rasa server; imports Rasa, no Django)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.rest import RestInput
from sanic import response

from signpost.shared_secret import REST_HEADER, matches


class TokenRestInput(RestInput):  # type: ignore[misc]
    """The REST channel under its usual URL (``/webhooks/rest/webhook``), with the secret."""

    def __init__(self, token: str = "") -> None:
        self.token = token

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TokenRestInput:
        return cls(token=str((credentials or {}).get("token") or ""))

    def blueprint(self, on_new_message: Callable[[Any], Awaitable[Any]]) -> Any:
        blueprint = super().blueprint(on_new_message)
        token = self.token

        async def require_secret(request: Any) -> Any:
            if request.method == "GET":  # the channel's health answer carries nothing
                return None
            if not matches(expected=token, given=request.headers.get(REST_HEADER, "")):
                return response.json({"error": "unauthorised"}, status=401)
            return None

        blueprint.middleware(require_secret, "request")
        return blueprint
