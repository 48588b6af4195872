"""POST /api/v1/crime-reports: a batch of crime reports for provision figures."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse

from api import services
from api.bodies import read_json
from api.endpoint import ApiCall, endpoint
from api.problems import ApiProblem, FieldError, ProblemKind
from api.scopes import Scope
from crimes.services import ReportsRejected


@endpoint(method="POST", scope=Scope.CRIMES_LOAD)
def load_reports(call: ApiCall) -> HttpResponse:
    body = read_json(call.request, schema="CrimeReportBatch")
    try:
        result = services.load_crime_reports(api_key=call.api_key, reports=body["reports"])
    except ReportsRejected as rejected:
        raise ApiProblem(
            ProblemKind.VALIDATION,
            rejected.problem or "Nothing was stored: correct the reports listed in errors.",
            errors=[FieldError(f"/reports/{e.row}/{e.field}", e.message)
                    for e in rejected.errors],
        ) from None
    return JsonResponse({"created": result.created, "updated": result.updated})
