"""Forms of the officer's case-update pages: record a decision, the victim's update choices."""

from __future__ import annotations

from django import forms

from caseupdates.kinds import RIGHT_6, EventKind
from caseupdates.replies import MAX_LENGTH
from caseupdates.statuses import UpdateFrequency

FREQUENCY_WORDS = {
    UpdateFrequency.EVERY: "Every decision",
    UpdateFrequency.MAJOR: "Only major decisions",
    UpdateFrequency.NONE: "No updates",
}


class CaseEventForm(forms.Form):
    crime_reference = forms.CharField(max_length=64)
    kind = forms.ChoiceField(label="Decision",
                             choices=[(k.value, RIGHT_6[k].capitalize()) for k in EventKind])
    decided_at = forms.DateTimeField(label="When was it decided?", widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}))
    court_at = forms.DateTimeField(label="Court hearing (date and time)", required=False,
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    court_place = forms.CharField(label="Court", max_length=200, required=False)
    officer_note = forms.CharField(
        label="Note for the victim (plain English, optional)", max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Added to the victim's text as you write it; it is not translated.")


class ChoicesForm(forms.Form):
    update_frequency = forms.ChoiceField(
        label="How often the victim wants updates",
        choices=[(f.value, words) for f, words in FREQUENCY_WORDS.items()])
    shared_with_suspect = forms.BooleanField(
        label="The victim's number is shared with the suspect", required=False)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Message to the victim (plain English)", max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent by text (or email) with the force's name, the crime reference and the "
                  "support line in the victim's language; your words are not translated.")
