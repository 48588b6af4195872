"""The second step of signing in: a code from the authenticator app (or a recovery code), and
the one-time enrolment that sets the app up and shows the recovery codes once."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from leaflets.qr import qr_svg
from portal import second_factor


def _inline_svg(url: str) -> str:
    """The QR code as inline SVG: made by qrcode from the URL as drawn modules, no text."""
    svg = qr_svg(url)
    return mark_safe(svg[svg.index("<svg"):])  # noqa: S308


class CodeForm(forms.Form):
    code = forms.CharField(label="Code", max_length=32,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "inputmode": "numeric"}))


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return wanted
    return reverse("portal:home")


@require_http_methods(["GET", "POST"])
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not second_factor.is_enrolled(user):
        return redirect(f"{reverse('portal:second_factor_enrol')}?"
                        f"{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if second_factor.verify(request=request, code=form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", "That code did not work. Type the 6 digits your app shows now, "
                               "or one of your recovery codes.")
    return render(request, "portal/second_factor.html", {"form": form, "next": _next(request)})


@require_http_methods(["GET", "POST"])
@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if second_factor.is_enrolled(user):
        # A second enrolment would let whoever holds the password replace the app.
        return redirect(f"{reverse('portal:second_factor')}?{urlencode({'next': _next(request)})}")
    device = second_factor.pending_app_device(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        done = second_factor.confirm_enrolment(request=request, code=form.cleaned_data["code"])
        if done.confirmed:
            return render(request, "portal/recovery_codes.html",
                          {"codes": done.recovery_codes, "next": _next(request)})
        form.add_error("code", "That code did not work. Type the 6 digits your app shows now.")
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return render(request, "portal/second_factor_enrol.html",
                  {"form": form, "next": _next(request), "qr": _inline_svg(device.config_url),
                   "secret": secret})
