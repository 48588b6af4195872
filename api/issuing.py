"""The API's checks of a request to give a leaflet: language, crime reference, unit, and the
contact details, all before anything is stored. The act itself is ``leaflets.giving``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from crimes.references import MAX_LENGTH, is_valid, matches_force, normalise
from i18n.languages import is_known
from leaflets.statuses import IssueChannel
from messaging.contacts import ContactError, parse_email, parse_phone
from organisations.models import Organisation, Unit


class IssueRejected(ValueError):
    """The request was refused and nothing stored; ``errors`` maps field name to message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("issue rejected: " + ", ".join(sorted(errors)))
        self.errors = errors


@dataclass(frozen=True)
class CheckedRequest:
    language: str
    crime_reference: str
    phone: str
    email: str
    unit: Unit | None = None

    @property
    def channels(self) -> list[IssueChannel]:
        """A link goes by each channel the request gave a contact detail for."""
        return ([IssueChannel.SMS] if self.phone else []) + (
            [IssueChannel.EMAIL] if self.email else [])


def check_request(*, organisation: Organisation, language: str, crime_reference: str = "",
                  phone: str = "", email: str = "", unit_name: str = "") -> CheckedRequest:
    """Validated and normalised values; IssueRejected lists every problem (never the values)."""
    errors: dict[str, str] = {}
    if not is_known(language):
        errors["language"] = "Not a language of the leaflet."
    reference = normalise(crime_reference)
    if reference and (len(reference) > MAX_LENGTH or not is_valid(reference)):
        errors["crime_reference"] = "Use letters, digits and / - _ . only, at most 64 characters."
    elif reference and not matches_force(reference, organisation.crime_reference_pattern):
        # blank is allowed, as in the portal: the crime may not be recorded yet
        example = organisation.crime_reference_example
        errors["crime_reference"] = "Not in this force's crime reference format" + (
            f" (like {example})." if example else ".")
    checked_phone = checked_email = ""
    if not phone.strip() and not email.strip():
        errors["phone"] = "Give a mobile number, an email address, or both."
    if phone.strip():
        try:
            checked_phone = parse_phone(phone, for_sms=True,
                                        allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)
        except ContactError as error:
            errors["phone"] = str(error)
    if email.strip():
        try:
            checked_email = parse_email(email)
        except ContactError as error:
            errors["email"] = str(error)
    unit = None
    if unit_name.strip():
        unit = Unit.objects.filter(organisation=organisation,
                                   name__iexact=unit_name.strip()).first()
        if unit is None:
            errors["unit_name"] = "This force has no unit of that name."
    if errors:
        raise IssueRejected(errors)
    return CheckedRequest(language=language, crime_reference=reference, phone=checked_phone,
                          email=checked_email, unit=unit)
