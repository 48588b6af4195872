"""What a force must fill in before its first leaflet: one check per item, each done or missing
with where it is fixed, and whether the force is ready to give leaflets.

The provider credentials are read from the deployment's settings by name only (the same names
``signpost.production`` refuses to start without); no value is ever shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from api.models import ApiKey
from organisations.models import Membership, Organisation, OrganisationKind
from organisations.roles import Role
from signpost.production import PROVIDER_SETTINGS

PROVIDER_NAMES = {"twilio": "Twilio", "notify": "GOV.UK Notify", "smtp": "The SMTP relay"}


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    done: bool
    detail: str  # what is there, or what is missing, in plain words (no secrets)
    fix_url: str
    fix_label: str


@dataclass(frozen=True)
class Checklist:
    checks: tuple[Check, ...]

    @property
    def missing(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.done)

    @property
    def ready(self) -> bool:
        return not self.missing


def _on_page(field: str) -> str:
    return f"#id_{field}"


def _missing_settings(provider: str) -> list[str]:
    return [name for name in PROVIDER_SETTINGS.get(provider, ())
            if not getattr(settings, name, "")]


def _provider_check(*, key: str, label: str, chosen: str, default_setting: str) -> Check:
    provider = chosen or str(getattr(settings, default_setting, ""))
    if provider not in PROVIDER_SETTINGS:
        return Check(key, label, False, "No provider is chosen.", _on_page(key),
                     "Choose a provider")
    missing = _missing_settings(provider)
    source = "chosen for this force" if chosen else f"the deployment's default ({default_setting})"
    name = PROVIDER_NAMES.get(provider, provider)
    if missing:
        return Check(key, label, False,
                     f"{name}, {source}, has no {', '.join(missing)} in the "
                     "service's settings.", "", "Ask your service operator to set it")
    return Check(key, label, True, f"{name}, {source}; credentials are set.",
                 "", "")


def _details(force: Organisation) -> list[Check]:
    translations = ", ".join(sorted(force.name_translations or {}))
    hours = bool(force.support_line_opening_hours)
    return [
        Check("name", "Force name", bool(force.name.strip()), force.name or "No name.",
              _on_page("name"), "Edit the name"),
        Check("name_translations", "Force name in other languages",
              bool(force.name_translations),
              f"Translated into: {translations}." if translations else
              "No translations: every leaflet shows the English name.",
              _on_page("name_translations"), "Add translations"),
        Check("sms_sender_id", "SMS sender ID", bool(force.sms_sender_id),
              force.sms_sender_id or "None: texts come from the two-way number.",
              _on_page("sms_sender_id"), "Set the sender ID"),
        Check("email_from", "Email From", bool(force.email_from_address),
              force.email_from_address or "None: emails come from the service's address.",
              _on_page("email_from_address"), "Set the From address"),
        Check("logo", "Logo", bool(force.logo_url), force.logo_url or "No logo.",
              _on_page("logo_url"), "Set the logo address"),
        Check("support_line", "Support line and opening hours",
              bool(force.support_line_phone and force.support_line_name and hours),
              "Name, number and opening hours are set." if force.support_line_phone and hours
              else "The support line needs a name, a number and opening hours.",
              _on_page("support_line_phone"), "Set the support line"),
        Check("crime_reference", "Crime reference format",
              bool(force.crime_reference_pattern and force.crime_reference_example),
              f"Like {force.crime_reference_example}." if force.crime_reference_pattern
              and force.crime_reference_example else
              "No format and example: officers' typing mistakes are not caught.",
              "#crime-reference", "Set and test the format"),
    ]


def _people(force: Organisation) -> list[Check]:
    units = force.units.count()
    officers = Membership.objects.filter(organisation=force, role=Role.OFFICER.value).count()
    keyed_services = (ApiKey.objects.filter(revoked_at=None,
                                            organisation__kind=OrganisationKind.SUPPORT_SERVICE)
                      .values("organisation").distinct().count())
    return [
        Check("units", "At least one unit", units > 0, f"{units} unit(s).",
              reverse("admin:organisations_unit_add"), "Add a unit"),
        Check("officers", "At least one officer", officers > 0, f"{officers} officer(s).",
              reverse("portal:force_officers", kwargs={"force": force.slug}),
              "Add officers from a file"),
        Check("support_service", "A support service with an API key", keyed_services > 0,
              f"{keyed_services} support service(s) with an active key.",
              reverse("admin:api_apikey_changelist"), "Give a support service a key"),
    ]


def checklist(*, force: Organisation) -> Checklist:
    """Every item a force must fill in before its first leaflet, in the order of the page."""
    return Checklist(checks=(
        *_details(force),
        _provider_check(key="sms_provider", label="SMS provider and its credentials",
                        chosen=force.sms_provider, default_setting="SIGNPOST_SMS_PROVIDER"),
        _provider_check(key="email_provider", label="Email provider and its credentials",
                        chosen=force.email_provider, default_setting="SIGNPOST_EMAIL_PROVIDER"),
        *_people(force),
    ))
