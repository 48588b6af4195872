"""The supervisor's Victims' Code compliance: by unit, officer and month, the cases behind each
number, the CSV (audited) and the quarterly figures in the shape returned to the MoJ."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.actions import AuditAction
from audit.services import record_event
from caseupdates.compliance import LABELS, Measure, Scope, drill_down, quarterly, share, table
from caseupdates.workdays import UK
from organisations.roles import Role
from portal.access import membership, roles_required

GROUPING = ("unit", "officer", "month")  # the finest grouping: the CSV's, and drill-down filters
# The page shows a unit's month first (a force's year is a few hundred rows), and each officer's
# only when asked: by unit, officer and month a force's year is tens of thousands of rows.
PAGE_GROUPINGS = {"unit": ("unit", "month"), "officer": GROUPING}


def _month(raw: str, default: date) -> date:
    try:
        return datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        return default


def _scope(request: HttpRequest) -> tuple[Scope, date, date]:
    member = membership(request)
    today = timezone.localdate()
    first = today.replace(day=1)
    start = _month(request.GET.get("start", ""), date(first.year - (first.month <= 2),
                                                       (first.month - 3) % 12 + 1, 1))
    end = _month(request.GET.get("end", ""), first)
    after_end = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    scope = Scope(organisation=member.organisation, units=list(member.units.all()),
                  start=datetime.combine(start, time(0), tzinfo=UK),
                  end=datetime.combine(after_end, time(0), tzinfo=UK), now=timezone.now())
    return scope, start, end


@require_GET
@roles_required(Role.SUPERVISOR)
def compliance_page(request: HttpRequest) -> HttpResponse:
    scope, start, end = _scope(request)
    period = {"start": start.strftime("%Y-%m"), "end": end.strftime("%Y-%m")}
    by = request.GET.get("by", "unit")
    grouping = PAGE_GROUPINGS.get(by, PAGE_GROUPINGS["unit"])
    rows = []
    for group in table(scope, by=grouping):
        filters = dict(zip(grouping, group.key, strict=True))
        cells = [{"measure": m, "met": group.met[m], "applies": group.applies[m],
                  "share": share(group.met[m], group.applies[m]),
                  "missed": urlencode({**period, **filters, "measure": m.value, "met": "no"})}
                 for m in Measure]
        rows.append({"key": group.key, "cases": group.cases, "cells": cells})
    return render(request, "portal/compliance.html", {
        "rows": rows, "labels": LABELS, "measures": list(Measure), "period": period,
        "by_officer": grouping == GROUPING, "query": urlencode(period),
        "other_view": urlencode({**period, "by": "unit" if grouping == GROUPING else "officer"}),
        "quarters": [
            (quarter, label, applies, met, share(met, applies))
            for quarter, label, applies, met in quarterly(scope)]})


@require_GET
@roles_required(Role.SUPERVISOR)
def compliance_cases(request: HttpRequest) -> HttpResponse:
    scope, _start, _end = _scope(request)
    try:
        measure = Measure(request.GET.get("measure", ""))
    except ValueError:
        raise Http404("No such measure.") from None
    filters = {name: request.GET[name] for name in GROUPING if name in request.GET}
    met = request.GET.get("met") == "yes"
    cases = drill_down(scope, measure=measure, met=met, filters=filters)
    return render(request, "portal/compliance_cases.html", {
        "cases": cases, "label": LABELS[measure], "met": met, "filters": filters})


@require_GET
@roles_required(Role.SUPERVISOR)
def compliance_csv(request: HttpRequest) -> HttpResponse:
    member = membership(request)
    scope, start, end = _scope(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["unit", "officer", "month", "cases",
                     *[f"{LABELS[m]} ({suffix})" for m in Measure for suffix in ("met", "of")]])
    for group in table(scope, by=GROUPING):
        writer.writerow([*group.key, group.cases,
                         *[value for m in Measure for value in (group.met[m], group.applies[m])]])
    record_event(actor=request.user, role=member.role, action=AuditAction.EXPORT,
                 object_type="compliance-table", object_id="victims-code",
                 detail={"start": start.isoformat(), "end": end.isoformat()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="signpost-compliance-{start:%Y-%m}-{end:%Y-%m}.csv"')
    return response
