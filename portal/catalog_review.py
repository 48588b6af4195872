"""The translation review on the force administrator's pages: each language's review status,
its catalogs exported for a translator, a reviewed catalog imported back (checked with Babel
against the template first; a refused file changes nothing), and the force's choice to offer
victims only reviewed languages. Imports and the choice are audited; the audit event never
holds the reviewer's name (stored encrypted on the ``ReviewedCatalog``).
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.messages.pofile import read_po
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from audit.actions import AuditAction, AuditRole
from audit.services import record_event
from i18n.catalogs import ReviewStatus, po_path, review_status_of
from i18n.languages import LOCALES_DIR, Language, all_languages, babel_locale_code, is_known
from leaflets import publishing
from leaflets.catalog_build import with_review_status
from leaflets.catalog_check import check_catalog, read_template
from leaflets.models import LanguagePublishing, ReviewedCatalog
from organisations.models import Organisation

# The catalogs a force can have reviewed here (leaflets.publishing.REVIEWABLE_DOMAINS); the
# assistant's is exported with them but reviewed in the repository.
IMPORTABLE = {"signpost": "Leaflet", "updates": "Case updates"}
EXPORTABLE = {**IMPORTABLE, "assistant": "Assistant"}
MAX_BYTES = 1024 * 1024
MAX_PROBLEMS_SHOWN = 20
OBJECT_TYPE = "leaflets.reviewedcatalog"
_LANGUAGE_HEADER_RE = re.compile(r'^"Language:\s*([^"\\]*)', re.MULTILINE)


class CatalogRefused(Exception):
    """An uploaded catalog that cannot be used; the message says why, in plain words."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Review:
    """One catalog's review status as the page shows it."""

    status: str  # a ReviewStatus value
    reviewer: str = ""  # set for a catalog reviewed in this deployment
    reviewed_on: date | None = None

    @property
    def reviewed(self) -> bool:
        return self.status in {ReviewStatus.SOURCE, ReviewStatus.REVIEWED}

    @property
    def label(self) -> str:
        if self.status == ReviewStatus.SOURCE:
            return "English original"
        if self.reviewed_on is not None:
            return f"Reviewed by {self.reviewer} on {self.reviewed_on.day} " \
                   f"{self.reviewed_on:%B %Y}"
        if self.status == ReviewStatus.REVIEWED:
            return "Reviewed (in the shared catalogs)"
        return "Machine draft"


@dataclass(frozen=True)
class LanguageRow:
    language: Language
    reviews: dict[str, Review]  # by domain, IMPORTABLE's order
    offered: bool


def _repository_status(code: str, domain: str) -> str:
    return review_status_of(po_path(code, domain=domain).read_text(encoding="utf-8"))


def language_rows(*, force: Organisation) -> list[LanguageRow]:
    """Every language with its catalogs' review status and whether the force offers it."""
    imported = {(row.language, row.domain): row for row in ReviewedCatalog.objects.all()}
    offered = {lang.code for lang in publishing.offered_languages(force)}
    rows = []
    for lang in all_languages():
        reviews = {}
        for domain in IMPORTABLE:
            found = imported.get((lang.code, domain))
            reviews[domain] = (Review(ReviewStatus.REVIEWED, found.reviewer_name,
                                      found.reviewed_on) if found is not None
                               else Review(_repository_status(lang.code, domain)))
        rows.append(LanguageRow(lang, reviews, lang.code in offered))
    return rows


def current_text(*, code: str, domain: str) -> str:
    """The catalog this deployment uses: its reviewed import, or the repository's file."""
    found = ReviewedCatalog.objects.filter(language=code, domain=domain).first()
    if found is not None:
        return found.po_text
    return po_path(code, domain=domain).read_text(encoding="utf-8")


def export(*, code: str, domain: str) -> tuple[str, bytes]:
    """A file name and the content a translator works in: one catalog's ``.po`` (msgid the
    English source, msgstr the current translation), or for ``all`` a zip of every catalog."""
    if domain in EXPORTABLE:
        return f"{domain}-{code}.po", current_text(code=code, domain=domain).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in EXPORTABLE:
            archive.writestr(f"{code}/LC_MESSAGES/{name}.po", current_text(code=code, domain=name))
    return f"signpost-catalogs-{code}.zip", buffer.getvalue()


