"""The force-specific values the leaflet's placeholders are filled with, from an Organisation."""

from __future__ import annotations

from leaflets.opening_hours import parse_opening_hours
from leaflets.values import ContactValues, NameTranslations
from organisations.models import Organisation


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


