"""Add officers from a file (the force administrator's setup page): upload, preview row by row,
confirm. Nothing is saved before the confirmation; the confirmation carries the previewed file
back signed (for this admin, this force, one hour), so what is applied is what was previewed,
checked again against the database as it is then."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core import signing
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from organisations.models import Organisation
from organisations.roles import Role
from portal.access import roles_required
from portal.officer_import import MAX_BYTES, MAX_ROWS, FileRefused, plan_import, read_file
from portal.officer_import_apply import apply_import
from portal.views.force_admin import acting_user, own_force

PREVIEW_MAX_AGE_S = 3600
TEMPLATE = "portal/officer_import.html"


class OfficerFileForm(forms.Form):
    file = forms.FileField(label="The CSV file",
                           help_text=f"UTF-8 CSV, at most {MAX_ROWS:,} officers and "
                                     f"{MAX_BYTES // (1024 * 1024)} MiB.")


def _salt(request: HttpRequest, force: Organisation) -> str:
    return f"portal.officer-import:{force.pk}:{acting_user(request).pk}"


def _page(request: HttpRequest, force: Organisation, *, status: int = 200,
          form: OfficerFileForm | None = None, refused: str = "", **extra: object
          ) -> HttpResponse:
    return render(request, TEMPLATE, {"force": force, "form": form or OfficerFileForm(),
                                      "refused": refused, **extra}, status=status)


@require_GET
@roles_required(Role.ADMIN)
def officers_page(request: HttpRequest, force: str) -> HttpResponse:
    return _page(request, own_force(request, force))


@require_POST
@roles_required(Role.ADMIN)
def officers_preview(request: HttpRequest, force: str) -> HttpResponse:
    organisation = own_force(request, force)
    form = OfficerFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, organisation, status=400, form=form)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > MAX_BYTES:  # refused before a byte of it is read
            raise FileRefused(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MiB: "
                              "split it.")
        data = upload.read()
        rows = read_file(data)
    except FileRefused as refused:
        return _page(request, organisation, status=400, form=form, refused=str(refused))
    plan = plan_import(force=organisation, rows=rows)
    payload = signing.dumps(data.decode("utf-8-sig"), salt=_salt(request, organisation),
                            compress=True)
    return _page(request, organisation, plan=plan, payload=payload)


@require_POST
@roles_required(Role.ADMIN)
def officers_apply(request: HttpRequest, force: str) -> HttpResponse:
    organisation = own_force(request, force)
    try:
        text = signing.loads(request.POST.get("payload", ""), salt=_salt(request, organisation),
                             max_age=PREVIEW_MAX_AGE_S)
        rows = read_file(str(text).encode())
        applied = apply_import(force=organisation, rows=rows, actor=acting_user(request))
    except (signing.BadSignature, FileRefused):
        return _page(request, organisation, status=400,
                     refused="The preview is over an hour old or was changed: upload the file "
                             "again.")
    except IntegrityError:
        return _page(request, organisation, status=409,
                     refused="Some of these accounts were added meanwhile: upload the file "
                             "again to see them.")
    if applied.changed:
        messages.success(request, f"{applied.created} account(s) created, {applied.updated} "
                                  f"updated, {applied.unchanged} unchanged, {applied.refused} "
                                  "line(s) with errors left out.")
    else:
        messages.success(request, "Nothing had changed.")
    return redirect("portal:force_officers", force=organisation.slug)
