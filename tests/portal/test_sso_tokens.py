"""The ID-token checks single sign-on relies on: each one refuses a token that fails it."""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, RSAKey

from portal.sso_tokens import TokenRefused, asserts_mfa, check_id_token
from tests.portal.sso_tokens import CLIENT_ID, KEYS, SIGNING_KEY, id_token, provider

NONCE = "nonce-of-this-sign-in"


def _check(token: str, *, nonce: str = NONCE, keys: KeySet = KEYS) -> dict[str, object]:
    return check_id_token(id_token=token, provider=provider(), nonce=nonce,
                          keys=lambda refresh: keys)


def _refusal(token: str, **kwargs: object) -> str:
    with pytest.raises(TokenRefused) as refused:
        _check(token, **kwargs)  # type: ignore[arg-type]
    return refused.value.reason


def test_a_good_token_gives_its_claims() -> None:
    claims = _check(id_token(nonce=NONCE, email="pc.jones@testshire.example"))
    assert claims["email"] == "pc.jones@testshire.example"


def test_wrong_issuer_is_refused() -> None:
    assert _refusal(id_token(nonce=NONCE, iss="https://id.elsewhere.example")) == "bad-iss"


def test_wrong_audience_is_refused() -> None:
    assert _refusal(id_token(nonce=NONCE, aud="another-client")) == "bad-aud"


def test_several_audiences_need_this_client_as_azp() -> None:
    both = [CLIENT_ID, "another-client"]
    assert _refusal(id_token(nonce=NONCE, aud=both)) == "wrong-azp"
    assert _check(id_token(nonce=NONCE, aud=both, azp=CLIENT_ID))["azp"] == CLIENT_ID


def test_a_signature_by_another_key_is_refused() -> None:
    impostor = RSAKey.generate_key(2048, parameters={"kid": "key-1"}, private=True)
    assert _refusal(id_token(nonce=NONCE, key=impostor)) == "bad-signature"


def test_a_tampered_token_is_refused() -> None:
    header, _body, signature = id_token(nonce=NONCE).split(".")
    other_body = id_token(nonce=NONCE, sub="someone-else").split(".")[1]
    assert _refusal(f"{header}.{other_body}.{signature}") == "bad-signature"


def test_an_hmac_token_keyed_with_the_client_secret_is_refused() -> None:
    secret = OctKey.import_key("test-client-secret-long-enough-for-hs256!")
    token = jwt.encode({"alg": "HS256"}, {"iss": "x", "nonce": NONCE}, secret)
    assert _refusal(token, keys=KeySet([secret])) == "bad-algorithm"


def test_an_unsigned_token_is_refused() -> None:
    assert _refusal("eyJhbGciOiJub25lIn0.eyJub25jZSI6Im4ifQ.") == "bad-algorithm"
    assert _refusal("not-a-token") == "malformed"


def test_an_expired_token_is_refused() -> None:
    long_ago = int(time.time()) - 3600
    assert _refusal(id_token(nonce=NONCE, iat=long_ago, exp=long_ago + 300)) == "expired"


def test_a_token_for_another_sign_in_is_refused() -> None:
    """A token replayed from another sign-in carries that sign-in's nonce, not this one's."""
    assert _refusal(id_token(nonce="nonce-of-an-earlier-sign-in")) == "wrong-nonce"
    assert _refusal(id_token(nonce=NONCE), nonce="") == "wrong-nonce"


def test_a_rotated_key_is_fetched_again() -> None:
    fresh = RSAKey.generate_key(2048, parameters={"kid": "key-2"}, private=True)
    refreshed: list[bool] = []

    def keys(refresh: bool) -> KeySet:
        refreshed.append(refresh)
        return KeySet([SIGNING_KEY, fresh]) if refresh else KEYS

    token = id_token(nonce=NONCE, key=fresh)
    assert check_id_token(id_token=token, provider=provider(), nonce=NONCE, keys=keys)
    assert refreshed == [False, True]


@pytest.mark.parametrize(("amr", "acr", "expected"), [
    (["pwd"], None, False),
    (["pwd", "mfa"], None, True),
    (["otp"], None, True),
    ("mfa", None, False),  # amr must be a list (RFC 8176)
    (None, "urn:testshire:mfa", True),
    (None, "urn:testshire:password", False),
    (None, None, False),
])
def test_mfa_is_asserted_by_amr_or_the_forces_acr(amr: object, acr: object,
                                                  expected: bool) -> None:
    claims = {k: v for k, v in {"amr": amr, "acr": acr}.items() if v is not None}
    assert asserts_mfa(claims, provider()) is expected
