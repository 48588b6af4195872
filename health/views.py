from __future__ import annotations

from ipaddress import ip_network

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from health.access import FORWARDING_HEADERS, scrape_allowed
from health.metrics import exposition
from health.probes import run_all
from organisations.services import message_providers


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """JSON: for each process, whether it answers; 200 when all do, 503 otherwise; and which
    providers carry the force's texts and emails."""
    chosen = message_providers(default_sms=settings.SIGNPOST_SMS_PROVIDER,
                               default_email=settings.SIGNPOST_EMAIL_PROVIDER)
    results = run_all(sms_provider=chosen.sms, email_provider=chosen.email)
    all_up = all(result.up for result in results)
    body = {
        "status": "ok" if all_up else "degraded",
        "providers": {"sms": chosen.sms, "email": chosen.email},
        "processes": {result.name: result.as_dict() for result in results},
    }
    return JsonResponse(body, status=200 if all_up else 503)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text; 404 to anyone outside ``SIGNPOST_METRICS_NETWORKS`` or behind a proxy."""
    allowed = scrape_allowed(
        remote_addr=request.META.get("REMOTE_ADDR", ""),
        forwarded=any(header in request.META for header in FORWARDING_HEADERS),
        networks=[ip_network(net) for net in settings.SIGNPOST_METRICS_NETWORKS],
    )
    if not allowed:
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
