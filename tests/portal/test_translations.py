"""The translation review on the force administrator's pages: review status per language,
export for a translator, import of a reviewed catalog (checked; a bad file changes nothing),
and "publish only reviewed languages" on the give form and the language list."""

from __future__ import annotations

import asyncio
import io
import zipfile
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from i18n.catalogs import ReviewStatus, catalog, po_path
from leaflets.models import LanguagePublishing, ReviewedCatalog
from leaflets.publishing import REVIEWABLE_DOMAINS
from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from organisations.models import Organisation, OrganisationKind
from organisations.roles import Role
from portal import catalog_review
from portal.forms import GiveLeafletForm
from tests.portal.factories import World, make_user
from tests.second_factor import verified_login

POLISH = po_path("pl").read_text(encoding="utf-8")
OLD_CONTENTS = 'msgid "Contents"\nmsgstr "Spis treści"'
NEW_CONTENTS = 'msgid "Contents"\nmsgstr "Spis treści (sprawdzony)"'
REVIEWER = "Zofia Nowak-Reviewer"


def _url(world: World, tail: str = "") -> str:
    return f"/portal/forces/{world.force.slug}/setup/translations/{tail}"


@pytest.fixture
def admin(client: Client, world: World) -> Client:
    verified_login(client, world.admin)
    return client


def _upload(admin: Client, world: World, text: str | bytes, *, language: str = "pl",
            domain: str = "signpost", reviewed_on: date | None = None) -> Any:
    data = text.encode("utf-8") if isinstance(text, str) else text
    upload = io.BytesIO(data)
    upload.name = "reviewed.po"
    return admin.post(_url(world, "import/"), {
        "language": language, "catalog": domain, "file": upload, "reviewer": REVIEWER,
        "reviewed_on": (reviewed_on or date(2026, 12, 1)).isoformat()})


def test_the_page_shows_each_language_as_a_machine_draft_until_reviewed(
        admin: Client, world: World) -> None:
    page = admin.get(_url(world)).content.decode()
    row = page.split('data-language="pl"')[1].split("</tr>")[0]
    assert row.count("Machine draft") == 2  # the leaflet and the case updates
    english = page.split('data-language="en"')[1].split("</tr>")[0]
    assert "English original" in english
    assert "Review translations" in admin.get(f"/portal/forces/{world.force.slug}/setup/"
                                              ).content.decode()


def test_export_gives_the_source_and_current_translation_of_one_or_all_catalogs(
        admin: Client, world: World) -> None:
    one = admin.get(_url(world, "pl/export/?catalog=signpost"))
    assert one.status_code == 200
    assert 'filename="signpost-pl.po"' in one["Content-Disposition"]
    assert OLD_CONTENTS in one.content.decode()
    every = admin.get(_url(world, "pl/export/?catalog=all"))
    names = zipfile.ZipFile(io.BytesIO(every.content)).namelist()
    assert sorted(names) == ["pl/LC_MESSAGES/assistant.po", "pl/LC_MESSAGES/signpost.po",
                             "pl/LC_MESSAGES/updates.po"]
    assert admin.get(_url(world, "xx/export/?catalog=all")).status_code == 404
    assert admin.get(_url(world, "pl/export/?catalog=nope")).status_code == 404


def test_a_reviewed_import_is_used_with_its_reviewer_and_date(
        admin: Client, world: World) -> None:
    response = _upload(admin, world, POLISH.replace(OLD_CONTENTS, NEW_CONTENTS))
    assert response.status_code == 302
    stored = ReviewedCatalog.objects.get(language="pl", domain="signpost")
    assert stored.reviewer_name == REVIEWER
    assert stored.reviewed_on == date(2026, 12, 1)
    assert stored.imported_by == world.admin
    with connection.cursor() as cursor:  # the name is encrypted at rest
        cursor.execute("SELECT reviewer_name FROM leaflets_reviewedcatalog")
        assert REVIEWER not in cursor.fetchone()[0]
    polish = catalog("pl")
    assert polish.text("Contents") == "Spis treści (sprawdzony)"
    assert polish.review_status == ReviewStatus.REVIEWED
    leaflet = Client().get("/leaflet/pl/").content.decode()
    assert "Spis treści (sprawdzony)" in leaflet
    row = admin.get(_url(world)).content.decode().split('data-language="pl"')[1]
    assert f"Reviewed by {REVIEWER} on 1 December 2026" in row.split("</tr>")[0]
    exported = admin.get(_url(world, "pl/export/?catalog=signpost")).content.decode()
    assert NEW_CONTENTS in exported  # the translator next works from the reviewed text
    event = AuditEvent.objects.get(action="import", object_type="leaflets.reviewedcatalog")
    assert event.detail == {"language": "pl", "catalog": "signpost", "reviewed_on": "2026-12-01",
                            "force": world.force.pk}
    assert REVIEWER not in str(event.detail)
    assert REVIEWER not in event.reason


def test_a_second_import_replaces_the_first(admin: Client, world: World) -> None:
    _upload(admin, world, POLISH.replace(OLD_CONTENTS, NEW_CONTENTS))
    _upload(admin, world, POLISH, reviewed_on=date(2026, 12, 2))
    assert ReviewedCatalog.objects.get(language="pl").reviewed_on == date(2026, 12, 2)
    assert catalog("pl").text("Contents") == "Spis treści"


def _break_plural(text: str) -> str:
    return text.replace('msgstr[2] "Policja powie Ci o ważnych decyzjach w ciągu %(days)s dni '
                        'roboczych."\n', "", 1)


