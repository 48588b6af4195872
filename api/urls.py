"""Routes of /api/v1/. Every route here is described in ``api.openapi.OPERATIONS`` (tested)."""

from django.urls import path

from api.views import case_events, crime_reports, document, issues

app_name = "api"

urlpatterns = [
    path("leaflet-issues", issues.create_issue, name="issues"),
    path("leaflet-issues/<int:issue_id>", issues.issue_detail, name="issue"),
    path("crime-reports", crime_reports.load_reports, name="crime_reports"),
    path("case-events", case_events.record_event, name="case_events"),
    path("openapi.json", document.openapi_document, name="openapi"),
]
