"""Initialising, updating and compiling catalogs, in a scratch folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from i18n.catalogs import catalog, mo_path, po_path, review_status_of
from i18n.languages import all_languages
from leaflets.catalog_build import compile_catalogs, extract, init_catalogs, update_catalogs
from leaflets.catalog_check import check_catalog


@pytest.fixture(scope="module")
def template() -> Catalog:
    return extract()


def test_init_creates_every_language_with_plural_forms_and_status(tmp_path: Path,
                                                                  template: Catalog) -> None:
    created = init_catalogs(template, tmp_path)
    assert created == [lang.code for lang in all_languages()]
    assert init_catalogs(template, tmp_path) == []  # never overwrites
    english = po_path("en", tmp_path).read_text(encoding="utf-8")
    assert review_status_of(english) == "source"
    assert check_catalog("en", template, locales_dir=tmp_path) == []
    polish = po_path("pl", tmp_path).read_text(encoding="utf-8")
    assert review_status_of(polish) == "machine-draft"
    assert '"Plural-Forms: nplurals=3;' in polish
    problems = check_catalog("pl", template, locales_dir=tmp_path)
    assert {p.problem for p in problems} == {"empty translation"}


def test_update_keeps_the_review_status_and_compile_writes_mo(tmp_path: Path,
                                                              template: Catalog) -> None:
    init_catalogs(template, tmp_path)
    path = po_path("de", tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "X-Review-Status: machine-draft", "X-Review-Status: reviewed").replace(
        'msgid "Contents"\nmsgstr ""', 'msgid "Contents"\nmsgstr "Inhalt"'), encoding="utf-8")
    update_catalogs(template, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert review_status_of(text) == "reviewed"
    assert 'msgstr "Inhalt"' in text
    assert len(compile_catalogs(tmp_path)) == 55
    assert mo_path("de", tmp_path).exists()
    assert catalog("de", locales_dir=tmp_path).text("Contents") == "Inhalt"
