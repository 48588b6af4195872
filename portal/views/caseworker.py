"""The caseworker's pages: the referral inbox, a referral, its actions and notes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from i18n.languages import is_known, language
from organisations.roles import Role
from portal import inbox
from portal.access import membership, roles_required
from portal.forms import AssignForm, NoteForm, ReferralActionForm, RevealForm
from referrals import labels
from referrals import services as referral_services
from referrals.models import Referral
from referrals.needs import QUESTIONS
from referrals.statuses import ReferralOutcome, ReferralStatus
from referrals.timeliness import timeliness


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (roles_required guarantees a logged-in user)
    return user


@require_GET
@roles_required(Role.CASEWORKER)
def inbox_page(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    source = request.GET.get("source", "")
    flag = request.GET.get("flag", "")
    search = request.GET.get("q", "").strip()[:40]
    page_size = settings.PORTAL_PAGE_SIZE
    referrals = list(inbox.inbox(membership=membership(request), status=status, source=source,
                                 flag=flag, search=search,
                                 before=request.GET.get("before", "")[:80])[:page_size + 1])
    older = ""
    if len(referrals) > page_size:
        referrals = referrals[:page_size]
        older = urlencode({"status": status, "source": source, "flag": flag,
                           "before": inbox.page_key(referrals[-1])})
    counts = inbox.status_counts(membership=membership(request))
    # Overdue referrals first, oldest first, on the first page of the open view.
    first_page = not search and "before" not in request.GET and status in {"open", "mine"}
    overdue = (inbox.rows(list(inbox.overdue(membership=membership(request))[:page_size]))
               if first_page else [])
    return render(request, "portal/inbox.html", {
        "rows": inbox.rows(referrals), "overdue": overdue,
        "referrals": referrals, "status": status, "source": source, "flag": flag,
        "search": search, "older": older, "paged": "before" in request.GET,
        "status_words": {s.value: w for s, w in inbox.STATUS_WORDS.items()},
        "status_options": [(s.value, words, counts.get(s.value))
                           for s, words in inbox.STATUS_WORDS.items()],
        "open_count": sum(counts.values()),
        "flag_words": inbox.FLAG_WORDS})


def _referral(request: HttpRequest, reference: str) -> Referral:
    referral = None
    if "\x00" not in reference:  # no reference holds NUL, and PostgreSQL refuses to compare it
        referral = inbox.open_referral(membership=membership(request), reference=reference,
                                       user=_user(request))
    if referral is None:
        raise Http404("No such referral for your service.")
    return referral


def _language_name(code: str) -> str:
    return language(code).english_name if is_known(code) else code


def _needs_rows(referral: Referral) -> list[tuple[str, str]]:
    answers = referral.needs_snapshot.get("answers", referral.needs_snapshot)
    rows = []
    for question in QUESTIONS:
        if question.key in answers and question.key != "safe_number":
            rows.append((labels.question_label(question.key),
                         labels.answer_label(question.key, answers[question.key])))
    return rows


def _event_rows(referral: Referral) -> list[dict[str, str]]:
    found = []
    for event in referral.events.select_related("by").order_by("at", "pk"):
        what = labels.event_label(event.kind)
        if event.kind == "status" and event.to_status:
            moved = inbox.STATUS_WORDS[ReferralStatus(event.to_status)]
            what = (f"{inbox.STATUS_WORDS[ReferralStatus(event.from_status)]} → {moved}"
                    if event.from_status else moved)
        if event.outcome:
            what += f" · outcome: {labels.outcome_label(event.outcome)}"
        who = (inbox.person(event.by) if event.by is not None
               else labels.channel_label(event.actor) if event.actor else "")
        found.append({"at": event.at, "what": what, "who": who, "reason": event.reason})
    return found


def _people(request: HttpRequest) -> list[tuple[str, str]]:
    me = _user(request)
    return [(str(user.pk), "Me" if user.pk == me.pk else inbox.person(user))
            for user in inbox.colleagues(membership=membership(request))]


def _detail(request: HttpRequest, referral: Referral, **extra: object) -> HttpResponse:
    consent = referral_services.current_consent(recipient=referral.recipient)
    assigned = referral.assigned_to
    return render(request, "portal/referral.html", {
        "referral": referral, "consent": referral.consent,
        "decision": labels.decision_label(consent.decision if consent else "withdrawn"),
        "withdrawn_at": consent.recorded_at
        if consent is not None and consent.decision != "given" else None,
        "consent_channel": labels.channel_label(referral.consent.channel),
        "contact_locked": inbox.contact_locked(referral),
        "timing": timeliness(received=referral.created_at),
        "awaiting_contact": ReferralStatus(referral.status) in inbox.AWAITING_CONTACT,
        "crime_type": labels.crime_type_label(referral.crime_type) if referral.crime_type
        else "",
        "reasons": [labels.reason_label(r) for r in referral.enhanced_rights_reasons],
        "needs": _needs_rows(referral),
        "flags": [inbox.FLAG_WORDS.get(flag, flag) for flag in referral.data_quality_flags],
        "status_word": inbox.STATUS_WORDS[ReferralStatus(referral.status)],
        "language_name": _language_name(referral.language),
        "consent_language_name": _language_name(referral.consent.language),
        "events": _event_rows(referral),
        "assignee": inbox.person(assigned) if assigned is not None else "",
        "assign_form": extra.pop("assign_form", AssignForm(
            people=_people(request), prefix="assign",
            initial={"to": str(assigned.pk) if assigned is not None else ""})),
        "me": _user(request).pk,
        "action_form": extra.pop("action_form", ReferralActionForm()),
        "note_form": extra.pop("note_form", NoteForm()),
        "reveal_form": extra.pop("reveal_form", RevealForm()),
        **extra})


@require_GET
@roles_required(Role.CASEWORKER)
def referral_page(request: HttpRequest, reference: str) -> HttpResponse:
    return _detail(request, _referral(request, reference))


@require_POST
@roles_required(Role.CASEWORKER)
def referral_contact(request: HttpRequest, reference: str) -> HttpResponse:
    referral = _referral(request, reference)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return _detail(request, referral, reveal_form=form)
    try:
        contact = inbox.reveal_contact(membership=membership(request), referral=referral,
                                       user=_user(request), reason=form.cleaned_data["reason"])
    except inbox.ContactLocked:
        return _detail(request, referral, reveal_form=form)
    return _detail(request, referral, contact=contact, reveal_form=form)


@require_POST
@roles_required(Role.CASEWORKER)
def referral_status(request: HttpRequest, reference: str) -> HttpResponse:
    referral = _referral(request, reference)
    form = ReferralActionForm(request.POST)
    if not form.is_valid():
        return _detail(request, referral, action_form=form)
    try:
        referral_services.change_referral_status(
            referral=referral, to=ReferralStatus(form.cleaned_data["to"]), by=_user(request),
            reason=form.cleaned_data["reason"],
            outcome=ReferralOutcome(form.cleaned_data["outcome"])
            if form.cleaned_data["outcome"] else None)
    except referral_services.InvalidTransition:
        form.add_error("to", f"A referral that is "
                             f"{inbox.STATUS_WORDS[ReferralStatus(referral.status)].lower()} "
                             "cannot move to that status.")
        return _detail(request, referral, action_form=form)
    messages.success(request, "Status changed.")
    return redirect("portal:referral", reference=referral.reference)


@require_POST
@roles_required(Role.CASEWORKER)
def referral_note(request: HttpRequest, reference: str) -> HttpResponse:
    referral = _referral(request, reference)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, referral, note_form=form)
    referral_services.add_note(referral=referral, by=_user(request),
                               text=form.cleaned_data["text"])
    messages.success(request, "Note added.")
    return redirect("portal:referral", reference=referral.reference)


@require_POST
@roles_required(Role.CASEWORKER)
def referral_assign(request: HttpRequest, reference: str) -> HttpResponse:
    """Assign a referral to me or to a colleague of my service (only they can be chosen)."""
    referral = _referral(request, reference)
    people = _people(request)
    form = AssignForm(request.POST, people=people, prefix="assign")
    if not form.is_valid():
        return _detail(request, referral, assign_form=form)
    chosen = form.cleaned_data["to"]
    to = next((user for user in inbox.colleagues(membership=membership(request))
               if str(user.pk) == chosen), None)
    referral_services.assign_referral(referral=referral, to=to, by=_user(request))
    messages.success(request, f"Assigned to {'you' if to == _user(request) else inbox.person(to)}."
                     if to is not None else "Nobody is assigned now.")
    return redirect("portal:referral", reference=referral.reference)
