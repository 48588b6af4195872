"""ID tokens signed by a test key, as a provider would issue them."""

from __future__ import annotations

import time
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from portal.sso_config import IdentityProvider

ISSUER = "https://id.testshire.example"
CLIENT_ID = "signpost-portal"
SIGNING_KEY = RSAKey.generate_key(2048, parameters={"kid": "key-1"}, private=True)
KEYS = KeySet([RSAKey.import_key(SIGNING_KEY.as_dict(private=False))])


def provider(force: str = "testshire-police", **overrides: Any) -> IdentityProvider:
    values: dict[str, Any] = {
        "force": force, "label": "Testshire ID", "issuer": ISSUER, "client_id": CLIENT_ID,
        "client_secret": "test-client-secret", "claim": "email", "user_field": "email",
        "mfa_amr": ("mfa", "otp"), "mfa_acr": ("urn:testshire:mfa",)}
    return IdentityProvider(**{**values, **overrides})


def id_token(*, nonce: str, key: RSAKey = SIGNING_KEY, alg: str = "RS256",
             **claims: Any) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": CLIENT_ID, "sub": "user-1", "iat": now, "exp": now + 300,
            "nonce": nonce, **claims}
    return jwt.encode({"alg": alg, "kid": key.kid or "key-1"}, body, key)
