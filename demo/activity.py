"""Eight weeks of fictional activity for the demo force, made once (deterministic).

Officers' leaflets by QR, SMS and email with realistic delivery outcomes and opens; needs
assessments, consent decisions and referrals through referrals.services. Messages are written
as already sent (never queued), so loading the demo texts nobody, not even the emulator.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.utils import timezone

from leaflets.content import CONTENT_VERSION
from leaflets.models import LeafletIssue
from leaflets.statuses import IssueChannel, IssueStatus
from leaflets.tokens import hash_token, new_token
from messaging.models import Message
from messaging.recipients import recipient_for_email, recipient_for_phone
from messaging.statuses import MessageStatus, Origin
from organisations.models import Membership
from organisations.roles import Role
from portal.scene import consent_statement
from portal.summaries import summarise_days
from referrals import services as referral_services
from referrals.consent import CURRENT_VERSION
from referrals.statuses import ConsentChannel, ConsentDecision, ReferralSource, ReferralStatus, Via

if TYPE_CHECKING:
    from demo.seed import DemoWorld

DAYS = 56  # eight weeks: the default four-week view has a period before to compare with
SEED = 20260601
MARKER = "NB/9"  # demo crime references start with this: their presence means "already made"
LANGUAGES = ["en"] * 10 + ["pl"] * 3 + ["ro"] * 2 + ["ar", "so", "ur", "bn", "pt", "ti", "uk"]
CRIME_TYPES = ["burglary", "theft", "assault", "criminal-damage", "domestic-abuse",
               "hate-crime", "fraud"]
# What the real system records: texts get delivery receipts; email asks for failure reports
# only, so an email stays "sent" (accepted by the mail server) unless it bounces.
OUTCOMES = {
    IssueChannel.SMS.value: (
        [(MessageStatus.DELIVERED, "")] * 17
        + [(MessageStatus.UNDELIVERED, "The phone was off or out of signal for too long"),
           (MessageStatus.PERMANENT_FAILURE, "The number is not in service"),
           (MessageStatus.SENT, "")]),
    IssueChannel.EMAIL.value: (
        [(MessageStatus.SENT, "")] * 18
        + [(MessageStatus.PERMANENT_FAILURE, "bounce: failed 5.1.1"),
           (MessageStatus.TEMPORARY_FAILURE, "bounce: delayed 4.2.2")]),
}


def _extra_officers(world: DemoWorld) -> list[tuple[User, int]]:
    """Fictional colleagues of demo-officer (no log-in) so the dashboard compares officers."""
    officers = [(world.users["officer"], 0)]
    for name, first, last, collar, borough in [
            ("pc-ashdown", "Jo", "Ashdown", "PC 1187", 0),
            ("pc-brennan", "Siobhan", "Brennan-Llewellyn", "PC 2290", 1),
            ("pc-okafor", "Chidi", "Okafor", "PS 3051", 1)]:
        user, _ = User.objects.get_or_create(username=f"demo-{name}")
        if user.has_usable_password():
            user.set_unusable_password()
        user.first_name, user.last_name = first, last
        user.save()
        membership, _ = Membership.objects.update_or_create(
            user=user, defaults={"organisation": world.force, "role": Role.OFFICER.value,
                                 "collar_number": collar})
        membership.units.set([world.boroughs[borough]])
        officers.append((user, borough))
    return officers


def make_activity(world: DemoWorld) -> None:
    if LeafletIssue.objects.filter(organisation=world.force,
                                   crime_reference__startswith=MARKER).exists():
        return
    rng = random.Random(SEED)  # noqa: S311 (made-up demo data, not security)
    officers = _extra_officers(world)
    now = timezone.now()
    issues: list[LeafletIssue] = []
    for day in range(DAYS, 0, -1):
        for _ in range(rng.randint(4, 9)):
            officer, borough = rng.choice(officers)
            at = now - timedelta(days=day, hours=rng.randint(0, 12), minutes=rng.randint(0, 59))
            channels = rng.choice([["qr"], ["qr"], ["qr", "sms"], ["sms"], ["sms"], ["email"],
                                   ["sms", "email"]])
            opened = rng.random() < 0.6
            issues.append(LeafletIssue(
                token_hash=hash_token(new_token()), language=rng.choice(LANGUAGES),
                content_version=CONTENT_VERSION, organisation=world.force,
                crime_reference=f"{MARKER}{rng.randint(0, 99999):05d}/26"[:12],
                channels=channels, created_at=at, expires_at=at + timedelta(days=90),
                issued_by=officer, unit=world.boroughs[borough],
                status=IssueStatus.OPENED if opened else IssueStatus.ISSUED,
                first_opened_at=at + timedelta(minutes=rng.randint(2, 600)) if opened else None))
    LeafletIssue.objects.bulk_create(issues)
    _messages(world, rng, list(LeafletIssue.objects.filter(
        organisation=world.force, crime_reference__startswith=MARKER)))
    _referrals(world, rng)
    today = timezone.localdate()
    summarise_days(start=today - timedelta(days=DAYS + 1), end=today - timedelta(days=1))


def _messages(world: DemoWorld, rng: random.Random, issues: list[LeafletIssue]) -> None:
    rows = []
    for number, issue in enumerate(issues):
        for channel in issue.channels:
            if channel == IssueChannel.QR.value:
                continue
            if channel == IssueChannel.SMS.value:
                recipient = recipient_for_phone(phone=f"+447700900{number % 1000:03d}",
                                                language=issue.language)
            else:
                recipient = recipient_for_email(email=f"victim{number}@example.org",
                                                language=issue.language)
            status, reason = rng.choice(OUTCOMES[channel])
            rows.append(Message(
                channel=channel, recipient=recipient, template="leaflet-link",
                language=issue.language, body_text="Your Victims' Code leaflet (demo message)",
                idempotency_key=f"leaflet-issue:{issue.pk}:{channel}", status=status.value,
                reason=reason, about_type="leaflet-issue", about_id=str(issue.pk),
                origin=Origin.OFFICER.value, triggered_by=issue.issued_by, attempts=1))
    Message.objects.bulk_create(rows)


def _referrals(world: DemoWorld, rng: random.Random) -> None:
    officer = world.users["officer"]
    caseworker = world.users["caseworker"]
    for number in range(14):
        recipient = recipient_for_phone(phone=f"+447700900{900 + number:03d}", language="en")
        crime_type = rng.choice(CRIME_TYPES)
        needs = referral_services.record_needs(
            recipient=recipient, language="en", via=Via.OFFICER, completed=number % 4 != 3,
            crime_type=crime_type, recorded_by=officer,
            answers={"contact_method": "text", "safe_to_text": "yes", "interpreter":
                     "yes" if number % 5 == 0 else "no", "afraid": "yes" if number % 3 == 0
                     else "no", "support_wanted": "emotional"})
        decision = ConsentDecision.REFUSED if number % 6 == 5 else ConsentDecision.GIVEN
        referral_services.record_consent(
            recipient=recipient, decision=decision, wording_version=CURRENT_VERSION,
            language="en", channel=ConsentChannel.OFFICER, recorded_by=officer,
            evidence={"statement": consent_statement(world.service), "read_by": "officer"})
        if decision is ConsentDecision.REFUSED:
            continue
        referral = referral_services.create_referral(
            recipient=recipient, target=world.service, source=ReferralSource.POLICE,
            language="en", needs=needs, crime_reference=f"{MARKER}{number:05d}/26"[:12],
            crime_type=crime_type, referrer=officer, referrer_unit=world.boroughs[0])
        if number % 4 == 1:
            referral_services.change_referral_status(
                referral=referral, to=ReferralStatus.CONTACTED, by=caseworker,
                reason="Spoke to the victim (demo)")
        elif number % 7 == 2:
            referral_services.change_referral_status(
                referral=referral, to=ReferralStatus.UNABLE_TO_CONTACT, by=caseworker,
                reason="No answer after three calls (demo)")
    withdrawn = recipient_for_phone(phone="+447700900900")
    referral_services.withdraw_consent(recipient=withdrawn, language="en",
                                       channel=ConsentChannel.SMS,
                                       evidence={"reply": "demo: withdraw"})
