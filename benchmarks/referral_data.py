"""Many referrals for several support services, as a year of a busy force would leave them.

``fill_referrals(count=200_000)`` writes, into whatever database Django is configured for:
six support services of very different sizes (40% of referrals go to the first, 4% to the
last), a caseworker for each, a force (an existing one with units if there is one) with 200
officers in its units, and per referral its consent record, its needs assessment (85%) and its
events (created; the status moves; notes). Referrals are spread over the past year; the status
mix depends on age (recent ones new or in progress, old ones mostly closed); 25% are
self-referrals; for 18% of police referrals another victim refused consent (a "refused" record
and no referral); 4% of victims withdrew consent later (a "withdrawn" record, the referral closed
with a consent-withdrawn event); data-quality flags in realistic shares (no safe contact 35%,
interpreter 8%, landline 4%, missing number 3%, invalid number 2%). 2,000 victims (recipients)
are shared between the referrals: their contact details are never read by the inbox.

Rows are built as plain dicts (no model instances, no ``save()``: that cost minutes) and
written by ``benchmarks.rows``: COPY on PostgreSQL, ``executemany`` on SQLite, in batches of
10,000 referrals, one transaction each.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from benchmarks.rows import Row, write_rows
from organisations.models import Membership, Organisation, OrganisationKind, Unit
from organisations.roles import Role
from referrals.consent import CURRENT_VERSION, WORDINGS
from referrals.models import ConsentRecord, NeedsAssessment, Referral, ReferralEvent
from referrals.needs import QUESTION_SET_VERSION
from referrals.references import ALPHABET
from referrals.statuses import (
    ConsentChannel,
    ConsentDecision,
    EventKind,
    QualityFlag,
    ReferralSource,
    ReferralStatus,
    Via,
)

SERVICE_SHARES = (0.40, 0.25, 0.15, 0.10, 0.06, 0.04)
OFFICERS, UNITS, RECIPIENTS, BATCH = 200, 20, 2000, 10_000
LANGUAGES = ["en"] * 14 + ["pl", "ro", "ar", "ur", "pa", "so", "es", "bn", "pt", "tr", "uk"]
CRIME_TYPES = ["theft", "burglary", "assault", "criminal-damage", "fraud", "domestic-abuse",
               "hate-crime", "sexual-offence", "robbery", "stalking"]
FLAG_SHARES = ((QualityFlag.MISSING_NUMBER, 0.03), (QualityFlag.INVALID_NUMBER, 0.02),
               (QualityFlag.LANDLINE, 0.04), (QualityFlag.NO_SAFE_CONTACT, 0.35))
S = ReferralStatus
# (age limit in days, [(status, share)]): recent referrals are new, old ones mostly closed.
STATUS_BY_AGE = (
    (3, [(S.NEW, 0.7), (S.IN_PROGRESS, 0.3)]),
    (30, [(S.NEW, 0.10), (S.IN_PROGRESS, 0.30), (S.CONTACTED, 0.30), (S.UNABLE_TO_CONTACT, 0.10),
          (S.RETURNED, 0.05), (S.CLOSED, 0.15)]),
    (366, [(S.NEW, 0.01), (S.IN_PROGRESS, 0.02), (S.CONTACTED, 0.05),
           (S.UNABLE_TO_CONTACT, 0.04), (S.RETURNED, 0.03), (S.CLOSED, 0.85)]),
)


@dataclass(frozen=True)
class ReferralWorld:
    """What the timings need: the services (largest first), their caseworkers, the force."""

    services: tuple[Organisation, ...]
    caseworkers: tuple[Membership, ...]
    force: Organisation
    units: tuple[Unit, ...]
    referrals: int


def reference(n: int) -> str:
    """The n-th generated reference: unique for n below 30**6 (the step is prime to 30).

    >>> reference(0), reference(1) != reference(2), len(reference(123_456))
    ('R-222222', True, 8)
    """
    value, chars = (n * 7_777_777) % len(ALPHABET) ** 6, []
    for _ in range(6):
        value, digit = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "R-" + "".join(reversed(chars))


def _pick(rng: random.Random, shares: Sequence[tuple[Any, float]]) -> Any:
    draw, total = rng.random(), 0.0
    for value, share in shares:
        total += share
        if draw < total:
            return value
    return shares[-1][0]


def _skip_foreign_key_checks() -> None:
    """PostgreSQL checks each row's foreign keys by trigger, which triples the load time; the
    generated rows point only at rows made here, so the load skips them (superuser only)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
            if row is not None and row[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")


def _next_id(model: type[models.Model]) -> int:
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return int(last or 0) + 1


def _people(rng: random.Random) -> tuple[Organisation, tuple[Unit, ...], list[Membership],
                                         list[Organisation], list[Membership]]:
    from messaging.models import Recipient

    force = (Organisation.objects.filter(kind=OrganisationKind.FORCE, units__isnull=False)
             .order_by("pk").first())
    if force is None:
        force = Organisation.objects.create(slug="referral-bench-force", name="Bench force",
                                            kind=OrganisationKind.FORCE)
        Unit.objects.bulk_create(Unit(organisation=force, name=f"Borough {n:02d}")
                                 for n in range(UNITS))
    units = tuple(Unit.objects.filter(organisation=force).order_by("pk"))
    User.objects.bulk_create(User(username=f"rb-officer-{n}") for n in range(OFFICERS))
    officers = list(User.objects.filter(username__startswith="rb-officer-").order_by("pk"))
    Membership.objects.bulk_create(
        Membership(user=user, organisation=force, role=Role.OFFICER.value) for user in officers)
    memberships = list(Membership.objects.filter(user__in=officers).order_by("user_id"))
    Membership.units.through.objects.bulk_create(
        Membership.units.through(membership_id=m.pk, unit_id=units[n % len(units)].pk)
        for n, m in enumerate(memberships))
    services, caseworkers = [], []
    for n in range(len(SERVICE_SHARES)):
        service = Organisation.objects.create(slug=f"bench-service-{n}",
                                              name=f"Bench support service {n}",
                                              kind=OrganisationKind.SUPPORT_SERVICE)
        user = User.objects.create(username=f"rb-caseworker-{n}")
        caseworkers.append(Membership.objects.create(user=user, organisation=service,
                                                     role=Role.CASEWORKER.value))
        services.append(service)
    Recipient.objects.bulk_create(  # fictional numbers (Ofcom's drama range)
        Recipient(phone=f"+4477009{n % 1000:05d}", language=rng.choice(LANGUAGES))
        for n in range(RECIPIENTS))
    return force, units, memberships, services, caseworkers


def fill_referrals(*, count: int, seed: int = 7, now: datetime | None = None) -> ReferralWorld:
    """Write ``count`` referrals with their consents, needs and events (see the module doc)."""
    from leaflets.models import LeafletIssue
    from messaging.models import Recipient

    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        force, units, officers, services, caseworkers = _people(rng)
    recipients = list(Recipient.objects.order_by("-pk").values_list("pk", flat=True)[:RECIPIENTS])
    issues = LeafletIssue.objects.aggregate(low=models.Min("pk"), high=models.Max("pk"))
    make = _Maker(rng=rng, now=now or timezone.now(), services=services, officers=officers,
                  units=units, recipients=recipients, issues=(issues["low"], issues["high"]),
                  ids={model: _next_id(model)
                       for model in (ConsentRecord, NeedsAssessment, ReferralEvent)})
    written = dict.fromkeys(make.rows, 0)
    for first in range(0, count, BATCH):
        for n in range(first, min(first + BATCH, count)):
            make.referral(n)
        with transaction.atomic():
            _skip_foreign_key_checks()
            for model, rows in make.rows.items():
                written[model] += write_rows(model, rows)
                rows.clear()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(make.ids)):
                cursor.execute(sql)
    print(f"  {written[Referral]:,} referrals, {written[ConsentRecord]:,} consent records, "
          f"{written[NeedsAssessment]:,} needs assessments, {written[ReferralEvent]:,} events "
          f"written in {time.perf_counter() - started:.1f} s ({connection.vendor})", flush=True)
    return ReferralWorld(services=tuple(services), caseworkers=tuple(caseworkers), force=force,
                         units=units, referrals=count)


