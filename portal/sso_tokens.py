"""The checks on a provider's ID token (OpenID Connect Core 1.0, 3.1.3.7): signed by one of the
provider's published keys with an asymmetric algorithm, issued by the configured issuer, for
this client, not expired, and carrying the nonce this browser's sign-in was started with. Then
whether it says a second factor was used (``amr`` / ``acr``)."""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from portal.sso_config import IdentityProvider

# Asymmetric only: "none" and HMAC (keyed with the client secret) are refused outright.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
LEEWAY_S = 60  # clock skew allowed between the provider and us


class TokenRefused(Exception):
    """The ID token failed a check; ``reason`` is a short code for the audit log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_id_token(*, id_token: str, provider: IdentityProvider, nonce: str,
                   keys: Callable[[bool], KeySet], now: int | None = None) -> dict[str, Any]:
    """The token's claims once every check passed; ``TokenRefused`` otherwise. ``keys(refresh)``
    gives the provider's key set (fetched again when ``refresh``, for a key not seen yet)."""
    try:
        token = jwt.decode(id_token, keys(False), algorithms=list(ALGORITHMS))
    except JoseError as error:
        if type(error).__name__ not in ("MissingKeyError", "InvalidKeyIdError"):
            raise TokenRefused(_reason(error)) from None
        try:
            token = jwt.decode(id_token, keys(True), algorithms=list(ALGORITHMS))
        except JoseError as again:
            raise TokenRefused(_reason(again)) from None
    except ValueError:
        raise TokenRefused("malformed") from None
    claims: dict[str, Any] = dict(token.claims)
    registry = jwt.JWTClaimsRegistry(
        now=int(time.time()) if now is None else now, leeway=LEEWAY_S,
        iss={"essential": True, "value": provider.issuer},
        aud={"essential": True, "value": provider.client_id},
        sub={"essential": True}, exp={"essential": True}, iat={"essential": True},
    )
    try:
        registry.validate(claims)
    except JoseError as error:
        raise TokenRefused(_reason(error)) from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise TokenRefused("wrong-azp")  # Core 3.1.3.7 (4, 5): several audiences need our azp
    if not (isinstance(claims.get("nonce"), str)
            and hmac.compare_digest(claims["nonce"].encode(), nonce.encode())):
        raise TokenRefused("wrong-nonce")
    return claims


def _reason(error: JoseError) -> str:
    """A short code for the audit log: which check failed, never the token's content."""
    name = type(error).__name__
    if name == "ExpiredTokenError":
        return "expired"
    if name in ("InvalidClaimError", "MissingClaimError"):
        claim = str(getattr(error, "claim", "") or "")
        if not claim:
            claim = next((c for c in ("iss", "aud", "sub", "exp", "iat", "nbf")
                          if f"'{c}'" in str(error)), "claim")
        return f"bad-{claim}"
    if name in ("BadSignatureError", "MissingKeyError", "InvalidKeyIdError"):
        return "bad-signature"
    if name in ("UnsupportedAlgorithmError", "MissingAlgorithmError", "ConflictAlgorithmError"):
        return "bad-algorithm"
    return "malformed"


def asserts_mfa(claims: dict[str, Any], provider: IdentityProvider) -> bool:
    """Whether the provider says the person used more than a password: an ``amr`` value or the
    ``acr`` the force configured as multi-factor."""
    amr = claims.get("amr")
    methods = {m for m in amr if isinstance(m, str)} if isinstance(amr, list) else set()
    acr = claims.get("acr")
    return bool(methods & set(provider.mfa_amr)) or (
        isinstance(acr, str) and acr in provider.mfa_acr)
