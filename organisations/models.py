"""Police forces and support services, with the contact details their victims are given."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from i18n.languages import SOURCE_LANGUAGE, is_known
from i18n.opening_hours import parse_opening_hours
from organisations.roles import Role


def validate_regex(value: str) -> None:
    try:
        re.compile(value)
    except re.error as error:
        raise ValidationError(f"Not a valid regular expression: {error}") from error


def validate_opening_hours(value: object) -> None:
    try:
        parse_opening_hours(value)
    except ValueError as error:
        raise ValidationError(f"Opening hours: {error}") from error


def validate_name_translations(value: object) -> None:
    """A JSON object from leaflet language codes to a name in that language."""
    if not isinstance(value, dict):
        raise ValidationError('Write translations as {"cy": "Heddlu ...", "pl": "..."}.')
    for code, name in value.items():
        if not is_known(code) or code == SOURCE_LANGUAGE:
            raise ValidationError(f"Not a leaflet language code: {code!r}.")
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(f"The {code} name is empty.")


class OrganisationKind(models.TextChoices):
    FORCE = "force", "Police force"
    SUPPORT_SERVICE = "support-service", "Support service"


class SmsProvider(models.TextChoices):
    DEFAULT = "", "The deployment's default (SIGNPOST_SMS_PROVIDER)"
    TWILIO = "twilio", "Twilio"
    NOTIFY = "notify", "GOV.UK Notify"


class EmailProvider(models.TextChoices):
    DEFAULT = "", "The deployment's default (SIGNPOST_EMAIL_PROVIDER)"
    SMTP = "smtp", "Our SMTP relay"
    NOTIFY = "notify", "GOV.UK Notify"


class Organisation(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    # The name in other leaflet languages, {"cy": "Heddlu Northbridge"}; others show `name`.
    name_translations = models.JSONField(default=dict, blank=True,
                                         validators=[validate_name_translations])
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    # The support line a victim of this force is pointed to ("help", the leaflet, the assistant).
    support_line_name = models.CharField(max_length=200, blank=True)
    support_line_phone = models.CharField(max_length=40, blank=True)
    support_line_name_translations = models.JSONField(default=dict, blank=True,
                                                      validators=[validate_name_translations])
    # Days and times, written out in each language by i18n.opening_hours:
    # [{"days": "mon-fri", "opens": "08:00", "closes": "20:00"}, ...].
    support_line_opening_hours = models.JSONField(default=list, blank=True,
                                                  validators=[validate_opening_hours])
    # Free English text, kept for English pages of a force that has not set structured hours;
    # never shown in another language.
    support_line_hours = models.CharField(max_length=200, blank=True)
    # The leaflet's contact block: web addresses shown to victims; blank ones are omitted.
    web_address = models.URLField(blank=True)
    complaints_web_address = models.URLField(blank=True)
    support_web_address = models.URLField(blank=True)
    # A force's crime reference format (a full-match regular expression; blank accepts any), and
    # an example shown to officers beside the field.
    crime_reference_pattern = models.CharField(max_length=200, blank=True,
                                               validators=[validate_regex])
    crime_reference_example = models.CharField(max_length=64, blank=True)
    # Who the victim sees a message from. SMS: an alphanumeric sender ID for messages that need
    # no reply (blank: the two-way number, which replies need). Email: the From name and address
    # (blank: the service's EMAIL_FROM). The logo is shown in HTML email (an https address).
    sms_sender_id = models.CharField(max_length=11, blank=True,
                                     validators=[RegexValidator(
                                         r"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$",
                                         "Up to 11 letters, digits or spaces, at least one "
                                         "letter (UK alphanumeric sender ID rules).")])
    email_from_name = models.CharField(max_length=100, blank=True)
    email_from_address = models.EmailField(blank=True)
    logo_url = models.URLField(blank=True)
    # The force's short domain for the code typed from under a QR ("https://nbp.example");
    # it must point at this service. Blank: LEAFLET_LINK_BASE_URL.
    short_link_base_url = models.URLField(blank=True)
    # Which provider carries a force's texts and emails (chosen separately; docs/gateway.md).
    sms_provider = models.CharField(max_length=20, blank=True, default="",
                                    choices=SmsProvider.choices)
    email_provider = models.CharField(max_length=20, blank=True, default="",
                                      choices=EmailProvider.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    BOROUGH = "borough", "Borough"
    TEAM = "team", "Team"


class Unit(models.Model):
    """A borough or a team of an organisation; a team may sit inside a borough."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=UnitKind.choices, default=UnitKind.BOROUGH)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"],
                                               name="unit_unique_name_per_organisation")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """Where a user works and as what: one organisation, some units, one role."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="members")
    role = models.CharField(max_length=20, choices=[(r.value, r.label) for r in Role])
    units = models.ManyToManyField(Unit, blank=True, related_name="members")
    # The officer's collar (warrant) number, told to the victims they give a leaflet to.
    collar_number = models.CharField(max_length=20, blank=True)

    def __str__(self) -> str:
        return f"membership of user {self.user_id}"
