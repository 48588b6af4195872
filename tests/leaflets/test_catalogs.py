"""The catalog checker, run on every catalog, and proof that it catches each kind of fault.

While translators are still filling the .po files, the per-language check fails for the
incomplete ones: that is intended (the issue is done when every catalog passes).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from i18n.catalogs import catalog, po_path
from i18n.languages import LOCALES_DIR, all_languages
from leaflets.catalog_build import extract, fingerprint
from leaflets.catalog_check import Problem, check_catalog, read_template
from leaflets.content import CONTENT_FINGERPRINTS, CONTENT_VERSION

SHARED_LANGUAGES = Path(__file__).resolve().parents[3] / "shared/content/languages.tsv"
TEMPLATE = read_template(LOCALES_DIR / "signpost.pot")


@pytest.mark.parametrize("code", [lang.code for lang in all_languages()])
def test_catalog_is_complete_and_consistent(code: str) -> None:
    problems = check_catalog(code, TEMPLATE)
    assert not problems, f"{len(problems)} problems, first: " + "; ".join(
        str(p) for p in problems[:5])


def test_template_matches_the_marked_messages() -> None:
    """signpost.pot is up to date: run `make catalogs-extract` after changing the content."""
    extracted = {m.id for m in extract() if m.id}
    assert extracted == {m.id for m in TEMPLATE if m.id}


def test_content_version_names_the_current_text() -> None:
    """Changing an English message needs a new CONTENT_VERSION (leaflet issues record it)."""
    assert CONTENT_FINGERPRINTS[CONTENT_VERSION] == fingerprint(extract())


def test_there_is_a_catalog_for_every_language_of_the_shared_list() -> None:
    codes = [lang.code for lang in all_languages()]
    assert len(codes) == 55
    assert len(set(codes)) == 55
    if SHARED_LANGUAGES.exists():
        assert (LOCALES_DIR / "languages.tsv").read_text() == SHARED_LANGUAGES.read_text()
    for code in codes:
        assert po_path(code).exists()


def test_rtl_languages() -> None:
    rtl = {lang.code for lang in all_languages() if lang.direction == "rtl"}
    assert rtl == {"ar", "fa_AF", "fa", "ckb", "ps", "ur"}


def test_english_is_the_source() -> None:
    assert catalog("en").review_status == "source"
    assert not catalog("en").unreviewed


# --- The checker can fail --------------------------------------------------------------------

@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A copy of the English catalog under the code "de", to break on purpose."""
    target = po_path("de", tmp_path)
    target.parent.mkdir(parents=True)
    text = po_path("en").read_text(encoding="utf-8").replace('"Language: en\\n"',
                                                             '"Language: de\\n"')
    target.write_text(text.replace("X-Review-Status: source", "X-Review-Status: reviewed"),
                      encoding="utf-8")
    return tmp_path


def _problems(locales: Path, old: str, new: str, code: str = "de") -> list[Problem]:
    path = po_path(code, locales)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return check_catalog(code, TEMPLATE, locales_dir=locales)


def test_checker_passes_a_good_catalog(scratch: Path) -> None:
    assert check_catalog("de", TEMPLATE, locales_dir=scratch) == []


def test_checker_finds_an_empty_string(scratch: Path) -> None:
    problems = _problems(scratch, 'msgstr "Contents"', 'msgstr ""')
    assert [p.problem for p in problems] == ["empty translation"]


def test_checker_finds_a_wrong_placeholder(scratch: Path) -> None:
    problems = _problems(scratch, 'msgstr "This information comes from %(force_name)s."',
                         'msgstr "This information comes from %(force)s."')
    assert "placeholders ['force']" in problems[0].problem


def test_checker_finds_a_missing_message(scratch: Path) -> None:
    problems = _problems(scratch, 'msgid "Contents"\nmsgstr "Contents"', "")
    assert [(p.message, p.problem) for p in problems] == [("Contents", "missing")]


