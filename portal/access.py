"""Who may open which portal page: one decorator per page, naming the roles it serves."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from organisations.models import Membership
from organisations.roles import Role
from organisations.services import membership_of

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]


def roles_required(*roles: Role) -> Callable[[View[P]], View[P]]:
    """Log-in required; then a membership with one of ``roles``, or 403."""

    def decorator(view: View[P]) -> View[P]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_of(request.user)
            if membership is None or Role(membership.role) not in roles:
                raise PermissionDenied("Your role cannot open this page.")
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapped.portal_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def membership(request: HttpRequest) -> Membership:
    """The membership ``roles_required`` attached to the request."""
    found: Membership = request.membership  # type: ignore[attr-defined]
    return found
