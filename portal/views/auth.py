"""Log-in (throttled), log-out, and the landing page that sends each role to its work."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from organisations.roles import Role
from organisations.services import is_force_member, role_of
from portal import sso
from portal.forms import ThrottledLoginForm
from portal.sso_config import all_providers

HOME_BY_ROLE = {
    Role.OFFICER: "portal:give",
    Role.SUPERVISOR: "portal:dashboard",
    Role.CASEWORKER: "portal:inbox",
    Role.ADMIN: "admin:index",
}


class LoginView(auth_views.LoginView):
    template_name = "portal/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["identity_providers"] = all_providers()  # a "Sign in with ..." button each
        return context


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out of the portal, and of the force's identity provider when it signed this session
    in (the provider asks the person to confirm, then sends them back to the sign-in page)."""
    signed_out_page = request.build_absolute_uri(reverse("portal:login"))
    provider_page = sso.sign_out(request, signed_out_page=signed_out_page)
    return redirect(provider_page or reverse("portal:login"))


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    if role is None:
        return render(request, "portal/no_role.html", status=403)
    if role is Role.ADMIN and is_force_member(request.user):
        return redirect("portal:force_setup_home")  # a force's admin starts at its checklist
    return redirect(HOME_BY_ROLE[role])


def admin_login(request: HttpRequest) -> HttpResponse:
    """``/admin/login/``: the admin has no log-in form of its own. Everyone signs in through the
    portal's throttled, audited log-in, so a lock on the portal is a lock on the admin too."""
    wanted = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        wanted = reverse("admin:index")
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return redirect(wanted)
        # Sending them to the log-in page would loop straight back here.
        return render(request, "portal/no_admin.html", status=403)
    return redirect(f"{reverse('portal:login')}?{urlencode({'next': wanted})}")
