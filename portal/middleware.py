"""Staff pages need the second factor: a signed-in user who must give one (see
``portal.second_factor.required_for``) and has not yet in this session is sent to enrol or to
verify before any page of the portal, the admin or the delivery log."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from portal import second_factor

STAFF_PREFIXES = ("/portal/", "/admin/", "/messaging/")
OPEN_NAMES = ("portal:login", "portal:logout", "portal:second_factor",
              "portal:second_factor_enrol")
OPEN_PREFIXES = ("/portal/login/sso/",)  # single sign-on's start and return (any force)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (request.path.startswith(STAFF_PREFIXES)
                and request.path not in {reverse(name) for name in OPEN_NAMES}
                and not request.path.startswith(OPEN_PREFIXES)
                and second_factor.required_for(request.user)
                and not second_factor.is_verified(request)):
            step = ("portal:second_factor" if second_factor.is_enrolled(request.user)  # type: ignore[arg-type]
                    else "portal:second_factor_enrol")
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
