"""The delivery log for logged-in staff: a timeline page and its CSV export."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from messaging.timeline import TimelineRow, message_timeline, subject_timeline, to_csv

VIEW = "messaging.view_deliveryevent"
EXPORT = "messaging.export_deliverylog"


def _message_rows(message_id: uuid.UUID) -> list[TimelineRow]:
    rows = message_timeline(message_id=message_id)
    if rows is None:
        raise Http404("No such message.")
    return rows


def _csv(rows: list[TimelineRow], name: str) -> HttpResponse:
    response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_GET
@login_required
@permission_required(VIEW, raise_exception=True)
def message_log(request: HttpRequest, message_id: uuid.UUID) -> HttpResponse:
    rows = _message_rows(message_id)
    return render(request, "messaging/timeline.html",
                  {"rows": rows, "title": f"Message {message_id}",
                   "csv_url": reverse("messaging:message_log_csv", args=[message_id])})


@require_GET
@login_required
@permission_required(EXPORT, raise_exception=True)
def message_log_csv(request: HttpRequest, message_id: uuid.UUID) -> HttpResponse:
    return _csv(_message_rows(message_id), f"message-{message_id}")


@require_GET
@login_required
@permission_required(VIEW, raise_exception=True)
def subject_log(request: HttpRequest, about_type: str, about_id: str) -> HttpResponse:
    rows = subject_timeline(about_type=about_type, about_id=about_id)
    return render(request, "messaging/timeline.html",
                  {"rows": rows, "title": f"{about_type} {about_id}",
                   "csv_url": reverse("messaging:subject_log_csv", args=[about_type, about_id])})


@require_GET
@login_required
@permission_required(EXPORT, raise_exception=True)
def subject_log_csv(request: HttpRequest, about_type: str, about_id: str) -> HttpResponse:
    return _csv(subject_timeline(about_type=about_type, about_id=about_id),
                f"{about_type}-{about_id}")
