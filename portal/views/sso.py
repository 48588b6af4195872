"""Single sign-on: start at the force's identity provider, and come back from it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from portal import sso
from portal.sso_config import IdentityProvider, provider_for


def _provider(force: str) -> IdentityProvider:
    provider = provider_for(force)
    if provider is None:
        raise Http404("No identity provider is set up for this force.")
    return provider


def _callback_uri(request: HttpRequest, force: str) -> str:
    return request.build_absolute_uri(reverse("portal:sso_callback", kwargs={"force": force}))


def _refused(request: HttpRequest, provider: IdentityProvider,
             refused: sso.SignInRefused) -> HttpResponse:
    return render(request, "portal/sso_refused.html",
                  {"provider": provider, "not_linked": refused.not_linked,
                   "throttled": refused.reason == "throttled"}, status=403)


@require_GET
def start(request: HttpRequest, force: str) -> HttpResponse:
    provider = _provider(force)
    wanted = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        wanted = reverse("portal:home")
    try:
        url = sso.begin(request=request, provider=provider,
                        redirect_uri=_callback_uri(request, force), next_url=wanted)
    except sso.SignInRefused as refused:
        return _refused(request, provider, refused)
    return redirect(url)


@require_GET
def callback(request: HttpRequest, force: str) -> HttpResponse:
    provider = _provider(force)
    try:
        go_on = sso.finish(request=request, provider=provider, params=request.GET.dict(),
                           redirect_uri=_callback_uri(request, force))
    except sso.SignInRefused as refused:
        return _refused(request, provider, refused)
    return redirect(go_on)
