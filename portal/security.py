"""Content-Security-Policy for every response (Django 5.2 has none built in).

No inline script anywhere: scripts and styles come from our own static files. The admin's
templates use a few style attributes, so under /admin/ styles may be inline (never scripts).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def policy_for(path: str) -> str:
    """The policy for a path (settings.CSP_POLICY, relaxed for styles in the admin).

    >>> "script-src 'self'" in policy_for("/portal/")
    True
    >>> "'unsafe-inline'" in policy_for("/portal/"), "'unsafe-inline'" in policy_for("/admin/")
    (False, True)
    """
    directives: dict[str, str] = dict(settings.CSP_POLICY)
    if providers := _identity_provider_origins():
        # Every page's log-out form may end at a force's identity provider (RP-Initiated
        # Logout), and Chromium applies form-action to the redirect after the POST too.
        directives["form-action"] = f"{directives.get('form-action', '')} {providers}".strip()
    if path.startswith(settings.CSP_INLINE_STYLE_PREFIXES):
        directives["style-src"] = f"{directives.get('style-src', '')} 'unsafe-inline'".strip()
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


def _identity_provider_origins() -> str:
    origins = set()
    for raw in settings.SIGNPOST_OIDC_PROVIDERS.values():
        parts = urlsplit(str(raw.get("issuer", "")))
        if parts.scheme and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return " ".join(sorted(origins))


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy_for(request.path)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
