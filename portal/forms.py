"""The portal's forms: log-in (throttled), give the leaflet, referral actions, dashboard filter."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils import timezone

from audit.actions import AuditAction
from audit.services import record_event
from crimes.references import CrimeReferenceError, normalise_for_force
from leaflets.publishing import offered_languages
from leaflets.statuses import IssueChannel
from organisations.models import Membership, Organisation, Unit
from organisations.services import own_units
from portal import throttle
from portal.scene import LABELS
from ratelimits import client_address
from referrals.labels import CRIME_TYPE_LABELS, OUTCOME_LABELS
from referrals.needs import BY_KEY, SKIPPED, Kind, allowed_values

EARLIEST = date(2000, 1, 1)  # the dashboard's date arithmetic must not overflow on 9999-12-31
LOCKED_MESSAGE = ("Too many failed log-ins. For your security, log-in is paused for this account "
                  "or network: try again in {minutes} minutes, or ask an administrator.")


def client_ip(request: HttpRequest | None) -> str:
    return client_address.of_request(request) if request is not None else ""


class ThrottledLoginForm(AuthenticationForm):
    """Django's log-in form, refused while the username or address is locked out. The portal's
    and the admin's only way in (``/admin/login/`` sends people here)."""

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        ip = client_ip(self.request)
        if throttle.is_locked(username=username, ip=ip):
            record_event(actor=None, role="unknown", action=AuditAction.LOGIN_THROTTLED,
                         object_type="session",
                         detail={"username_key": throttle.username_key(username)[:16]})
            minutes = max(1, int(throttle.limits().window.total_seconds() // 60))
            raise forms.ValidationError(LOCKED_MESSAGE.format(minutes=minutes), code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(username=username, ip=ip)
            raise
        throttle.clear_username(username=username)
        return cleaned


def language_choices(force: Organisation | None = None) -> list[tuple[str, str]]:
    """The leaflet languages the force offers (``leaflets.publishing``), each labelled
    "native name — English name" so either can be typed."""
    return [(lang.code, lang.native_name if lang.native_name == lang.english_name
             else f"{lang.native_name} — {lang.english_name}")
            for lang in offered_languages(force)]


CHANNEL_CHOICES = [
    (IssueChannel.QR.value, "Show a QR code now"),
    (IssueChannel.SMS.value, "Send a text message (SMS)"),
    (IssueChannel.EMAIL.value, "Send an email"),
]


class GiveLeafletForm(forms.Form):
    crime_reference = forms.CharField(
        required=False, max_length=64,
        help_text="Leave blank if the crime is not recorded yet.")
    language = forms.ChoiceField(label="The victim's language", choices=())
    channels = forms.MultipleChoiceField(
        label="How to give it", choices=CHANNEL_CHOICES, widget=forms.CheckboxSelectMultiple,
        initial=[IssueChannel.QR.value],
        error_messages={"required": "Choose at least one way to give the leaflet."})
    phone = forms.CharField(label="Mobile number", required=False, max_length=40,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off",
                                                          "inputmode": "tel"}))
    email = forms.CharField(label="Email address", required=False, max_length=254,
                            widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False,
                                  label="Your unit")

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.membership = membership
        language_field: Any = self.fields["language"]
        language_field.choices = language_choices(membership.organisation)
        self.fields["language"].initial = "en"
        units = own_units(membership)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units
        unit_field.initial = units.first()
        example = membership.organisation.crime_reference_example
        if example:
            self.fields["crime_reference"].help_text = (
                f"For example {example}. Leave blank if the crime is not recorded yet.")

    def clean_channels(self) -> list[str]:
        """Each channel once: a crafted post repeating ``channels=qr`` must not count as many
        leaflets on the dashboard."""
        return list(dict.fromkeys(self.cleaned_data["channels"]))

    def clean_crime_reference(self) -> str:
        try:
            return normalise_for_force(organisation=self.membership.organisation,
                                       reference=self.cleaned_data["crime_reference"])
        except CrimeReferenceError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        chosen = set(cleaned.get("channels") or [])
        if IssueChannel.SMS.value in chosen and not cleaned.get("phone", "").strip():
            self.add_error("phone", "Enter the victim's mobile number to send a text.")
        if IssueChannel.EMAIL.value in chosen and not cleaned.get("email", "").strip():
            self.add_error("email", "Enter the victim's email address to send an email.")
        return cleaned


class ReferralActionForm(forms.Form):
    ACTIONS = [
        ("in-progress", "Working on it"),
        ("contacted", "Contacted"),
        ("unable-to-contact", "Unable to contact"),
        ("returned", "Return to the force"),
        ("closed", "Close"),
    ]
    OUTCOMES = [("", "Choose when you close"), *OUTCOME_LABELS.items()]
    to = forms.ChoiceField(label="New status", choices=ACTIONS)
    outcome = forms.ChoiceField(label="Outcome (when you close)", choices=OUTCOMES,
                                required=False)
    reason = forms.CharField(label="Reason (the force sees this when you return a referral)",
                             required=False, max_length=1000, widget=forms.Textarea(
                                 attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("to") == "returned" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why you are returning the referral to the force.")
        if cleaned.get("to") == "closed" and not cleaned.get("outcome"):
            self.add_error("outcome", "Choose the outcome: support accepted, declined or "
                                      "unable to contact.")
        elif cleaned.get("to") != "closed" and cleaned.get("outcome"):
            self.add_error("outcome", "An outcome is chosen only when you close a referral.")
        return cleaned


class AssignForm(forms.Form):
    """Who a referral is assigned to: one of the service's caseworkers, or nobody."""

    to = forms.ChoiceField(label="Assigned to", required=False)

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 (declared just above)
        field.choices = [("", "Nobody yet"), *people]


class NoteForm(forms.Form):
    text = forms.CharField(label="Add a note", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class RevealForm(forms.Form):
    reason = forms.CharField(label="Why do you need the contact details?", max_length=300)


class DashboardFilterForm(forms.Form):
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"},
                                                                  format="%Y-%m-%d"))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"},
                                                             format="%Y-%m-%d"))
    units = forms.ModelMultipleChoiceField(queryset=Unit.objects.none(), required=False,
                                           widget=forms.CheckboxSelectMultiple,
                                           label="Units (none chosen: all of yours)")

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["start"].initial = today - timedelta(days=27)
        self.fields["end"].initial = today
        units_field: Any = self.fields["units"]
        units_field.queryset = own_units(membership)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start: date | None = cleaned.get("start")
        end: date | None = cleaned.get("end")
        latest = timezone.localdate() + timedelta(days=366)
        for name, value in (("start", start), ("end", end)):
            if value is not None and not EARLIEST <= value <= latest:
                self.add_error(name, "Choose a date between 2000 and next year.")
                return cleaned
        if start and end and start > end:
            self.add_error("end", "The end date must be on or after the start date.")
        return cleaned


