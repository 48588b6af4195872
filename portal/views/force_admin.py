"""The force administrator's setup page: the checklist, the force's settings and its
crime-reference format with a tester. Only an admin of that very force gets in (anyone else:
403), and every change is audited (``portal.force_changes``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from organisations.models import Organisation, OrganisationKind
from organisations.roles import Role
from portal import force_changes
from portal.access import membership, roles_required
from portal.force_forms import CrimeReferenceForm, ForceSettingsForm
from portal.force_setup import checklist
from portal.reference_patterns import try_pattern


def own_force(request: HttpRequest, force: str) -> Organisation:
    organisation = membership(request).organisation
    if organisation.kind != OrganisationKind.FORCE or organisation.slug != force:
        raise PermissionDenied("You administer another organisation.")
    return organisation


def acting_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (roles_required guarantees a logged-in user)
    return user


def _page(request: HttpRequest, force: Organisation, *, status: int = 200,
          **forms: Any) -> HttpResponse:
    settings_form = forms.get("settings_form") or ForceSettingsForm(instance=force)
    reference_form = forms.get("reference_form") or CrimeReferenceForm(initial={
        "pattern": force.crime_reference_pattern, "example": force.crime_reference_example})
    return render(request, "portal/force_setup.html", {
        "force": force, "checklist": checklist(force=force), "settings_form": settings_form,
        "reference_form": reference_form, "trials": forms.get("trials"),
    }, status=status)


@require_GET
@roles_required(Role.ADMIN)
def setup_home(request: HttpRequest) -> HttpResponse:
    organisation = membership(request).organisation
    if organisation.kind != OrganisationKind.FORCE:
        raise PermissionDenied("Only a force has a setup page.")
    return redirect("portal:force_setup", force=organisation.slug)


@require_GET
@roles_required(Role.ADMIN)
def setup_page(request: HttpRequest, force: str) -> HttpResponse:
    return _page(request, own_force(request, force))


@require_POST
@roles_required(Role.ADMIN)
def save_settings(request: HttpRequest, force: str) -> HttpResponse:
    organisation = own_force(request, force)
    form = ForceSettingsForm(request.POST, instance=organisation)
    if not form.is_valid():
        # The form's instance now holds the rejected values: show the checklist as stored.
        organisation.refresh_from_db()
        return _page(request, organisation, status=400, settings_form=form)
    changed = force_changes.save_settings(form=form, actor=acting_user(request))
    messages.success(request, "Settings saved." if changed else "Nothing had changed.")
    return redirect("portal:force_setup", force=organisation.slug)


@require_POST
@roles_required(Role.ADMIN)
def crime_reference(request: HttpRequest, force: str) -> HttpResponse:
    """Test the format on sample references; save it (and the example) only when it is valid."""
    organisation = own_force(request, force)
    saving = request.POST.get("action") == "save"
    form = CrimeReferenceForm(request.POST, saving=saving)
    if not form.is_valid():
        return _page(request, organisation, status=400, reference_form=form)
    data = form.cleaned_data
    if saving:
        changed = force_changes.save_crime_reference(
            force=organisation, pattern=data["pattern"], example=data["example"],
            actor=acting_user(request))
        messages.success(request, "Crime reference format saved." if changed
                         else "Nothing had changed.")
        return redirect("portal:force_setup", force=organisation.slug)
    trials = try_pattern(pattern=data["pattern"], samples=data["samples"])
    return _page(request, organisation, reference_form=form, trials=trials)
