"""The officer's pages: give the leaflet (QR now, SMS, email), my leaflets, resend."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from i18n.languages import is_known, language
from leaflets.giving import Giver, give_leaflet
from leaflets.models import LeafletIssue
from leaflets.qr import qr_svg
from leaflets.statuses import IssueChannel
from messaging.contacts import ContactError
from messaging.statuses import Channel, Origin
from organisations.roles import Role
from organisations.services import own_units
from portal import giving
from portal.access import membership, roles_required
from portal.forms import GiveLeafletForm, SceneForm
from portal.issue_status import issue_rows, officer_issues
from portal.scene import (
    consent_statement,
    record_at_scene,
    translated_statement,
    victim_recipient,
)
from referrals.models import Referral
from referrals.services import default_support_service
from referrals.statuses import ConsentDecision, EventKind, ReferralStatus


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (roles_required guarantees a logged-in user)
    return user


def _inline_svg(svg: str) -> str:
    return svg[svg.index("<svg"):] if "<svg" in svg else svg


@require_http_methods(["GET", "POST"])
@roles_required(Role.OFFICER)
def give(request: HttpRequest) -> HttpResponse:
    member = membership(request)
    form = GiveLeafletForm(request.POST or None, membership=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            given = give_leaflet(
                organisation=member.organisation, origin=Origin.OFFICER,
                giver=Giver(user=_user(request), role=member.role),
                unit=data["unit"] or own_units(member).first(),
                language=data["language"],
                channels=[IssueChannel(value) for value in data["channels"]],
                phone=data["phone"], email=data["email"],
                crime_reference=data["crime_reference"])
        except ContactError as error:
            form.add_error("phone" if "number" in str(error) else "email", str(error))
        else:
            if IssueChannel.QR in given.issue.channel_list:
                # The token exists only now: the QR page is the answer to this POST.
                return render(request, "portal/qr.html", {
                    "issue": given.issue, "short_url": given.issued.short_url,
                    "typed_url": given.issued.typed_url,
                    "qr": mark_safe(_inline_svg(qr_svg(given.issued.short_url))),  # noqa: S308
                    "language": language(given.issue.language), "sent": given.messages})
            messages.success(request, "The leaflet is on its way. Its status is below.")
            return redirect(f"{reverse('portal:my_leaflets')}?given={given.issue.pk}")
    return render(request, "portal/give.html", {"form": form})


@roles_required(Role.OFFICER)
def my_leaflets(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    search = request.GET.get("q", "").strip()[:64]
    before_text = request.GET.get("before", "")
    before = int(before_text) if before_text.isdigit() else None
    size = settings.PORTAL_PAGE_SIZE
    issues = list(officer_issues(officer=user, limit=size + 1, crime_reference=search,
                                 before=before))
    older = ""
    if len(issues) > size:
        issues = issues[:size]
        older = urlencode({"q": search, "before": issues[-1].pk})
    rows = issue_rows(issues)
    given_text = request.GET.get("given", "")
    given = (LeafletIssue.objects.filter(pk=int(given_text), issued_by=user).first()
             if given_text.isdigit() else None)
    returned = (Referral.objects.filter(referrer=user, status=ReferralStatus.RETURNED.value)
                .prefetch_related("events").order_by("-updated_at")[:20])
    returned_rows = []
    for referral in returned:
        reasons = [e.reason for e in referral.events.all()
                   if e.kind == EventKind.STATUS.value and e.to_status == "returned"]
        returned_rows.append((referral, reasons[-1] if reasons else ""))
    return render(request, "portal/my_leaflets.html", {
        "rows": rows, "returned": returned_rows, "search": search, "older": older,
        "paged": before is not None, "given": given,
        "language_names": {row.issue.language: _language_name(row.issue.language)
                           for row in rows}})


def _language_name(code: str) -> str:
    return language(code).english_name if is_known(code) else code


def _own_issue(request: HttpRequest, pk: int) -> LeafletIssue:
    issue = LeafletIssue.objects.filter(pk=pk, issued_by=_user(request)).first()
    if issue is None:
        raise Http404("No such leaflet of yours.")
    return issue


@require_POST
@roles_required(Role.OFFICER)
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _own_issue(request, pk)
    try:
        channel = Channel(request.POST.get("channel", ""))
    except ValueError as error:
        raise Http404("No such channel.") from error
    try:
        giving.resend(issue=issue, channel=channel, officer=_user(request),
                      role=membership(request).role)
    except ContactError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Sent again. Its status is below.")
    return redirect("portal:my_leaflets")


@require_http_methods(["GET", "POST"])
@roles_required(Role.OFFICER)
def scene(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the victim's needs and referral consent on their behalf, at the scene."""
    issue = _own_issue(request, pk)
    form = SceneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recipient = victim_recipient(issue, data["phone"])
            record = record_at_scene(
                issue=issue, officer=_user(request), recipient=recipient,
                answers=form.answers(), crime_type=data["crime_type"],
                safe_phone=data["safe_phone"], victim_name=data["victim_name"],
                called_name=data["called_name"],
                decision=ConsentDecision(data["decision"]) if data["decision"] else None)
        except (ContactError, ValueError) as error:
            form.add_error("phone", str(error))
        else:
            done = "Needs recorded."
            if record.referral is not None:
                done += f" Referral {record.referral.reference} sent to the support service."
            elif record.consent is not None:
                done += " Their answer to the referral was recorded."
            messages.success(request, done)
            return redirect("portal:my_leaflets")
    service = default_support_service()
    return render(request, "portal/scene.html", {
        "form": form, "issue": issue, "statement": consent_statement(service),
        "translated": translated_statement(service, issue.language)})