def _norm(code: str) -> str:
    return code.replace("-", "_").lower()


def check_upload(*, code: str, domain: str, data: bytes) -> str:
    """The uploaded catalog's text, marked reviewed, when it can replace the language's catalog:
    readable by Babel, this language's, and — as ``leaflets.catalog_check`` requires of every
    catalog — the template's messages exactly, none empty or fuzzy, the same placeholders and
    every plural form. CatalogRefused otherwise."""
    if not is_known(code) or domain not in IMPORTABLE:
        raise CatalogRefused("Choose one of the listed languages and catalogs.")
    if len(data) > MAX_BYTES:
        raise CatalogRefused(f"The file is larger than {MAX_BYTES // 1024} KiB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogRefused("The file is not UTF-8 text: save it as UTF-8 and upload it "
                             "again.") from error
    try:
        read_po(io.StringIO(text), domain=domain, abort_invalid=True)
    except Exception as error:  # Babel raises many kinds of error on a malformed file
        raise CatalogRefused(f"This is not a .po catalog Babel can read ({error}).") from error
    declared = _LANGUAGE_HEADER_RE.search(text)
    if declared and _norm(declared.group(1).strip()) not in {_norm(code),
                                                              _norm(babel_locale_code(code))}:
        raise CatalogRefused(f"The file is the catalog of {declared.group(1).strip()!r}, "
                             f"not of {code!r}.")
    text = with_review_status(text, ReviewStatus.REVIEWED)
    with tempfile.TemporaryDirectory() as scratch:
        target = po_path(code, Path(scratch), domain)
        target.parent.mkdir(parents=True)
        target.write_text(text, encoding="utf-8")
        template = read_template(LOCALES_DIR / f"{domain}.pot", domain)
        problems = check_catalog(code, template, locales_dir=Path(scratch), domain=domain)
    if problems:
        shown = [str(problem) for problem in problems[:MAX_PROBLEMS_SHOWN]]
        more = len(problems) - len(shown)
        if more:
            shown.append(f"… and {more} more.")
        raise CatalogRefused(f"The catalog has {len(problems)} problem(s); nothing was "
                             "changed.", shown)
    return text


def import_reviewed(*, force: Organisation, code: str, domain: str, data: bytes,
                    reviewer_name: str, reviewed_on: date,
                    actor: AbstractBaseUser) -> ReviewedCatalog:
    """Check an uploaded catalog and make it this deployment's reviewed one (CatalogRefused:
    nothing stored); one ``import`` audit event with the language, catalog and date."""
    text = check_upload(code=code, domain=domain, data=data)
    with transaction.atomic():
        reviewed, _ = ReviewedCatalog.objects.update_or_create(
            language=code, domain=domain,
            defaults={"po_text": text, "reviewer_name": reviewer_name.strip(),
                      "reviewed_on": reviewed_on, "organisation": force,
                      "imported_by": actor, "imported_at": timezone.now()})
        record_event(actor=actor, role=AuditRole.ADMIN, action=AuditAction.IMPORT,
                     object_type=OBJECT_TYPE, object_id=reviewed.pk,
                     reason="translation review",
                     detail={"language": code, "catalog": domain,
                             "reviewed_on": reviewed_on.isoformat(), "force": force.pk})
    # This process uses it at once; the others within publishing.VERSIONS_MAX_AGE_S.
    publishing.forget()
    return reviewed


@transaction.atomic
def set_reviewed_only(*, force: Organisation, reviewed_only: bool,
                      actor: AbstractBaseUser) -> bool:
    """Turn "publish only reviewed languages" on or off; whether anything changed."""
    stored = LanguagePublishing.objects.select_for_update().filter(organisation=force).first()
    if (stored is not None and stored.reviewed_only) == reviewed_only:
        return False  # nothing stored, not even a row for the default
    LanguagePublishing.objects.update_or_create(organisation=force,
                                                defaults={"reviewed_only": reviewed_only})
    record_event(actor=actor, role=AuditRole.ADMIN, action=AuditAction.CHANGE,
                 object_type="organisations.organisation", object_id=force.pk,
                 reason="translation review", detail={"reviewed_only": reviewed_only})
    return True