def test_checker_finds_fuzzy_and_unknown_status(scratch: Path) -> None:
    problems = _problems(scratch, 'msgid "Contents"', '#, fuzzy\nmsgid "Contents"')
    assert [p.problem for p in problems] == ["marked fuzzy"]
    problems = _problems(scratch, "X-Review-Status: reviewed", "X-Review-Status: done")
    assert any("X-Review-Status" in p.problem for p in problems)


def test_checker_finds_wrong_plural_forms(scratch: Path) -> None:
    # Polish has three plural forms; a catalog declaring two (as English does) is wrong.
    target = po_path("pl", scratch)
    target.parent.mkdir(parents=True)
    shutil.copy(po_path("de", scratch), target)
    problems = check_catalog("pl", TEMPLATE, locales_dir=scratch)
    assert any("nplurals=2, CLDR says 3" in p.problem for p in problems)


def test_checker_finds_a_missing_catalog(tmp_path: Path) -> None:
    assert "no catalog" in check_catalog("de", TEMPLATE, locales_dir=tmp_path)[0].problem


ENHANCED_CRIMES = (
    "you are the victim of a very serious crime, such as domestic abuse, hate crime, a sexual "
    "offence, human trafficking, terrorism, attempted murder, kidnapping or false imprisonment, "
    "arson meant to put life in danger, or wounding or grievous bodily harm with intent")
OMBUDSMAN = ("If you are still unhappy, your MP can pass your complaint to the Parliamentary and "
             "Health Service Ombudsman.")
REVIEW_TEXT = ("If the police or the Crown Prosecution Service decide not to charge anyone, or to "
               "stop the case, you can ask them to look at the decision again.")
DEAF_TEXT = ("If you are deaf or cannot speak, you can text 999 if you have registered with "
             "emergencySMS first. Text relay and British Sign Language video relay also work.")
DRAFT_NOTICE = ("This translation was made by a computer and has not been checked yet. "
                "The English version is the official text.")

@pytest.mark.parametrize(("code", "domain", "message", "wrong", "right"), [
    # Urdu: whether it is safe for us to text or leave a voicemail, not for the victim to.
    ("ur", "assistant", "Is it safe for us to send you texts? Reply Y or N.",
     "کیا آپ کو ٹیکسٹ", "کیا ہمارا آپ کو ٹیکسٹ"),
    ("ur", "assistant", "Is it safe to leave you a voicemail? Reply Y or N.",
     "کیا آپ کے لیے وائس میل", "کیا ہمارا آپ کے لیے وائس میل"),
    # Tigrinya: human trafficking, not people smuggling.
    ("ti", "signpost", ENHANCED_CRIMES, "ምስግጋር ሰባት", "ምዝውዋር ደቂ ሰባት"),
    # Polish: the UK Ombudsman, not the Polish Rzecznik Praw Obywatelskich.
    ("pl", "signpost", OMBUDSMAN, "Praw Obywatelskich", "brytyjskiego Rzecznika"),
    # Simplified Chinese: mainland terms, not Hong Kong ones.
    ("zh_Hans", "signpost", REVIEW_TEXT, "检控署", "皇家检察署"),
    # Arabic and Portuguese: no masculine-only address.
    ("ar", "signpost", "If you are in danger, call 999.", "اتصل بالرقم", "يُرجى الاتصال"),
    ("pt", "signpost", DEAF_TEXT, "Se é surdo", "Se tem surdez"),
    # Welsh: the English text is not "the official one".
    ("cy", "signpost", DRAFT_NOTICE, "testun swyddogol", "Mae'r fersiwn Saesneg ar gael hefyd"),
])
def test_reviewers_corrections_hold(code: str, domain: str, message: str, wrong: str,
                                    right: str) -> None:
    translated = catalog(code, domain=domain).text(message)
    assert wrong not in translated
    assert right in translated
