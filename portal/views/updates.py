"""The officer's case-update pages: updates due (overdue first), give one by phone, record a
decision, and a victim's update choices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from audit.actions import AuditAction
from audit.services import record_event as audit
from caseupdates.due import due_list
from caseupdates.events import EventRejected, EventSource, record_event
from caseupdates.followup import NotOpen, given_by_phone, set_choices
from caseupdates.kinds import RIGHT_6, EventKind
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.replies import ReplyRefused, send_reply
from caseupdates.statuses import UpdateFrequency
from caseupdates.thread import case_thread
from organisations.roles import Role
from portal.access import membership, roles_required
from portal.update_forms import FREQUENCY_WORDS, CaseEventForm, ChoicesForm, ReplyForm

REASON_WORDS = {
    "not-safe-to-text": "Not safe to text: call",
    "number-shared-with-suspect": "Number shared with the suspect: call",
    "asked-to-be-called": "Asked to be called",
    "opted-out-of-texts": "Opted out of texts: call if they still want updates",
    "no-contact-details": "No number or email: call or write",
    "text-not-delivered": "Text not delivered: call",
}


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (roles_required guarantees a logged-in user)
    return user


def _theirs(request: HttpRequest) -> Q:
    """The officer's own cases and their units' (the cases "Updates due" lists)."""
    member = membership(request)
    return Q(organisation=member.organisation) & (
        Q(officer=_user(request)) | Q(unit__in=list(member.units.all())))


def _mine(request: HttpRequest, pk: int) -> CaseUpdate:
    update = (CaseUpdate.objects.select_related("case")
              .filter(pk=pk, case__in=VictimCase.objects.filter(_theirs(request))).first())
    if update is None:
        raise Http404("No such update.")
    return update


@roles_required(Role.OFFICER)
def updates_due(request: HttpRequest) -> HttpResponse:
    member = membership(request)
    rows = due_list(officer=_user(request), units=list(member.units.all()), now=timezone.now())
    return render(request, "portal/updates_due.html", {
        "rows": rows, "kinds": {k.value: RIGHT_6[k] for k in EventKind},
        "reasons": REASON_WORDS})


@require_POST
@roles_required(Role.OFFICER)
def update_by_phone(request: HttpRequest, pk: int) -> HttpResponse:
    update = _mine(request, pk)
    try:
        given_by_phone(update=update, officer=_user(request), role=membership(request).role)
    except NotOpen as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Recorded: update given by phone.")
    return redirect("portal:updates_due")


@require_http_methods(["GET", "POST"])
@roles_required(Role.OFFICER)
def case_event(request: HttpRequest) -> HttpResponse:
    form = CaseEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = record_event(
                organisation=membership(request).organisation,
                crime_reference=data["crime_reference"], kind=data["kind"],
                decided_at=data["decided_at"], court_at=data["court_at"],
                court_place=data["court_place"], officer_note=data["officer_note"],
                source=EventSource.PORTAL, recorded_by=_user(request))
        except EventRejected as rejected:
            for name, message in rejected.errors.items():
                form.add_error(name if name in form.fields else None, message)
        else:
            count = len(recorded.updates)
            messages.success(request, f"Recorded. {count} victim(s) will be told." if count else
                             "Recorded. No victim has this crime reference yet: they will be "
                             "told when the leaflet is given.")
            return redirect("portal:updates_due")
    return render(request, "portal/case_event.html", {"form": form})


@require_http_methods(["GET", "POST"])
@roles_required(Role.OFFICER)
def case_choices(request: HttpRequest, pk: int) -> HttpResponse:
    member = membership(request)
    case = VictimCase.objects.filter(_theirs(request), pk=pk).first()
    if case is None:
        raise Http404("No such case.")
    form = ChoicesForm(request.POST or None, initial={
        "update_frequency": case.update_frequency,
        "shared_with_suspect": case.shared_with_suspect})
    if request.method == "POST" and form.is_valid():
        set_choices(case=case, frequency=UpdateFrequency(form.cleaned_data["update_frequency"]),
                    shared_with_suspect=form.cleaned_data["shared_with_suspect"],
                    officer=_user(request), role=member.role)
        messages.success(request, "The victim's update choices are saved.")
        return redirect("portal:updates_due")
    return render(request, "portal/case_choices.html", {
        "form": form, "case": case, "words": FREQUENCY_WORDS})


@require_http_methods(["GET", "POST"])
@roles_required(Role.OFFICER)
def case_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's thread (updates, their delivery, the victim's replies, the assistant's answers,
    phone calls, the officer's messages) and a form to send the victim a message."""
    member = membership(request)
    case = VictimCase.objects.select_related("leaflet_issue__organisation").filter(
        _theirs(request), pk=pk).first()
    if case is None:
        raise Http404("No such case.")
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            send_reply(case=case, officer=_user(request), role=member.role,
                       text=form.cleaned_data["text"])
        except ReplyRefused as refused:
            messages.error(request, f"Not sent. {REASON_WORDS[refused.reason.value]}.")
        except ValueError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, "Sent to the victim.")
            return redirect("portal:case_messages", pk=case.pk)
    audit(actor=_user(request), role=member.role, action=AuditAction.VIEW_RECORD,
          object_type="caseupdates.victimcase", object_id=case.pk, reason="case messages viewed")
    return render(request, "portal/case_messages.html", {
        "case": case, "form": form, "entries": case_thread(case=case)})
