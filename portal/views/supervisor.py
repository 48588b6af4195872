"""The supervisor's dashboard (charts with their tables) and the CSV export of each table."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from audit.actions import AuditAction
from audit.services import record_event
from organisations.models import Membership
from organisations.roles import Role
from portal import dashboard, dashboard_referrals, dashboard_timeliness, dashboard_trend
from portal.access import membership, roles_required
from portal.charts import bar_chart
from portal.forms import DashboardFilterForm

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
        tables.append({"key": key, "table": table,
                       "chart": mark_safe(chart)})  # noqa: S308 (escaped in bar_chart)
    return render(request, "portal/dashboard.html", {
        "form": form, "scope": scope, "tables": tables,
        "headline": dashboard.headline(scope),
        "comparison": dashboard_trend.comparison(scope), "query": request.GET.urlencode()})


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
