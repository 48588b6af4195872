"""Service functions for leaflet issues and their links: issue, look up, record an open.

The portal, the API and the assistant call these; views stay thin.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from i18n.languages import is_known
from leaflets.content import CONTENT_VERSION
from leaflets.models import LeafletIssue, LinkOpen
from leaflets.scanners import is_scanner
from leaflets.statuses import IssueChannel, IssueStatus, can_move
from leaflets.tokens import (
    grouped,
    hash_code,
    hash_token,
    is_well_formed,
    new_code,
    new_token,
    normalise_code,
)
from organisations.models import Organisation, Unit

VIEW_SALT = "leaflets.view"
VIEW_MAX_AGE_S = 24 * 60 * 60
CODE_ATTEMPTS = 5  # a page view's beacon must fire within a day of the page load


@dataclass(frozen=True)
class IssuedLeaflet:
    """A new issue, its token and its typeable code. They exist only here: show them, send
    them, then drop them."""

    issue: LeafletIssue
    token: str
    short_url: str
    code: str = ""  # grouped, "K7QM-X4RD"
    code_url: str = ""  # on the force's short domain: "https://nbp.example/K7QM-X4RD"

    @property
    def typed_url(self) -> str:
        """What to print under the QR for typing: the code's address without "https://"."""
        return (self.code_url or self.short_url).split("://", 1)[-1]


def short_url(token: str) -> str:
    return f"{settings.LEAFLET_LINK_BASE_URL}/l/{token}"


def code_url(code: str, organisation: Organisation | None) -> str:
    base = (organisation.short_link_base_url if organisation is not None else "") or \
        settings.LEAFLET_LINK_BASE_URL
    return f"{base.rstrip('/')}/{grouped(code)}"


def issue_leaflet(
    *,
    language: str,
    channels: list[IssueChannel],
    organisation: Organisation | None = None,
    crime_reference: str = "",
    now: datetime | None = None,
    issued_by: AbstractBaseUser | None = None,
    unit: Unit | None = None,
) -> IssuedLeaflet:
    """Create a leaflet issue with a fresh 128-bit token; only the token's hash is stored."""
    if not is_known(language):
        raise ValueError(f"unknown leaflet language {language!r}")
    now = now or timezone.now()
    token = new_token()
    for attempt in range(CODE_ATTEMPTS):
        code = new_code()
        try:
            with transaction.atomic():
                issue = _create_issue(token=token, code=code, language=language, now=now,
                                      channels=channels, organisation=organisation,
                                      crime_reference=crime_reference, issued_by=issued_by,
                                      unit=unit)
            break
        except IntegrityError:
            # One code in 6.6e11: a clash is rare even with millions live; try another.
            if attempt == CODE_ATTEMPTS - 1:
                raise
    return IssuedLeaflet(issue=issue, token=token, short_url=short_url(token),
                         code=grouped(code), code_url=code_url(code, organisation))


def _create_issue(*, token: str, code: str, language: str, now: datetime,
                  channels: list[IssueChannel], organisation: Organisation | None,
                  crime_reference: str, issued_by: AbstractBaseUser | None,
                  unit: Unit | None) -> LeafletIssue:
    return LeafletIssue.objects.create(
        token_hash=hash_token(token),
        code_hash=hash_code(code),
        language=language,
        content_version=CONTENT_VERSION,
        organisation=organisation,
        crime_reference=crime_reference,
        channels=[IssueChannel(channel).value for channel in channels],
        created_at=now,
        expires_at=now + timedelta(days=settings.LEAFLET_LINK_TTL_DAYS),
        issued_by_id=issued_by.pk if issued_by is not None else None,
        unit=unit,
    )


def find_issue(*, token: str = "", code: str = "",
               now: datetime | None = None) -> LeafletIssue | None:
    """The issue of a valid, unexpired token or typed code; None for a malformed, unknown or
    expired one."""
    if token and is_well_formed(token):
        found = {"token_hash": hash_token(token)}
    elif code and normalise_code(code):
        found = {"code_hash": hash_code(code)}
    else:
        return None
    issue = (LeafletIssue.objects.select_related("organisation", "issued_by")
             .filter(**found).first())
    if issue is None or issue.expires_at <= (now or timezone.now()):
        return None
    return issue


def new_view_id(*, issue: LeafletIssue) -> str:
    """A signed id for one page view of an issue's leaflet; its beacon sends it back."""
    return signing.dumps({"i": issue.pk, "n": secrets.token_urlsafe(12)}, salt=VIEW_SALT,
                         compress=False)


@dataclass(frozen=True)
class OpenResult:
    recorded: bool
    reason: str  # "recorded", "duplicate", "scanner", "invalid", "expired"


def record_open(
    *, token: str = "", code: str = "", view_id: str, user_agent: str, language: str,
    now: datetime | None = None,
) -> OpenResult:
    """Record that a real browser showed an issue's leaflet (called by the page's beacon).

    Not recorded: a scanner or previewer user agent, a view id that is forged, stale or for
    another issue, an expired token, or a second beacon of the same page view. Stores no IP
    address and no user agent.
    """
    if is_scanner(user_agent):
        return OpenResult(False, "scanner")
    now = now or timezone.now()
    issue = find_issue(token=token, code=code, now=now)
    if issue is None:
        return OpenResult(False, "expired")
    try:
        view = signing.loads(view_id, salt=VIEW_SALT, max_age=VIEW_MAX_AGE_S)
    except signing.BadSignature:
        return OpenResult(False, "invalid")
    if not isinstance(view, dict) or view.get("i") != issue.pk:
        return OpenResult(False, "invalid")
    nonce = str(view.get("n", ""))[:40]
    try:
        with transaction.atomic():
            LinkOpen.objects.create(issue=issue, view_id=nonce,
                                    language=language if is_known(language) else issue.language,
                                    opened_at=now)
    except IntegrityError:
        return OpenResult(False, "duplicate")
    if can_move(IssueStatus(issue.status), IssueStatus.OPENED):
        LeafletIssue.objects.filter(pk=issue.pk, status=IssueStatus.ISSUED).update(
            status=IssueStatus.OPENED, first_opened_at=now)
    return OpenResult(True, "recorded")
