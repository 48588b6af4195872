"""Log-in (throttled), log-out, and the landing page that sends each role to its work."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from organisations.roles import Role
from organisations.services import role_of
from portal.forms import ThrottledLoginForm

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


class LogoutView(auth_views.LogoutView):
    pass


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    if role is None:
        return render(request, "portal/no_role.html", status=403)
    return redirect(HOME_BY_ROLE[role])
