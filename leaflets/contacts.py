"""The force-specific values the leaflet's placeholders are filled with, from an Organisation."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

from i18n.opening_hours import parse_opening_hours
from leaflets.models import LeafletIssue
from leaflets.values import ContactValues, IssueDetails, NameTranslations
from organisations.models import Membership, Organisation


def contact_values(organisation: Organisation | None) -> ContactValues:
    """The contact block of a force (blank values when there is none)."""
    if organisation is None:
        return ContactValues()
    return ContactValues(
        force_name=organisation.name,
        force_web_address=organisation.web_address,
        complaints_web_address=organisation.complaints_web_address,
        support_name=organisation.support_line_name,
        support_phone=organisation.support_line_phone,
        support_hours=organisation.support_line_hours,
        support_web_address=organisation.support_web_address,
        opening_hours=parse_opening_hours(organisation.support_line_opening_hours),
        force_name_translations=_translations(organisation.name_translations),
        support_name_translations=_translations(organisation.support_line_name_translations),
    )


def _translations(stored: object) -> NameTranslations:
    if not isinstance(stored, dict):
        return ()
    return tuple(sorted((str(code), str(name)) for code, name in stored.items() if name))




def site_address() -> str:
    """The host victims' links are on ("signpost.example"): what a force's website names."""
    return urlsplit(settings.LEAFLET_LINK_BASE_URL).netloc


def officer_label(issue: LeafletIssue) -> str:
    """The name and collar number of the officer who gave the leaflet ("" when not given)."""
    user = issue.issued_by
    if user is None:
        return ""
    membership = Membership.objects.filter(user=user).first()
    collar = membership.collar_number if membership is not None else ""
    name = user.get_full_name().strip()
    return " ".join(part for part in (collar, name) if part)


def issue_details(issue: LeafletIssue) -> IssueDetails:
    return IssueDetails(crime_reference=issue.crime_reference, officer=officer_label(issue),
                        site_address=site_address())
