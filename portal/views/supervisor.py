"""The supervisor's dashboard (charts with their tables) and the CSV export of each table."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from audit.actions import AuditAction
from audit.services import record_event
from i18n.languages import is_known, language
from organisations.models import Membership
from organisations.roles import Role
from portal import dashboard, dashboard_referrals, dashboard_timeliness, dashboard_trend
from portal.access import membership, roles_required
from portal.charts import bar_chart
from portal.dashboard import NONE
from portal.dashboard_drill import (
    OUTCOME_WORDS,
    PAGE_SIZE,
    DrillForm,
    ReferralDrillForm,
    drilled,
    drilled_referrals,
)
from portal.forms import DashboardFilterForm
from portal.issue_status import issue_rows

TABLES: dict[str, Callable[[dashboard.Scope], dashboard.Table | None]] = {
    "trend": dashboard_trend.trend,
    "units": dashboard.by_unit,
    "officers": dashboard.by_officer,
    "channels": dashboard.by_channel,
    "languages": dashboard.by_language,
    "failures": dashboard.failures,
    "consent": dashboard_referrals.consent_decisions,
    "referrals": dashboard_referrals.referral_statuses,
    "needs": dashboard_referrals.needs_and_enhanced,
    "provision": dashboard.provision,
    "timeliness": dashboard_timeliness.timeliness,
}


HEADLINE_LINKS: dict[str, dashboard.Narrowing] = {
    "issued": {}, "opened": {"opened": "yes"},
    "delivered": {"channel": "sms", "message": "delivered"},
    "accepted": {"channel": "email", "message": "accepted"},
    "not_delivered": {"message": "failed"},
}


def _drill_url(scope: dashboard.Scope, narrowing: dashboard.Narrowing,
               drill: str = "issues") -> str:
    """The issues behind a figure: the scope (period, units) and the figure's narrowing."""
    query = QueryDict(mutable=True)
    query["start"], query["end"] = scope.start.isoformat(), scope.end.isoformat()
    query.setlist("units", [str(unit.pk) for unit in scope.units])
    for name, value in narrowing.items():
        query[name] = value
    return f"{reverse(f'portal:dashboard_{drill}')}?{query.urlencode()}"


def _linked_rows(scope: dashboard.Scope, table: dashboard.Table
                 ) -> list[list[tuple[dashboard.Cell, str]]]:
    """Each cell with the link to the issues behind it ("" when it is not such a count)."""
    rows = []
    for row_index, row in enumerate(table.rows):
        cells = []
        for column, cell in enumerate(row):
            narrowing = table.narrowing(row_index, column)
            linked = narrowing is not None and isinstance(cell, int) and cell > 0
            cells.append((cell, _drill_url(scope, narrowing, table.drill)
                          if linked and narrowing is not None else ""))
        rows.append(cells)
    return rows


def _scope(request: HttpRequest, member: Membership) -> tuple[DashboardFilterForm,
                                                              dashboard.Scope]:
    form = DashboardFilterForm(request.GET or None, membership=member)
    mine = tuple(member.units.all())
    today = timezone.localdate()
    start = form.fields["start"].initial or today
    end = form.fields["end"].initial or today
    units = mine
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        units = tuple(form.cleaned_data["units"]) or mine
    return form, dashboard.Scope(organisation=member.organisation, units=units, start=start,
                                 end=end)


@require_GET
@roles_required(Role.SUPERVISOR)
def dashboard_page(request: HttpRequest) -> HttpResponse:
    form, scope = _scope(request, membership(request))
    tables = []
    for key, build in TABLES.items():
        table = build(scope)
        if table is None:
            continue
        chart = ""
        if table.chart_column >= 0:
            column = [row[table.chart_column] for row in table.rows]
            chart = bar_chart(title=table.title, labels=[str(row[0]) for row in table.rows],
                              values=[value if isinstance(value, int) else 0 for value in column])
        tables.append({"key": key, "table": table, "cells": _linked_rows(scope, table),
                       "chart": mark_safe(chart)})  # noqa: S308 (escaped in bar_chart)
    return render(request, "portal/dashboard.html", {
        "form": form, "scope": scope, "tables": tables,
        "headline": dashboard.headline(scope),
        "links": {name: _drill_url(scope, narrowing) for name, narrowing in HEADLINE_LINKS.items()},
        "comparison": dashboard_trend.comparison(scope), "query": request.GET.urlencode()})


@require_GET
@roles_required(Role.SUPERVISOR)
def dashboard_issues(request: HttpRequest) -> HttpResponse:
    """The issues behind a dashboard figure, within the supervisor's units, a page at a time."""
    form, scope = _scope(request, membership(request))
    drill = DrillForm(request.GET)
    narrowing = drill.cleaned_data if drill.is_valid() else {}
    page = Paginator(drilled(scope, narrowing), PAGE_SIZE).get_page(request.GET.get("page"))
    officers = dashboard.officer_names([issue.issued_by_id for issue in page
                                        if issue.issued_by_id is not None])
    rows = [(row, officers.get(row.issue.issued_by_id or 0, NONE),
             language(row.issue.language).english_name if is_known(row.issue.language)
             else row.issue.language) for row in issue_rows(list(page))]
    words = {"opened": "opened", "message": OUTCOME_WORDS.get(narrowing.get("message", ""), "")}
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "portal/dashboard_issues.html", {
        "form": form, "drill": drill, "scope": scope, "page": page, "rows": rows,
        "narrowing": {key: value for key, value in narrowing.items() if value},
        "words": words, "query": query.urlencode(),
        "back": f"{reverse('portal:dashboard')}?{request.GET.urlencode()}"})


@require_GET
@roles_required(Role.SUPERVISOR)
def dashboard_referral_list(request: HttpRequest) -> HttpResponse:
    """The referrals behind a dashboard figure, within the supervisor's units."""
    _form, scope = _scope(request, membership(request))
    drill = ReferralDrillForm(request.GET)
    narrowing = drill.cleaned_data if drill.is_valid() else {}
    page = Paginator(drilled_referrals(scope, narrowing), PAGE_SIZE).get_page(
        request.GET.get("page"))
    officers = dashboard.officer_names([referral.referrer_id for referral in page
                                        if referral.referrer_id is not None])
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "portal/dashboard_referrals.html", {
        "drill": drill, "scope": scope, "page": page,
        "rows": [(referral, officers.get(referral.referrer_id or 0, NONE)) for referral in page],
        "status": narrowing.get("status", ""), "query": query.urlencode(),
        "back": f"{reverse('portal:dashboard')}?{request.GET.urlencode()}"})


@require_GET
@roles_required(Role.SUPERVISOR)
def dashboard_csv(request: HttpRequest, key: str) -> HttpResponse:
    build = TABLES.get(key)
    if build is None:
        raise Http404("No such table.")
    member = membership(request)
    _form, scope = _scope(request, member)
    table = build(scope)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if table is not None:
        writer.writerows(dashboard.csv_rows(table, scope))
    record_event(actor=request.user, role=member.role, action=AuditAction.EXPORT,
                 object_type="dashboard-table", object_id=key,
                 detail={"start": scope.start.isoformat(), "end": scope.end.isoformat(),
                         "units": [unit.pk for unit in scope.units]})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="signpost-{key}-{scope.start}-{scope.end}.csv"')
    return response