def _answer_field(key: str, label: str) -> forms.Field:
    question = BY_KEY[key]
    if question.kind in (Kind.TEXT, Kind.TIME):
        return forms.CharField(label=label, required=False, max_length=200)
    values = sorted(allowed_values(question) or set())
    if question.kind is Kind.CHOICE:
        values = [*question.options, SKIPPED]
    elif question.kind is Kind.YES_NO:
        values = ["yes", "no", SKIPPED]
    choices = [(value, "Not asked or skipped" if value == SKIPPED else
                value.replace("-", " ").capitalize()) for value in values]
    return forms.ChoiceField(label=label, choices=choices, initial=SKIPPED, required=False)


class SceneForm(forms.Form):
    """Needs and consent at the scene: one field per question, then the consent decision."""

    phone = forms.CharField(label="Victim's phone number", required=False, max_length=40,
                            help_text="Leave blank if the leaflet went by SMS to their number.",
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))
    safe_phone = forms.CharField(label="A safe number to call them on (if different)",
                                 required=False, max_length=40,
                                 widget=forms.TextInput(attrs={"type": "tel",
                                                               "autocomplete": "off"}))
    victim_name = forms.CharField(
        label="Victim's name", required=False, max_length=200,
        help_text="Only with their agreement: the support service will ask for them by name.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    called_name = forms.CharField(
        label="What would they like to be called?", required=False, max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    crime_type = forms.ChoiceField(
        label="Crime type", required=False,
        help_text="Domestic abuse, hate crime, sexual offences and the other most serious "
                  "crimes give the victim enhanced rights.",
        choices=[("", "Not known yet"),
                 *sorted(((code, label) for code, label in CRIME_TYPE_LABELS.items()
                          if code != "other"), key=lambda choice: choice[1]),
                 ("other", CRIME_TYPE_LABELS["other"])])
    decision = forms.ChoiceField(
        label="Their answer", widget=forms.RadioSelect, required=False,
        choices=[("given", "Yes, they agree to be referred"),
                 ("refused", "No, they do not want to be referred"),
                 ("", "Not asked")])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in LABELS.items():
            self.fields[f"q_{key}"] = _answer_field(key, label)

    def answers(self) -> dict[str, str]:
        return {name[2:]: str(value) for name, value in self.cleaned_data.items()
                if name.startswith("q_") and value}