@dataclass
class _Maker:
    """Builds one referral's rows at a time (consent, needs, referral, events)."""

    rng: random.Random
    now: datetime
    services: list[Organisation]
    officers: list[Membership]
    units: tuple[Unit, ...]
    recipients: list[int]
    issues: tuple[int | None, int | None]
    ids: dict[type[models.Model], int]
    rows: dict[type[models.Model], list[Row]] = field(default_factory=lambda: {
        ConsentRecord: [], NeedsAssessment: [], Referral: [], ReferralEvent: []})
    statement: str = WORDINGS[CURRENT_VERSION].statement

    def _add(self, model: type[models.Model], **row: Any) -> int:
        """Queue one row; returns the id given to it (0 when the row brings its own)."""
        given = 0
        if model in self.ids:
            given = row["id"] = self.ids[model]
            self.ids[model] += 1
        self.rows[model].append(row)
        return given

    def referral(self, n: int) -> None:
        rng = self.rng
        age = timedelta(seconds=rng.randrange(365 * 24 * 3600))
        at = self.now - age
        status = _pick(rng, next(shares for limit, shares in STATUS_BY_AGE if age.days < limit))
        police = rng.random() < 0.75
        officer = self.officers[n % len(self.officers)].user_id if police else None
        unit = self.units[n % len(self.officers) % len(self.units)] if police else None
        recipient = self.recipients[n % len(self.recipients)]
        language = rng.choice(LANGUAGES)
        channel = ConsentChannel.OFFICER if police else rng.choice([ConsentChannel.SMS,
                                                                    ConsentChannel.WEB_CHAT])
        consent = self._add(
            ConsentRecord, recipient_id=recipient, decision=ConsentDecision.GIVEN.value,
            wording_version=CURRENT_VERSION, language=language, channel=channel.value,
            recorded_by_id=officer, recorded_at=at, purpose="referral",
            evidence={"statement": self.statement, "reply": "yes",
                      "message_ids": [f"{rng.getrandbits(64):016x}"]})
        if police and rng.random() < 0.18:  # another victim of this officer said no
            self._add(ConsentRecord, recipient_id=self.recipients[(n * 31) % len(self.recipients)],
                      decision=ConsentDecision.REFUSED.value, wording_version=CURRENT_VERSION,
                      language=language, channel=channel.value, recorded_by_id=officer,
                      recorded_at=at, purpose="referral", evidence={"reply": "no"})
        interpreter = language != "en" and rng.random() < 0.6
        answers = {"contact_method": rng.choice(["text", "call", "email", "letter"]),
                   "safe_to_text": rng.choice(["yes", "no"]),
                   "interpreter": "yes" if interpreter else "no",
                   "afraid": rng.choice(["yes", "no", "no"]),
                   "support_wanted": rng.choice(["emotional", "practical", "specialist"])}
        crime_type = rng.choice(CRIME_TYPES)
        reasons = [reason for reason, wanted in (
            ("serious-crime", crime_type in {"domestic-abuse", "hate-crime", "sexual-offence"}),
            ("intimidated", answers["afraid"] == "yes")) if wanted]
        needs = None
        if rng.random() < 0.85:
            low, high = self.issues
            needs = self._add(
                NeedsAssessment, recipient_id=recipient, question_set_version=QUESTION_SET_VERSION,
                answers=answers, crime_type=crime_type, language=language,
                via=(Via.OFFICER if police else Via.ASSISTANT).value, recorded_by_id=officer,
                completed=rng.random() < 0.9, enhanced_rights_reasons=reasons, created_at=at,
                updated_at=at,
                leaflet_issue_id=rng.randint(low, high) if police and low and high else None)
        flags = [flag.value for flag, share in FLAG_SHARES if rng.random() < share]
        if interpreter:
            flags.append(QualityFlag.INTERPRETER_NEEDED.value)
        withdrawn = rng.random() < 0.04
        updated = at + min(age, timedelta(days=rng.randint(0, 20)))
        referral = uuid.UUID(int=rng.getrandbits(128), version=4)
        self._add(
            Referral, id=referral, reference=reference(n),
            source=(ReferralSource.POLICE if police else ReferralSource.SELF).value,
            referrer_id=officer, referrer_unit_id=unit.pk if unit else None,
            referrer_unit_name=unit.name if unit else "",
            target_id=_pick(rng, list(zip(self.services, SERVICE_SHARES, strict=True))).pk,
            recipient_id=recipient, consent_id=consent, needs_id=needs,
            needs_snapshot={"question_set_version": QUESTION_SET_VERSION if needs else "",
                            "answers": answers if needs else {}},
            crime_reference=f"01/{n:06d}/26" if police else "", crime_type=crime_type,
            enhanced_rights=bool(reasons), enhanced_rights_reasons=reasons, language=language,
            interpreter_needed=interpreter, data_quality_flags=flags,
            status=(S.CLOSED if withdrawn else status).value, created_at=at, updated_at=updated)
        self._events(referral, status=status, at=at, updated=updated, officer=officer,
                     withdrawn=withdrawn)
        if withdrawn:
            self._add(ConsentRecord, recipient_id=recipient,
                      decision=ConsentDecision.WITHDRAWN.value, wording_version=CURRENT_VERSION,
                      language=language, channel=ConsentChannel.SMS.value, recorded_by_id=None,
                      recorded_at=updated, purpose="referral", evidence={"reply": "stop"})

    def _events(self, referral: uuid.UUID, *, status: ReferralStatus, at: datetime,
                updated: datetime, officer: int | None, withdrawn: bool) -> None:
        def event(when: datetime, kind: EventKind, **fields: Any) -> None:
            self._add(ReferralEvent, referral_id=referral, kind=kind.value, at=when,
                      by_id=fields.pop("by_id", None), **fields)

        event(at, EventKind.STATUS, to_status=S.NEW.value, by_id=officer,
              actor="" if officer else "assistant", reason="created")
        if status is not S.NEW:
            event(updated, EventKind.STATUS, from_status=S.NEW.value, to_status=status.value,
                  reason="The number is someone else's." if status is S.RETURNED else "")
        if self.rng.random() < 0.3:
            event(updated, EventKind.NOTE, from_status=status.value, to_status=status.value,
                  reason="Left a voicemail.")
        if withdrawn and status is not S.CLOSED:
            event(updated, EventKind.CONSENT_WITHDRAWN, from_status=status.value,
                  to_status=S.CLOSED.value, actor="victim",
                  reason="The victim withdrew consent to referral.")
