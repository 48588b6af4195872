"""GET /api/v1/openapi.json: the OpenAPI document (public: it holds no data)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from api.openapi import document


@require_GET
def openapi_document(request: HttpRequest) -> HttpResponse:
    return JsonResponse(document())
