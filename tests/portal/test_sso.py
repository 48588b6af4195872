"""Single sign-on through the portal's views, with the provider's side played by the test:
its configuration, keys and token endpoint (the real provider: test_browser_sso.py)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from authlib.integrations.requests_client import OAuth2Session
from django.test import Client

from audit.models import AuditEvent
from portal import sso_discovery
from portal.sso_discovery import ProviderMetadata
from tests.portal.factories import World
from tests.portal.sso_tokens import CLIENT_ID, ISSUER, KEYS, id_token
from tests.second_factor import verified_login

AUTHORIZE = f"{ISSUER}/authorize"
CALLBACK = "/portal/login/sso/testshire-police/callback/"


@dataclass
class FakeProvider:
    """What the provider will put in the next ID token, and what it was asked."""

    claims: dict[str, Any] = field(default_factory=dict)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    nonce: str = ""


@pytest.fixture
def idp(monkeypatch: pytest.MonkeyPatch, settings: Any) -> FakeProvider:
    settings.SIGNPOST_OIDC_PROVIDERS = {"testshire-police": {
        "issuer": ISSUER, "client_id": CLIENT_ID, "client_secret": "test-client-secret",
        "label": "Testshire ID", "claim": "email", "user_field": "email",
        "mfa_amr": ["mfa"], "mfa_acr": []}}
    fake = FakeProvider()
    monkeypatch.setattr(sso_discovery, "metadata", lambda provider: ProviderMetadata(
        issuer=ISSUER, authorization_endpoint=AUTHORIZE, token_endpoint=f"{ISSUER}/token",
        jwks_uri=f"{ISSUER}/jwks", end_session_endpoint=f"{ISSUER}/logout/"))
    monkeypatch.setattr(sso_discovery, "signing_keys", lambda provider, refresh=False: KEYS)

    def fetch_token(session: OAuth2Session, url: str, **kwargs: Any) -> dict[str, Any]:
        fake.token_requests.append(kwargs)
        return {"access_token": "a", "token_type": "Bearer",
                "id_token": id_token(nonce=fake.nonce, **({"email_verified": True} | fake.claims))}

    monkeypatch.setattr(OAuth2Session, "fetch_token", fetch_token)
    return fake


def _start(client: Client, idp: FakeProvider, next_url: str = "") -> dict[str, str]:
    response = client.get("/portal/login/sso/testshire-police/",
                          {"next": next_url} if next_url else {})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == AUTHORIZE
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    idp.nonce = query["nonce"]
    return query


def _sign_in(client: Client, idp: FakeProvider, **claims: Any) -> Any:
    idp.claims = claims
    query = _start(client, idp)
    return client.get(CALLBACK, {"code": "code-1", "state": query["state"]})


def _refusals(reason: str) -> int:
    return AuditEvent.objects.filter(action="sso-refused", detail__reason=reason).count()


def test_the_log_in_page_offers_the_forces_provider_only_when_configured(
        client: Client, idp: FakeProvider, settings: Any, db: None) -> None:
    assert "Sign in with Testshire ID" in client.get("/portal/login/").content.decode()
    settings.SIGNPOST_OIDC_PROVIDERS = {}
    assert "Sign in with" not in client.get("/portal/login/").content.decode()
    assert client.get("/portal/login/sso/testshire-police/").status_code == 404


def test_the_request_carries_state_nonce_and_an_s256_challenge_of_the_verifier(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.officer.email = "pc.north@testshire.example"
    world.officer.save()
    query = _start(client, idp)
    assert query["client_id"] == CLIENT_ID
    assert query["response_type"] == "code"
    assert query["scope"].split()[0] == "openid"
    assert query["redirect_uri"].endswith(CALLBACK)
    assert query["code_challenge_method"] == "S256"
    assert len(query["state"]) >= 32
    assert len(query["nonce"]) >= 32
    idp.claims = {"email": "pc.north@testshire.example"}
    client.get(CALLBACK, {"code": "code-1", "state": query["state"]})
    verifier = idp.token_requests[0]["code_verifier"]
    digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    assert query["code_challenge"] == digest.decode()


def test_a_member_of_the_force_is_signed_in_and_audited(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.officer.email = "PC.North@testshire.example"
    world.officer.save()
    response = _sign_in(client, idp, email="pc.north@testshire.example")
    assert response.status_code == 302
    assert response["Location"] == "/portal/"
    assert client.get("/portal/give/").status_code == 200  # officers give no code by default
    event = AuditEvent.objects.get(action="sso-sign-in")
    assert event.actor_id == world.officer.pk
    assert event.detail == {"force": "testshire-police", "mfa": False}
    assert AuditEvent.objects.filter(action="login", actor_id=world.officer.pk).exists()
    client.post("/portal/logout/")  # log-out ends the local session
    assert client.get("/portal/give/").status_code == 302


def test_mfa_asserted_by_the_provider_skips_the_portals_code(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.supervisor.email = "sgt.north@testshire.example"
    world.supervisor.save()
    _sign_in(client, idp, email="sgt.north@testshire.example", amr=["pwd", "mfa"])
    assert client.get("/portal/dashboard/").status_code == 200


def test_without_mfa_asserted_the_portals_code_is_still_asked(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.supervisor.email = "sgt.north@testshire.example"
    world.supervisor.save()
    _sign_in(client, idp, email="sgt.north@testshire.example", amr=["pwd"])
    response = client.get("/portal/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/portal/login/code/")


def test_an_unknown_person_is_refused_and_nobody_is_created(
        client: Client, idp: FakeProvider, world: World) -> None:
    users_before = type(world.officer).objects.count()
    response = _sign_in(client, idp, email="new.recruit@testshire.example")
    assert response.status_code == 403
    assert "not linked" in response.content.decode()
    assert type(world.officer).objects.count() == users_before
    assert _refusals("unknown-user") == 1
    event = AuditEvent.objects.get(action="sso-refused")
    assert "new.recruit" not in str(event.detail)  # a keyed hash, never the address itself
    assert client.get("/portal/give/").status_code == 302


def test_a_user_of_another_organisation_is_refused(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.caseworker.email = "cw@testshire-care.example"
    world.caseworker.save()
    assert _sign_in(client, idp, email="cw@testshire-care.example").status_code == 403
    assert _refusals("other-force") == 1
    assert "_auth_user_id" not in client.session


def test_a_sign_in_can_be_completed_only_once(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.officer.email = "pc.north@testshire.example"
    world.officer.save()
    idp.claims = {"email": "pc.north@testshire.example"}
    query = _start(client, idp)
    client.get(CALLBACK, {"code": "code-1", "state": query["state"]})
    client.post("/portal/logout/")
    replayed = client.get(CALLBACK, {"code": "code-1", "state": query["state"]})
    assert replayed.status_code == 403
    assert _refusals("no-pending-sign-in") == 1


def test_a_wrong_state_or_a_provider_error_is_refused(
        client: Client, idp: FakeProvider, world: World) -> None:
    _start(client, idp)
    assert client.get(CALLBACK, {"code": "c", "state": "forged"}).status_code == 403
    query = _start(client, idp)
    assert client.get(CALLBACK, {"error": "access_denied",
                                 "state": query["state"]}).status_code == 403
    assert _refusals("wrong-state") == 1
    assert _refusals("provider-error") == 1
    assert idp.token_requests == []


def test_a_token_failing_its_checks_is_refused(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.officer.email = "pc.north@testshire.example"
    world.officer.save()
    response = _sign_in(client, idp, email="pc.north@testshire.example", aud="someone-else")
    assert response.status_code == 403
    assert _refusals("token-bad-aud") == 1


def test_refusals_count_against_the_address_like_failed_log_ins(
        client: Client, idp: FakeProvider, world: World, settings: Any) -> None:
    settings.PORTAL_LOGIN_MAX_FAILURES_PER_IP = 2
    for _ in range(2):
        _sign_in(client, idp, email="nobody@testshire.example")
    response = client.get("/portal/login/sso/testshire-police/")
    assert response.status_code == 403
    assert "paused" in response.content.decode()


def test_the_page_asked_for_is_reached_after_signing_in_and_only_on_this_site(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.officer.email = "pc.north@testshire.example"
    world.officer.save()
    idp.claims = {"email": "pc.north@testshire.example"}
    for wanted, reached in (("/portal/leaflets/", "/portal/leaflets/"),
                            ("https://evil.example/", "/portal/")):
        query = _start(client, idp, next_url=wanted)
        response = client.get(CALLBACK, {"code": "c", "state": query["state"]})
        assert response["Location"] == reached


def test_an_address_the_provider_has_not_verified_is_never_matched(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.officer.email = "pc.north@testshire.example"
    world.officer.save()
    for verified in (False, "true", None):
        response = _sign_in(client, idp, email="pc.north@testshire.example",
                            email_verified=verified)
        assert response.status_code == 403
    assert _refusals("email-unverified") == 3
    assert "_auth_user_id" not in client.session


def test_log_out_ends_the_providers_session_too_but_only_for_its_own_sign_ins(
        client: Client, idp: FakeProvider, world: World) -> None:
    world.supervisor.email = "sgt.north@testshire.example"
    world.supervisor.save()
    _sign_in(client, idp, email="sgt.north@testshire.example", amr=["pwd", "mfa"])
    response = client.post("/portal/logout/")
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{ISSUER}/logout/"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert query == {"client_id": CLIENT_ID,
                     "post_logout_redirect_uri": "http://testserver/portal/login/"}
    assert "_auth_user_id" not in client.session
    assert client.get("/portal/logout/").status_code == 405  # a link cannot log anyone out

    verified_login(client, world.officer)  # signed in with a password: the portal's own only
    response = client.post("/portal/logout/")
    assert response["Location"] == "/portal/login/"
    assert "_auth_user_id" not in client.session


def test_pages_let_the_log_out_form_end_at_the_provider_and_nowhere_else(
        client: Client, idp: FakeProvider, settings: Any, db: None) -> None:
    def form_action() -> str:
        policy = client.get("/portal/login/")["Content-Security-Policy"]
        return next(d for d in policy.split("; ") if d.startswith("form-action"))

    assert form_action() == f"form-action 'self' {urlsplit(ISSUER).scheme}://{urlsplit(ISSUER).netloc}"
    settings.SIGNPOST_OIDC_PROVIDERS = {}
    assert form_action() == "form-action 'self'"
