from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from health.probes import run_all


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """JSON: for each process, whether it answers; 200 when all do, 503 otherwise."""
    results = run_all()
    all_up = all(result.up for result in results)
    body = {
        "status": "ok" if all_up else "degraded",
        "processes": {result.name: result.as_dict() for result in results},
    }
    return JsonResponse(body, status=200 if all_up else 503)
