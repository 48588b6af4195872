"""What the local provider asserts about a demo user: email, username, and how they
authenticated (``amr``, RFC 8176). Members of the ``mfa`` group are said to have used a second
factor, so both sides of the portal's rule (skip its own code, or ask for it) can be tried."""

from __future__ import annotations

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

MFA_GROUP = "mfa"


class DemoClaims(OAuth2Validator):  # type: ignore[misc]  # django-oauth-toolkit is untyped
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid",
                        "preferred_username": "profile", "email": "email",
                        "email_verified": "email"}

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        with_mfa = user.groups.filter(name=MFA_GROUP).exists()
        return {"email": user.email, "email_verified": True, "preferred_username": user.username,
                "amr": ["pwd", "mfa"] if with_mfa else ["pwd"]}
