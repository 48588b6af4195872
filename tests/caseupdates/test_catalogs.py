"""The ``updates`` catalogs: one per language, every template message translated, the same
placeholders as the English, honest review statuses (a machine draft never claims to be
reviewed), and texts short enough for SMS."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from babel.messages.pofile import read_po

from caseupdates.catalog_build import extract
from caseupdates.kinds import EventKind
from caseupdates.texts import DOMAIN, MAX_SEGMENTS, SENTENCES, render
from i18n.catalogs import ReviewStatus, po_path, review_status_of
from i18n.languages import LOCALES_DIR, SOURCE_LANGUAGE, all_languages
from leaflets.catalog_check import check_catalog, read_template
from messaging.segments import measure
from tests.factories import DEMO_FORCE_VALUES

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
CODES = [lang.code for lang in all_languages()]
TEMPLATE = read_template(LOCALES_DIR / f"{DOMAIN}.pot", domain=DOMAIN)


def test_every_kind_of_decision_has_a_sentence():
    assert set(SENTENCES) == set(EventKind)


@pytest.mark.parametrize("code", CODES)
def test_each_catalog_has_every_message_with_the_same_placeholders(code):
    path = po_path(code, domain=DOMAIN)
    text = path.read_text(encoding="utf-8")
    status = review_status_of(text)
    assert status == (ReviewStatus.SOURCE if code == SOURCE_LANGUAGE
                      else ReviewStatus.MACHINE_DRAFT)
    with path.open("rb") as po_file:
        catalog = read_po(po_file, domain=DOMAIN)
    template_ids = {message.id for message in extract() if message.id}
    assert {message.id for message in catalog if message.id} == template_ids
    for message in catalog:
        if message.id and message.string:
            assert sorted(PLACEHOLDER.findall(str(message.string))) == sorted(
                PLACEHOLDER.findall(str(message.id))), (code, message.id)


@pytest.mark.parametrize("code", CODES)
def test_each_catalog_passes_the_catalog_checker(code):
    """Every message translated (none empty, fuzzy, missing or extra) and the plural forms of
    the language declared, checked like the leaflet's and the assistant's catalogs."""
    problems = check_catalog(code, TEMPLATE, domain=DOMAIN)
    assert not problems, f"{len(problems)} problems, first: " + "; ".join(
        str(p) for p in problems[:5])


@pytest.mark.parametrize("code", CODES)
def test_every_kind_of_update_fits_the_sms_budget_in_every_language(code):
    for kind in EventKind:
        text = render(language=code, kind=kind, force_name=DEMO_FORCE_VALUES["name"],
                      crime_reference="NB/012345/26",
                      support_name=DEMO_FORCE_VALUES["support_line_name"],
                      support_phone=DEMO_FORCE_VALUES["support_line_phone"],
                      court_at=datetime(2027, 9, 14, 9, 30, tzinfo=UTC),
                      court_place="Northbridge Magistrates' Court")
        assert text.language == code
        size = measure(text.text)
        assert size.segments <= MAX_SEGMENTS, (code, kind, size)


def test_an_untranslated_language_falls_back_to_english_and_says_it_is_a_draft():
    text = render(language="zz", kind=EventKind.CHARGED, force_name="F",
                  crime_reference="1", support_name="S", support_phone="1")
    assert text.language == SOURCE_LANGUAGE
    assert text.text.startswith("Update from F on crime 1: A suspect has been charged.")
    polish = render(language="pl", kind=EventKind.CHARGED, force_name="F",
                    crime_reference="1", support_name="S", support_phone="1")
    assert polish.unreviewed
