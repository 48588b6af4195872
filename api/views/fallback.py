"""Django's 404 handler: under /api/ a problem+json answer (RFC 9457), elsewhere the usual page.

A path under /api/v1/ that no route matches (``leaflet-issues/abc``, an unknown resource)
never reaches an API view, so without this a client would get an HTML page it cannot read.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.defaults import page_not_found

from api.problems import ApiProblem, ProblemKind, problem_response

API_PREFIX = "/api/"


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return problem_response(ApiProblem(
            ProblemKind.NOT_FOUND, "No such API resource: see /api/v1/openapi.json."))
    return page_not_found(request, exception)
