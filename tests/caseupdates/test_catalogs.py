"""The ``updates`` catalogs: one per language, the template's messages, the same placeholders as
the English, and honest review statuses (a machine draft never claims to be reviewed)."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from caseupdates.catalog_build import extract
from caseupdates.kinds import EventKind
from caseupdates.texts import DOMAIN, SENTENCES, render
from i18n.catalogs import ReviewStatus, po_path, review_status_of
from i18n.languages import SOURCE_LANGUAGE, all_languages

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
CODES = [lang.code for lang in all_languages()]


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


def test_an_untranslated_language_falls_back_to_english_and_says_it_is_a_draft():
    text = render(language="zz", kind=EventKind.CHARGED, force_name="F",
                  crime_reference="1", support_name="S", support_phone="1")
    assert text.language == SOURCE_LANGUAGE
    assert text.text.startswith("Update from F on crime 1: A suspect has been charged.")
    polish = render(language="pl", kind=EventKind.CHARGED, force_name="F",
                    crime_reference="1", support_name="S", support_phone="1")
    assert polish.unreviewed
