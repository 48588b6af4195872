"""Erasure on a victim's request: the open requests, finding a victim, what will go, erasing.

Caseworkers see the victims referred to their own service, a force's admins every victim
(``referrals.erasure.victims_in_scope``); anyone else's victim is a 404, as on the referral pages.
A phone number or email address is only ever posted (never in a URL) and looked up by its keyed
index; no log line or audit event carries it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from organisations.roles import Role
from portal.access import membership, roles_required
from referrals import erasure
from referrals.models import DataRequest
from referrals.statuses import DataRequestStatus
from retention.trackers import TrackerUnavailable

ROLES = (Role.CASEWORKER, Role.ADMIN)


class FindForm(forms.Form):
    reference = forms.CharField(label="Referral reference", required=False, max_length=12,
                                help_text="For example R-7KQ2MX.")
    contact = forms.CharField(label="Or their phone number or email address", required=False,
                              max_length=254,
                              widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        reference = cleaned.get("reference", "").strip()
        contact = cleaned.get("contact", "").strip()
        if bool(reference) == bool(contact):
            raise forms.ValidationError("Enter a referral reference, or a phone number or "
                                        "email address (one of them).")
        if contact:
            try:
                erasure.check_contact(contact)
            except erasure.ContactError as error:
                self.add_error("contact", str(error))
        return cleaned


class EraseForm(forms.Form):
    request = forms.ModelChoiceField(queryset=DataRequest.objects.none(), required=False,
                                     label="The victim's erasure request",
                                     empty_label="None recorded (they asked another way)")
    confirm = forms.BooleanField(
        label="I have checked that this is the person who asked for their records to be erased.",
        error_messages={"required": "Tick the box to confirm before erasing."})

    def __init__(self, *args: Any, requests: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["request"]
        field.queryset = DataRequest.objects.filter(pk__in=requests,
                                                    status=DataRequestStatus.OPEN.value)
        field.initial = requests[0] if requests else None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (roles_required guarantees a logged-in user)
    return user


def _list(request: HttpRequest, form: FindForm | None = None, status: int = 200,
          not_found: bool = False) -> HttpResponse:
    return render(request, "portal/erasure_requests.html", {
        "requests": erasure.open_requests(membership=membership(request))
        [:settings.PORTAL_PAGE_SIZE],
        "form": form or FindForm(), "not_found": not_found}, status=status)


@require_GET
@roles_required(*ROLES)
def requests_page(request: HttpRequest) -> HttpResponse:
    return _list(request)


@require_POST
@roles_required(*ROLES)
def find(request: HttpRequest) -> HttpResponse:
    form = FindForm(request.POST)
    if not form.is_valid():
        return _list(request, form, status=400)
    who, user = membership(request), _user(request)
    if form.cleaned_data["reference"].strip():
        found = erasure.find_by_reference(membership=who, user=user,
                                          reference=form.cleaned_data["reference"])
    else:
        found = erasure.find_by_contact(membership=who, user=user,
                                        contact=form.cleaned_data["contact"])
    if found is None:
        return _list(request, FindForm(), not_found=True)
    return redirect("portal:erasure_victim", pk=found.pk)


def _victim_page(request: HttpRequest, pk: int, form: EraseForm | None = None,
                 status: int = 200, refused: str = "") -> HttpResponse:
    who = membership(request)
    victim = erasure.victim(membership=who, pk=pk)
    if victim is None:
        raise Http404("No such victim among yours.")
    try:
        plan = erasure.plan_erasure(membership=who, recipient=victim)
    except TrackerUnavailable:
        return render(request, "portal/erasure_victim.html", {
            "victim": victim, "unavailable": True}, status=503)
    return render(request, "portal/erasure_victim.html", {
        "victim": victim, "plan": plan, "refused": refused or plan.blocked,
        "form": form or EraseForm(requests=plan.requests)}, status=status)


@require_GET
@roles_required(*ROLES)
def victim_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _victim_page(request, pk)


@require_POST
@roles_required(*ROLES)
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    who = membership(request)
    victim = erasure.victim(membership=who, pk=pk)
    if victim is None:
        raise Http404("No such victim among yours.")
    requests = erasure.plan_requests(recipient=victim)
    form = EraseForm(request.POST, requests=requests)
    if not form.is_valid():
        return _victim_page(request, pk, form, status=400)
    try:
        done = erasure.complete_erasure(membership=who, user=_user(request), recipient=victim,
                                        request=form.cleaned_data["request"])
    except erasure.ErasureRefused as error:
        return _victim_page(request, pk, form, status=403, refused=str(error))
    except TrackerUnavailable:
        return _victim_page(request, pk, form, status=503,
                            refused="The assistant's conversation store cannot be reached: "
                                    "nothing was erased. Try again later.")
    messages.success(request, f"Erased: {done.total} records of victim {victim.pk}. "
                              "The audit log records it.")
    return redirect("portal:erasure_requests")
