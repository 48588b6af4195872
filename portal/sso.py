"""Single sign-on through a force's OpenID Connect provider: the authorization code flow with
PKCE (S256), ``state`` and ``nonce`` (Authlib builds the request and redeems the code), the ID
token checked by ``portal.sso_tokens``, and the person matched to an existing account of that
force. Nobody is created here: an account comes from an administrator or the officer import.

A session whose ID token said a second factor was used counts as verified
(``portal.second_factor.is_verified``); otherwise the portal's own code is asked as after a
password. Sign-ins and refusals are audited; refusals count against the address like failed
password log-ins (``portal.throttle``).
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.requests_client import OAuth2Session
from django.contrib import auth
from django.contrib.auth.models import User
from django.http import HttpRequest

from audit.actions import AuditAction
from audit.services import record_event
from organisations.services import role_of
from portal import sso_discovery, throttle
from portal.forms import client_ip
from portal.second_factor import IDP_MFA_SESSION_KEY
from portal.sso_config import IdentityProvider, provider_for
from portal.sso_tokens import TokenRefused, asserts_mfa, check_id_token
from ratelimits.keys import private_key

PENDING = "portal_sso_pending"
SIGNED_IN_BY = "portal_sso_force"  # which force's provider signed this session in
PENDING_MAX_S = 600
SCOPE = "openid email profile"
# Refusals that mean "your account is not set up here", not "something went wrong".
NOT_LINKED = frozenset({"unknown-user", "other-force", "ambiguous-user", "inactive-user",
                        "no-claim"})


class SignInRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def not_linked(self) -> bool:
        return self.reason in NOT_LINKED


def _client(provider: IdentityProvider, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(provider.client_id, provider.client_secret, scope=SCOPE,
                         redirect_uri=redirect_uri, code_challenge_method="S256")


def begin(*, request: HttpRequest, provider: IdentityProvider, redirect_uri: str,
          next_url: str) -> str:
    """Remember a fresh state, nonce and PKCE verifier in this session; the provider's address
    to send the browser to."""
    if throttle.is_address_locked(ip=client_ip(request)):
        raise SignInRefused("throttled")
    try:
        endpoint = sso_discovery.metadata(provider).authorization_endpoint
    except sso_discovery.DiscoveryFailed:
        raise _refuse(request, provider, "provider-unreachable") from None
    pending = {"force": provider.force, "state": secrets.token_urlsafe(32),
               "nonce": secrets.token_urlsafe(32), "verifier": secrets.token_urlsafe(64),
               "next": next_url, "started": time.time()}
    request.session[PENDING] = pending
    url, _ = _client(provider, redirect_uri).create_authorization_url(
        endpoint, state=pending["state"], code_verifier=pending["verifier"],
        nonce=pending["nonce"])
    return str(url)


def finish(*, request: HttpRequest, provider: IdentityProvider, params: Mapping[str, str],
           redirect_uri: str) -> str:
    """Complete the sign-in the provider sent the browser back from: the address to go on to.
    Each started sign-in can be completed once (its state and nonce are then forgotten)."""
    pending: dict[str, Any] | None = request.session.pop(PENDING, None)
    if throttle.is_address_locked(ip=client_ip(request)):
        raise SignInRefused("throttled")
    if not pending or pending.get("force") != provider.force:
        raise _refuse(request, provider, "no-pending-sign-in")
    if not hmac.compare_digest(str(params.get("state", "")).encode(),
                               str(pending["state"]).encode()):
        raise _refuse(request, provider, "wrong-state")
    if time.time() - float(pending["started"]) > PENDING_MAX_S:
        raise _refuse(request, provider, "too-slow")
    if params.get("error") or not params.get("code"):
        raise _refuse(request, provider, "provider-error")
    try:
        token = _client(provider, redirect_uri).fetch_token(
            sso_discovery.metadata(provider).token_endpoint, code=params["code"],
            code_verifier=pending["verifier"])
        claims = check_id_token(
            id_token=str(token.get("id_token", "")), provider=provider, nonce=pending["nonce"],
            keys=lambda refresh: sso_discovery.signing_keys(provider, refresh=refresh))
    except TokenRefused as refused:
        raise _refuse(request, provider, f"token-{refused.reason}") from None
    except (sso_discovery.DiscoveryFailed, AuthlibBaseError, requests.RequestException,
            ValueError):
        raise _refuse(request, provider, "code-exchange-failed") from None
    user = _match_user(request, provider, claims)
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SIGNED_IN_BY] = provider.force
    with_mfa = asserts_mfa(claims, provider)
    if with_mfa:
        request.session[IDP_MFA_SESSION_KEY] = True
    role = role_of(user)
    record_event(actor=user, role=role.value if role else "none", action=AuditAction.SSO_SIGN_IN,
                 object_type="session", detail={"force": provider.force, "mfa": with_mfa})
    return str(pending["next"])


def sign_out(request: HttpRequest, *, signed_out_page: str) -> str | None:
    """End the portal session; when the provider signed it in and offers RP-Initiated Logout,
    the address that ends the provider's session too and comes back to ``signed_out_page``.

    No ID token is kept to hint who is leaving (it names the person), so the provider asks
    them to confirm.
    """
    force = request.session.get(SIGNED_IN_BY)
    auth.logout(request)
    provider = provider_for(force) if isinstance(force, str) else None
    if provider is None:
        return None
    try:
        endpoint = sso_discovery.metadata(provider).end_session_endpoint
    except sso_discovery.DiscoveryFailed:
        return None  # the portal session has ended; the provider's is not this page's to block
    if not endpoint:
        return None
    query = urlencode({"client_id": provider.client_id,
                       "post_logout_redirect_uri": signed_out_page})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _match_user(request: HttpRequest, provider: IdentityProvider,
                claims: Mapping[str, Any]) -> User:
    value = claims.get(provider.claim)
    if not isinstance(value, str) or not value.strip():
        raise _refuse(request, provider, "no-claim")
    subject = private_key("sso-subject", value.strip().casefold())[:16]
    if provider.user_field == "email" and claims.get("email_verified") is not True:
        # An address the provider has not verified could be anyone's: never match on it.
        raise _refuse(request, provider, "email-unverified", subject)
    field = "email__iexact" if provider.user_field == "email" else "username"
    found = list(User.objects.filter(**{field: value.strip()})
                 .select_related("membership__organisation")[:2])
    if not found:
        raise _refuse(request, provider, "unknown-user", subject)
    if len(found) > 1:
        raise _refuse(request, provider, "ambiguous-user", subject)
    user = found[0]
    if not user.is_active:
        raise _refuse(request, provider, "inactive-user", subject)
    membership = getattr(user, "membership", None)
    if membership is None or membership.organisation.slug != provider.force:
        raise _refuse(request, provider, "other-force", subject)
    return user


def _refuse(request: HttpRequest, provider: IdentityProvider, reason: str,
            subject: str = "") -> SignInRefused:
    """Audit a refusal (the reason code, and the keyed hash of the claimed identity if any),
    count it against the address, and return the exception to raise."""
    throttle.record_address_failure(ip=client_ip(request))
    detail = {"force": provider.force, "reason": reason}
    if subject:
        detail["subject_key"] = subject
    record_event(actor=None, role="unknown", action=AuditAction.SSO_REFUSED,
                 object_type="session", detail=detail)
    return SignInRefused(reason)
