"""The force administrator's translations page: each language's review status, its catalogs
exported for a translator, a reviewed catalog imported back, and "publish only reviewed
languages" (``portal.catalog_review``). Only an admin of that very force gets in."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from i18n.languages import all_languages, is_known
from leaflets.publishing import reviewed_only
from organisations.models import Organisation
from organisations.roles import Role
from portal import catalog_review
from portal.access import roles_required
from portal.views.force_admin import acting_user, own_force

TEMPLATE = "portal/translations.html"


def _language_choices() -> list[tuple[str, str]]:
    return [(lang.code, f"{lang.english_name} ({lang.code})") for lang in all_languages()]


class ImportForm(forms.Form):
    language = forms.ChoiceField(label="Language", choices=_language_choices)
    catalog = forms.ChoiceField(label="Catalog", choices=list(catalog_review.IMPORTABLE.items()))
    file = forms.FileField(label="The reviewed .po file",
                           help_text="The file exported below, as the translator returned it.")
    reviewer = forms.CharField(label="Reviewed by", max_length=200,
                               help_text="The translator who checked it.")
    reviewed_on = forms.DateField(label="Reviewed on",
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def clean_reviewed_on(self) -> date:
        reviewed_on: date = self.cleaned_data["reviewed_on"]
        if reviewed_on > timezone.localdate():
            raise forms.ValidationError("The review date cannot be in the future.")
        return reviewed_on


def _page(request: HttpRequest, force: Organisation, *, status: int = 200,
          form: ImportForm | None = None, refused: catalog_review.CatalogRefused | None = None,
          ) -> HttpResponse:
    rows = catalog_review.language_rows(force=force)
    return render(request, TEMPLATE, {
        "force": force, "rows": rows, "form": form or ImportForm(),
        "importable": catalog_review.IMPORTABLE, "exportable": catalog_review.EXPORTABLE,
        "reviewed_only": reviewed_only(force),
        "offered_count": sum(row.offered for row in rows), "refused": refused,
    }, status=status)


@require_GET
@roles_required(Role.ADMIN)
def translations_page(request: HttpRequest, force: str) -> HttpResponse:
    return _page(request, own_force(request, force))


@require_GET
@roles_required(Role.ADMIN)
def export_catalog(request: HttpRequest, force: str, code: str) -> HttpResponse:
    own_force(request, force)
    domain = request.GET.get("catalog", "all")
    if not is_known(code) or domain not in {*catalog_review.EXPORTABLE, "all"}:
        raise Http404("no such catalog")
    name, content = catalog_review.export(code=code, domain=domain)
    kind = "application/zip" if name.endswith(".zip") else "text/x-gettext-translation"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@roles_required(Role.ADMIN)
def import_catalog(request: HttpRequest, force: str) -> HttpResponse:
    organisation = own_force(request, force)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, organisation, status=400, form=form)
    data = form.cleaned_data
    upload = data["file"]
    try:
        if upload.size > catalog_review.MAX_BYTES:  # refused before a byte of it is read
            raise catalog_review.CatalogRefused(
                f"The file is larger than {catalog_review.MAX_BYTES // 1024} KiB.")
        catalog_review.import_reviewed(
            force=organisation, code=data["language"], domain=data["catalog"],
            data=upload.read(), reviewer_name=data["reviewer"], reviewed_on=data["reviewed_on"],
            actor=acting_user(request))
    except catalog_review.CatalogRefused as refused:
        return _page(request, organisation, status=400, form=form, refused=refused)
    messages.success(request, "The reviewed catalog is imported and in use.")
    return redirect("portal:force_translations", force=organisation.slug)


@require_POST
@roles_required(Role.ADMIN)
def publishing(request: HttpRequest, force: str) -> HttpResponse:
    organisation = own_force(request, force)
    wanted = request.POST.get("reviewed_only") == "on"
    changed = catalog_review.set_reviewed_only(force=organisation, reviewed_only=wanted,
                                               actor=acting_user(request))
    if not changed:
        messages.success(request, "Nothing had changed.")
    elif wanted:
        messages.success(request, "Victims are now offered only reviewed languages.")
    else:
        messages.success(request, "Victims are now offered every language.")
    return redirect("portal:force_translations", force=organisation.slug)
