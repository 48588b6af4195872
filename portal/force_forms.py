"""The force administrator's forms: the force's settings, and its crime-reference format.

Translated names and opening hours are typed one per line ("cy: Heddlu Testshire",
"mon-fri 08:00-20:00") and stored as the JSON the leaflets and the assistant read; the model's
own validators then check them, so the admin and this page accept the same values.

>>> hours_from_lines("mon-fri 08:00-20:00\\n\\nsat 09:00-17:00")[1]
{'days': 'sat', 'opens': '09:00', 'closes': '17:00'}
>>> hours_to_lines([{"days": "sat", "opens": "09:00", "closes": "17:00"}])
'sat 09:00-17:00'
>>> names_from_lines("cy: Heddlu Testshire")
{'cy': 'Heddlu Testshire'}
"""

from __future__ import annotations

from typing import Any

from django import forms

from crimes.references import MAX_LENGTH as MAX_REFERENCE_LENGTH
from organisations.models import Organisation
from portal.reference_patterns import (
    MAX_PATTERN_LENGTH,
    MAX_SAMPLES,
    PatternRefused,
    check_pattern,
    try_pattern,
)

LINES = forms.Textarea(attrs={"rows": 3})
SENDER_ID_RULE = ("Up to 11 letters, digits or spaces, at least one letter (UK alphanumeric "
                  "sender ID rules).")


def names_from_lines(text: str) -> dict[str, str]:
    names = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        code, colon, name = line.partition(":")
        if not colon:
            raise forms.ValidationError(f"Write each line as a language code, a colon and the "
                                        f"name, for example cy: Heddlu Testshire (not {line!r}).")
        names[code.strip().lower()] = name.strip()
    return names


def names_to_lines(names: object) -> str:
    return "\n".join(f"{code}: {name}" for code, name in dict(names or {}).items())  # type: ignore[call-overload]


def hours_from_lines(text: str) -> list[dict[str, str]]:
    hours = []
    for line in text.splitlines():
        if not line.strip():
            continue
        days, _, times = line.strip().partition(" ")
        opens, dash, closes = times.strip().partition("-")
        if not dash:
            raise forms.ValidationError(f"Write each line as days and times, for example "
                                        f"mon-fri 08:00-20:00 (not {line!r}).")
        hours.append({"days": days, "opens": opens.strip(), "closes": closes.strip()})
    return hours


def hours_to_lines(hours: object) -> str:
    return "\n".join(f"{entry['days']} {entry['opens']}-{entry['closes']}"
                     for entry in list(hours or []))  # type: ignore[call-overload]


class ForceSettingsForm(forms.ModelForm[Organisation]):
    name_translations = forms.CharField(
        label="Force name in other languages", required=False, widget=LINES,
        help_text="One a line: the language code, a colon, the name. For example "
                  "cy: Heddlu Testshire")
    logo_url = forms.URLField(label="Logo address (https)", required=False, max_length=200,
                              assume_scheme="https",
                              help_text="Shown in HTML emails. It must start with https://")
    support_line_opening_hours = forms.CharField(
        label="Support line opening hours", required=False, widget=LINES,
        help_text="One a line: days, then opening and closing times. For example "
                  "mon-fri 08:00-20:00")

    class Meta:
        model = Organisation
        fields = ["name", "name_translations", "sms_sender_id", "email_from_name",
                  "email_from_address", "logo_url", "support_line_name", "support_line_phone",
                  "support_line_opening_hours", "sms_provider", "email_provider"]
        labels = {"sms_sender_id": "SMS sender ID", "email_from_name": "Email From name",
                  "email_from_address": "Email From address",
                  "sms_provider": "SMS provider",
                  "email_provider": "Email provider"}
        error_messages = {"sms_sender_id": {"max_length": SENDER_ID_RULE}}
        help_texts = {"sms_sender_id": "Up to 11 letters, digits or spaces, for example "
                                       "TESTSHIRE. Blank: texts come from the two-way number."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["name_translations"] = names_to_lines(self.instance.name_translations)
            self.initial["support_line_opening_hours"] = hours_to_lines(
                self.instance.support_line_opening_hours)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def clean_name_translations(self) -> dict[str, str]:
        return names_from_lines(self.cleaned_data["name_translations"])

    def clean_support_line_opening_hours(self) -> list[dict[str, str]]:
        return hours_from_lines(self.cleaned_data["support_line_opening_hours"])

    def clean_logo_url(self) -> str:
        url: str = self.cleaned_data["logo_url"]
        if url and not url.startswith("https://"):
            raise forms.ValidationError("The logo's address must start with https://")
        return url


class CrimeReferenceForm(forms.Form):
    pattern = forms.CharField(
        label="Crime reference format (a regular expression)", required=False, strip=False,
        help_text=r"The whole reference must match. For example \d{2}/\d{6}/\d{2} for "
                  f"01/234567/26. At most {MAX_PATTERN_LENGTH} characters. Blank accepts any "
                  "reference.")
    example = forms.CharField(label="An example reference shown to officers", required=False,
                              max_length=MAX_REFERENCE_LENGTH)
    samples = forms.CharField(
        label="References to test it with", required=False, widget=forms.Textarea(
            attrs={"rows": 4}), help_text=f"One a line, up to {MAX_SAMPLES}.")

    def __init__(self, *args: Any, saving: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.saving = saving  # testing a new format with the old example is fine; saving is not
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def clean_pattern(self) -> str:
        pattern: str = self.cleaned_data["pattern"].strip()
        try:
            check_pattern(pattern)
        except PatternRefused as error:
            raise forms.ValidationError(str(error)) from error
        return pattern

    def clean_samples(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["samples"].splitlines()]
        samples = [line for line in lines if line]
        if len(samples) > MAX_SAMPLES:
            raise forms.ValidationError(f"Test at most {MAX_SAMPLES} references at a time.")
        too_long = [sample for sample in samples if len(sample) > MAX_REFERENCE_LENGTH]
        if too_long:
            raise forms.ValidationError(f"A reference has at most {MAX_REFERENCE_LENGTH} "
                                        "characters.")
        return samples

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        pattern, example = cleaned.get("pattern"), cleaned.get("example", "")
        if self.saving and pattern is not None and example:
            trial = try_pattern(pattern=pattern, samples=[example])[0]
            if not trial.matches:
                self.add_error("example", "The example does not match the format: officers "
                                          "would be told to type a reference it refuses.")
            else:
                cleaned["example"] = trial.normalised
        return cleaned