BAD_FILES = {
    "placeholder changed": (POLISH.replace("pochodzą od: %(force_name)s.",
                                           "pochodzą od: %(force)s."), "placeholders"),
    "placeholder dropped": (POLISH.replace("pochodzą od: %(force_name)s.", "pochodzą od nas."),
                            "placeholders"),
    "message missing": (POLISH.replace(OLD_CONTENTS + "\n", ""), "missing"),
    "message added": (POLISH + '\nmsgid "Not in the template"\nmsgstr "Nie"\n',
                      "not in the template"),
    "empty translation": (POLISH.replace(OLD_CONTENTS, 'msgid "Contents"\nmsgstr ""'),
                          "empty translation"),
    # Babel reads a missing plural form as an empty one.
    "plural form missing": (_break_plural(POLISH), "empty translation"),
    "another language": (POLISH.replace('"Language: pl\\n"', '"Language: cs\\n"'),
                         "not of 'pl'"),
    "not a catalog": ('msgid "unterminated\n', "not a .po catalog"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_catalog_is_refused_with_the_reason_and_changes_nothing(
        admin: Client, world: World, case: str) -> None:
    text, reason = BAD_FILES[case]
    assert text != POLISH
    response = _upload(admin, world, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="catalog-refused"' in page
    assert reason in page.replace("&#x27;", "'")
    assert not ReviewedCatalog.objects.exists()
    assert not AuditEvent.objects.filter(action="import").exists()
    assert catalog("pl").review_status == ReviewStatus.MACHINE_DRAFT


def test_a_file_not_in_utf8_or_a_future_date_is_refused(admin: Client, world: World) -> None:
    response = _upload(admin, world, POLISH.encode("utf-16"))
    assert response.status_code == 400
    assert "not UTF-8" in response.content.decode()
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _upload(admin, world, POLISH, reviewed_on=tomorrow)
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not ReviewedCatalog.objects.exists()


def test_the_case_updates_catalog_is_checked_with_its_own_template(
        admin: Client, world: World) -> None:
    updates = po_path("pl", domain="updates").read_text(encoding="utf-8")
    assert _upload(admin, world, updates, domain="updates").status_code == 302
    assert catalog("pl", domain="updates").review_status == ReviewStatus.REVIEWED
    # The leaflet's catalog is not the case updates' one.
    assert _upload(admin, world, POLISH, domain="updates").status_code == 400


def test_another_forces_admin_cannot_see_or_import(client: Client, world: World) -> None:
    other = Organisation.objects.create(slug="elsewhere", name="Elsewhere Police",
                                        kind=OrganisationKind.FORCE)
    verified_login(client, make_user("other.admin", Role.ADMIN, other))
    assert client.get(_url(world)).status_code == 403
    assert client.get(_url(world, "pl/export/?catalog=all")).status_code == 403
    assert _upload(client, world, POLISH).status_code == 403


def _give_languages(world: World) -> set[str]:
    form = GiveLeafletForm(membership=world.officer.membership)
    field: Any = form.fields["language"]
    return {code for code, _ in field.choices}


def _picker_languages() -> str:
    return Client().get("/leaflet/").content.decode()


def test_publishing_only_reviewed_languages(admin: Client, world: World) -> None:
    assert {"pl", "cy", "en"} <= _give_languages(world)
    assert admin.post(_url(world, "publishing/"), {"reviewed_only": "on"}).status_code == 302
    assert LanguagePublishing.objects.get(organisation=world.force).reviewed_only
    assert _give_languages(world) == {"en"}
    assert 'href="/leaflet/pl/"' not in _picker_languages()
    # An officer's crafted post of an unreviewed language is refused.
    form = GiveLeafletForm({"language": "pl", "channels": ["qr"]},
                           membership=world.officer.membership)
    assert not form.is_valid()
    assert "language" in form.errors
    _upload(admin, world, POLISH)
    assert _give_languages(world) == {"en", "pl"}
    assert 'href="/leaflet/pl/"' in _picker_languages()
    page = admin.get(_url(world)).content.decode()
    assert "Only reviewed languages: 2 of" in page
    event = AuditEvent.objects.get(action="change", object_type="organisations.organisation")
    assert event.detail == {"reviewed_only": True}
    assert admin.post(_url(world, "publishing/"), {}).status_code == 302
    assert "cy" in _give_languages(world)
    assert AuditEvent.objects.filter(action="change").count() == 2


def test_a_link_already_given_in_an_unreviewed_language_still_opens_as_the_draft(
        admin: Client, world: World) -> None:
    issued = issue_leaflet(language="de", channels=[IssueChannel.QR], organisation=world.force,
                           issued_by=world.officer, unit=world.north, now=timezone.now())
    admin.post(_url(world, "publishing/"), {"reviewed_only": "on"})
    page = Client().get(f"/l/{issued.token}").content.decode()
    assert '<html lang="de"' in page
    assert catalog("de").unreviewed


def test_the_importable_catalogs_are_the_ones_the_web_app_reads() -> None:
    assert set(catalog_review.IMPORTABLE) == REVIEWABLE_DOMAINS


def test_async_code_reads_the_files_without_querying(world: World) -> None:
    """The action server's handlers are async: Django refuses a query there."""
    async def in_a_handler() -> tuple[str, str]:
        return (catalog("pl").review_status, catalog("pl", domain="assistant").review_status)

    assert asyncio.run(in_a_handler()) == (ReviewStatus.MACHINE_DRAFT, ReviewStatus.MACHINE_DRAFT)
