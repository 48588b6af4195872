"""The ``assistant`` catalogs, checked like the leaflet's (this fails until every language is
translated: that is intended), and proof the checker catches wrong placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from i18n.catalogs import po_path
from i18n.languages import LOCALES_DIR, all_languages
from leaflets.catalog_check import check_catalog, read_template

TEMPLATE = read_template(LOCALES_DIR / "assistant.pot", domain="assistant")


@pytest.mark.parametrize("code", [lang.code for lang in all_languages()])
def test_assistant_catalog_is_complete_and_consistent(code: str) -> None:
    problems = check_catalog(code, TEMPLATE, domain="assistant")
    assert not problems, f"{len(problems)} problems, first: " + "; ".join(
        str(p) for p in problems[:5])


def test_checker_catches_a_changed_placeholder(tmp_path: Path) -> None:
    target = po_path("de", tmp_path, "assistant")
    target.parent.mkdir(parents=True)
    text = po_path("en", domain="assistant").read_text(encoding="utf-8")
    text = text.replace('"Language: en\\n"', '"Language: de\\n"').replace(
        "X-Review-Status: source", "X-Review-Status: reviewed")
    target.write_text(text, encoding="utf-8")
    assert check_catalog("de", TEMPLATE, locales_dir=tmp_path, domain="assistant") == []
    broken = text.replace('msgstr "Here is your leaflet: {link}"',
                          'msgstr "Here is your leaflet: {lien}"')
    assert broken != text
    target.write_text(broken, encoding="utf-8")
    problems = check_catalog("de", TEMPLATE, locales_dir=tmp_path, domain="assistant")
    assert [p.problem for p in problems] == ["placeholders ['lien'], source has ['link']"]


@pytest.mark.parametrize("code", [lang.code for lang in all_languages()
                                  if lang.code not in ("en", "en-easy")])
def test_the_web_chats_wording_is_translated(code: str) -> None:
    """The web-chat entries once held copies of the English, which the completeness check
    above takes as translated: a victim reading Polish got "Choose Yes or No"."""
    from babel.messages.pofile import read_po

    with po_path(code, domain="assistant").open("rb") as handle:
        catalog = read_po(handle)
    web = [m for m in catalog if m.id and any(str(c).endswith("(web chat)")
                                               for c in m.auto_comments)]
    assert len(web) > 30
    assert [m.id for m in web if m.string == m.id] == []
