"""The one wrapper every API view goes through: method, API key, scope, rate limit, errors.

API views accept only ``Authorization: Bearer`` keys, never a session cookie, so they are
exempt from CSRF (a browser cannot attach a bearer key on its own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from api.keys import authenticate, has_scope
from api.models import ApiKey
from api.problems import ApiProblem, ProblemKind, problem_response
from api.ratelimit import check_rate
from api.scopes import Scope


@dataclass(frozen=True)
class ApiCall:
    request: HttpRequest
    api_key: ApiKey
    kwargs: dict[str, Any]


Handler = Callable[[ApiCall], HttpResponse]
View = Callable[..., HttpResponse]


def _authorise(request: HttpRequest, scope: Scope) -> ApiKey:
    api_key = authenticate(authorization=request.headers.get("Authorization", ""))
    if api_key is None:
        raise ApiProblem(ProblemKind.UNAUTHORISED,
                         "Send 'Authorization: Bearer <key>' with an active API key.",
                         headers={"WWW-Authenticate": 'Bearer realm="signpost"'})
    if not has_scope(api_key, scope):
        raise ApiProblem(ProblemKind.FORBIDDEN, f"This key lacks the scope {scope.value}.")
    rate = check_rate(api_key=api_key)
    if not rate.allowed:
        raise ApiProblem(ProblemKind.RATE_LIMITED,
                         f"At most {rate.limit} requests a minute per key.",
                         headers={"Retry-After": str(rate.retry_after_s)})
    return api_key


def endpoint(*, method: str, scope: Scope) -> Callable[[Handler], View]:
    """Wrap a handler: 405 for another method, 401/403/429 before it runs, problems answered."""

    def decorate(handler: Handler) -> View:
        @csrf_exempt
        @wraps(handler)
        def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            try:
                if request.method != method:
                    raise ApiProblem(ProblemKind.METHOD, f"Use {method}.",
                                     headers={"Allow": method})
                api_key = _authorise(request, scope)
                return handler(ApiCall(request=request, api_key=api_key, kwargs=kwargs))
            except ApiProblem as problem:
                return problem_response(problem)

        return view

    return decorate
