"""The list behind a dashboard figure: the scope's leaflet issues narrowed by officer, language,
channel, opened, or what became of their messages. Scoped like the dashboard (the supervisor's
units and the period), so a link can never show more than the figure counted."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django import forms
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast

from i18n.languages import is_known
from leaflets.delivery import ABOUT_TYPE
from leaflets.models import LeafletIssue
from leaflets.statuses import IssueChannel
from messaging.models import Message
from messaging.statuses import MessageStatus
from portal.dashboard import Scope, issues_in
from portal.issue_status import FAILED
from referrals.models import Referral
from referrals.statuses import ReferralStatus

PAGE_SIZE = 50


class MessageOutcome(StrEnum):
    ANY = "any"  # a message was sent at all
    DELIVERED = "delivered"  # a receipt said so
    ACCEPTED = "accepted"  # email handed to the mail server
    FAILED = "failed"  # not delivered, for any reason


OUTCOME_STATUSES: dict[MessageOutcome, frozenset[MessageStatus]] = {
    MessageOutcome.ANY: frozenset(MessageStatus),
    MessageOutcome.DELIVERED: frozenset({MessageStatus.DELIVERED}),
    MessageOutcome.ACCEPTED: frozenset({MessageStatus.SENT}),
    MessageOutcome.FAILED: FAILED,
}
OUTCOME_WORDS = {MessageOutcome.ANY: "sent or tried",
                 MessageOutcome.DELIVERED: "delivered",
                 MessageOutcome.ACCEPTED: "accepted by the mail server",
                 MessageOutcome.FAILED: "not delivered"}


class DrillForm(forms.Form):
    """The narrowing a figure's link carries; each part optional."""

    unit = forms.IntegerField(required=False, min_value=1)
    officer = forms.IntegerField(required=False, min_value=1)
    language = forms.CharField(required=False, max_length=20)
    channel = forms.ChoiceField(required=False,
                                choices=[("", "")] + [(c.value, c.value) for c in IssueChannel])
    opened = forms.ChoiceField(required=False, choices=[("", ""), ("yes", "yes")])
    message = forms.ChoiceField(required=False,
                                choices=[("", "")] + [(o.value, o.value) for o in MessageOutcome])
    reason = forms.CharField(required=False, max_length=300)

    def clean_language(self) -> str:
        code: str = self.cleaned_data["language"]
        if code and not is_known(code):
            raise forms.ValidationError("No such language.")
        return code


def drilled(scope: Scope, narrowing: Mapping[str, Any]) -> QuerySet[LeafletIssue]:
    """The scope's issues narrowed by a cleaned DrillForm, newest first."""
    issues = issues_in(scope)
    if narrowing.get("unit"):
        issues = issues.filter(unit_id=narrowing["unit"])
    if narrowing.get("officer"):
        issues = issues.filter(issued_by_id=narrowing["officer"])
    if narrowing.get("language"):
        issues = issues.filter(language=narrowing["language"])
    if narrowing.get("channel"):
        # Matched in the JSON list's text, which every database can do ("qr" never inside
        # another channel's name).
        issues = (issues.annotate(channels_text=Cast("channels", CharField()))
                  .filter(channels_text__contains=f'"{narrowing["channel"]}"'))
    if narrowing.get("opened") == "yes":
        issues = issues.filter(first_opened_at__isnull=False)
    if narrowing.get("message"):
        statuses = OUTCOME_STATUSES[MessageOutcome(str(narrowing["message"]))]
        messages = Message.objects.filter(about_type=ABOUT_TYPE,
                                          status__in=[s.value for s in statuses])
        if narrowing.get("channel") in (IssueChannel.SMS.value, IssueChannel.EMAIL.value):
            messages = messages.filter(channel=narrowing["channel"])
        if narrowing.get("reason"):
            messages = messages.filter(reason=narrowing["reason"])
        ids = issues.annotate(text_id=Cast("pk", CharField())).values("text_id")
        wanted = messages.filter(about_id__in=ids).values("about_id")
        issues = issues.annotate(text_id=Cast("pk", CharField())).filter(text_id__in=wanted)
    return issues.select_related("unit", "issued_by").order_by("-created_at")


class ReferralDrillForm(forms.Form):
    status = forms.ChoiceField(required=False,
                               choices=[("", "")] + [(s.value, s.value) for s in ReferralStatus])


def drilled_referrals(scope: Scope, narrowing: Mapping[str, Any]) -> QuerySet[Referral]:
    """The referrals the scope's units made in the period (as ``referral_statuses`` counts
    them), optionally of one status now, newest first."""
    referrals = Referral.objects.filter(created_at__gte=scope.since, created_at__lt=scope.until,
                                        referrer_unit__in=scope.units)
    if narrowing.get("status"):
        referrals = referrals.filter(status=narrowing["status"])
    return referrals.select_related("referrer_unit", "target").order_by("-created_at")
