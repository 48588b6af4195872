"""POST /api/v1/leaflet-issues and GET /api/v1/leaflet-issues/<id>."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse

from api import services
from api.bodies import read_json
from api.endpoint import ApiCall, endpoint
from api.idempotency import check_key, request_hash
from api.issuing import IssueRejected
from api.problems import ApiProblem, FieldError, ProblemKind
from api.scopes import Scope
from organisations.models import OrganisationKind


@endpoint(method="POST", scope=Scope.LEAFLETS_ISSUE)
def create_issue(call: ApiCall) -> HttpResponse:
    if call.api_key.organisation.kind != OrganisationKind.FORCE:
        # Leaflets are given by the police: a support service's key never issues one, whatever
        # scopes it was given.
        raise ApiProblem(ProblemKind.FORBIDDEN, "Only a police force's key can issue leaflets.")
    body = read_json(call.request, schema="IssueRequest")
    header = call.request.headers.get("Idempotency-Key")
    key = check_key(header) if header is not None else None
    fingerprint = request_hash(method="POST", path=call.request.path, body=call.request.body)
    try:
        answer = services.issue_for_api(api_key=call.api_key, body=body, idempotency_key=key,
                                        fingerprint=fingerprint)
    except IssueRejected as rejected:
        raise ApiProblem(ProblemKind.VALIDATION, "Correct the fields listed in errors.",
                         errors=[FieldError(f"/{name}", message)
                                 for name, message in sorted(rejected.errors.items())]) from None
    return JsonResponse(answer.body, status=answer.status)


@endpoint(method="GET", scope=Scope.LEAFLETS_READ)
def issue_detail(call: ApiCall) -> HttpResponse:
    body = services.issue_detail(api_key=call.api_key, issue_id=int(call.kwargs["issue_id"]))
    if body is None:
        raise ApiProblem(ProblemKind.NOT_FOUND, "No leaflet issue of your organisation has "
                                                "this id.")
    return JsonResponse(body)
