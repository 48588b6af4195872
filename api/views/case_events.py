"""POST /api/v1/case-events: a decision in an investigation, told to its victims."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse

from api.bodies import read_json
from api.case_events import record_for_api
from api.endpoint import ApiCall, endpoint
from api.idempotency import check_key, request_hash
from api.problems import ApiProblem, FieldError, ProblemKind
from api.scopes import Scope
from caseupdates.events import EventRejected


@endpoint(method="POST", scope=Scope.CASE_EVENTS_WRITE)
def record_event(call: ApiCall) -> HttpResponse:
    body = read_json(call.request, schema="CaseEventRequest")
    header = call.request.headers.get("Idempotency-Key")
    key = check_key(header) if header is not None else None
    fingerprint = request_hash(method="POST", path=call.request.path, body=call.request.body)
    try:
        answer = record_for_api(api_key=call.api_key, body=body, idempotency_key=key,
                                fingerprint=fingerprint)
    except EventRejected as rejected:
        raise ApiProblem(ProblemKind.VALIDATION, "Correct the fields listed in errors.",
                         errors=[FieldError(f"/{name}", message)
                                 for name, message in sorted(rejected.errors.items())]) from None
    return JsonResponse(answer.body, status=answer.status)
