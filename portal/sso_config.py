"""The identity providers forces sign their staff in with (settings.SIGNPOST_OIDC_PROVIDERS,
read from the environment: the client secret never touches the database)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class IdentityProvider:
    force: str  # the force's slug: only its own staff may sign in through it
    label: str  # the button says "Sign in with <label>"
    issuer: str  # exactly the ``iss`` its ID tokens carry, without a trailing "/"
    client_id: str
    client_secret: str
    claim: str  # the ID-token claim naming the user ("email", "preferred_username", a staff id)
    user_field: str  # the User field that claim is matched to: "email" or "username"
    mfa_amr: tuple[str, ...]  # ``amr`` values (RFC 8176) that mean a second factor was used
    mfa_acr: tuple[str, ...]  # ``acr`` values the provider uses for a multi-factor sign-in

    def __repr__(self) -> str:  # never the secret, should one land in a traceback
        return f"IdentityProvider(force={self.force!r}, issuer={self.issuer!r})"


def _from_settings(force: str, raw: dict[str, object]) -> IdentityProvider:
    amr, acr = raw.get("mfa_amr", []), raw.get("mfa_acr", [])
    return IdentityProvider(
        force=force, label=str(raw["label"]), issuer=str(raw["issuer"]).rstrip("/"),
        client_id=str(raw["client_id"]), client_secret=str(raw["client_secret"]),
        claim=str(raw["claim"]), user_field=str(raw["user_field"]),
        mfa_amr=tuple(str(v) for v in amr) if isinstance(amr, list | tuple) else (),
        mfa_acr=tuple(str(v) for v in acr) if isinstance(acr, list | tuple) else (),
    )


def provider_for(force: str) -> IdentityProvider | None:
    raw = settings.SIGNPOST_OIDC_PROVIDERS.get(force)
    return _from_settings(force, raw) if raw else None


def all_providers() -> list[IdentityProvider]:
    return [_from_settings(force, raw)
            for force, raw in sorted(settings.SIGNPOST_OIDC_PROVIDERS.items())]
