"""Extract, initialise, update and compile the gettext catalogs, with Babel's Python API.

    python -m leaflets.catalog_build extract   # locales/signpost.pot from the marked messages
    python -m leaflets.catalog_build init      # create missing .po files (never overwrites)
    python -m leaflets.catalog_build update    # merge the template into every .po
    python -m leaflets.catalog_build compile   # .po -> .mo (git-ignored; optional at run time)

The ``make catalogs*`` targets call these. No Django dependency. The checker is in
``leaflets/catalog_check.py``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from i18n.catalogs import (
    DOMAIN,
    REVIEW_STATUS_HEADER,
    STATUS_HEADER_RE,
    ReviewStatus,
    mo_path,
    po_path,
    review_status_of,
)
from i18n.languages import (
    LOCALES_DIR,
    SOURCE_LANGUAGE,
    all_languages,
    babel_locale_code,
)
from leaflets.content import CONTENT_VERSION

REPO = LOCALES_DIR.parent
SOURCE_DIRS = ("leaflets",)  # folders whose .py files mark messages with N_ / NN_
KEYWORDS: dict[str, tuple[int, ...] | None] = {"N_": None, "NN_": (1, 2)}
POT_PATH = LOCALES_DIR / f"{DOMAIN}.pot"
PROJECT = "Signpost"
WIDTH = 100


def extract() -> Catalog:
    """A template catalog of every marked message in the source folders."""
    template = Catalog(project=PROJECT, version=CONTENT_VERSION, domain=DOMAIN,
                       creation_date=datetime.now(UTC), fuzzy=False)
    for folder in SOURCE_DIRS:
        for filename, lineno, message, comments, context in extract_from_dir(
            REPO / folder, method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("NOTE:",), strip_comment_tags=True,
        ):
            template.add(message, None, [(f"{folder}/{filename}", lineno)],
                         auto_comments=comments, context=context)
    return template


def write_template(template: Catalog, path: Path = POT_PATH) -> None:
    with path.open("wb") as out:
        write_po(out, template, width=WIDTH, omit_header=False)


def with_review_status(po_text: str, status: str) -> str:
    """The .po text with its X-Review-Status header set (Babel drops unknown headers)."""
    line = f'"{REVIEW_STATUS_HEADER}: {status}\\n"\n'
    if STATUS_HEADER_RE.search(po_text):
        return re.sub(r'^"' + REVIEW_STATUS_HEADER + r':[^\n]*\n', line, po_text, count=1,
                      flags=re.MULTILINE)
    return re.sub(r'^(?="MIME-Version:)', lambda _: line, po_text, count=1, flags=re.MULTILINE)


def _write_catalog(catalog: Catalog, path: Path, status: str, *,
                   include_lineno: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_po(buffer, catalog, width=WIDTH, omit_header=False, include_lineno=include_lineno)
    path.write_text(with_review_status(buffer.getvalue().decode("utf-8"), status),
                    encoding="utf-8")


def init_catalogs(template: Catalog, locales_dir: Path = LOCALES_DIR, *, domain: str = DOMAIN,
                  project: str = PROJECT, version: str = CONTENT_VERSION,
                  include_lineno: bool = True) -> list[str]:
    """Create the .po (of ``domain``) of every language that has none; the codes created.

    English gets msgstr = msgid and status "source"; every other language starts empty with
    status "machine-draft" and the Plural-Forms of its CLDR locale. The assistant's domain
    uses this too (assistant/catalog_build.py).
    """
    created = []
    for lang in all_languages():
        path = po_path(lang.code, locales_dir, domain)
        if path.exists():
            continue
        catalog = Catalog(locale=babel_locale_code(lang.code), domain=domain, project=project,
                          version=version, fuzzy=False,
                          language_team=f"{lang.english_name} ({lang.code})")
        for message in template:
            if not message.id:
                continue
            source = lang.code == SOURCE_LANGUAGE
            string: str | tuple[str, ...]
            if isinstance(message.id, tuple | list):
                string = tuple(message.id) if source else ("",) * catalog.num_plurals
            else:
                string = message.id if source else ""
            catalog.add(message.id, string, message.locations, flags=message.flags,
                        auto_comments=message.auto_comments)
        status = ReviewStatus.SOURCE if lang.code == SOURCE_LANGUAGE else ReviewStatus.MACHINE_DRAFT
        _write_catalog(catalog, path, status, include_lineno=include_lineno)
        created.append(lang.code)
    return created


def update_catalogs(template: Catalog, locales_dir: Path = LOCALES_DIR, *, domain: str = DOMAIN,
                    fill_source: bool = False, include_lineno: bool = True) -> list[str]:
    """Merge the template into every existing .po (new messages empty, old ones obsolete).

    With ``fill_source`` the English catalog's new messages get msgstr = msgid.
    """
    updated = []
    for lang in all_languages():
        path = po_path(lang.code, locales_dir, domain)
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        with path.open("rb") as po_file:
            catalog = read_po(po_file, locale=babel_locale_code(lang.code), domain=domain)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        if fill_source and lang.code == SOURCE_LANGUAGE:
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
        _write_catalog(catalog, path, review_status_of(text) or ReviewStatus.MACHINE_DRAFT,
                       include_lineno=include_lineno)
        updated.append(lang.code)
    return updated


def compile_catalogs(locales_dir: Path = LOCALES_DIR, *, domain: str = DOMAIN) -> list[str]:
    """Write a .mo beside every .po (of ``domain``); return the codes compiled."""
    compiled = []
    for lang in all_languages():
        path = po_path(lang.code, locales_dir, domain)
        if not path.exists():
            continue
        with path.open("rb") as po_file:
            catalog = read_po(po_file, locale=babel_locale_code(lang.code), domain=domain)
        with mo_path(lang.code, locales_dir, domain).open("wb") as out:
            write_mo(out, catalog)
        compiled.append(lang.code)
    return compiled


def fingerprint(template: Catalog) -> str:
    """A short hash of every English source message: changes whenever the text changes."""
    digest = hashlib.sha256()
    for message in template:
        if message.id:
            ident = message.id if isinstance(message.id, str) else "\x00".join(message.id)
            digest.update(ident.encode("utf-8") + b"\x01")
    return digest.hexdigest()[:16]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    out = sys.stdout
    if command == "extract":
        template = extract()
        write_template(template)
        out.write(f"{POT_PATH.relative_to(REPO)}: {len(template)} messages\n")
    elif command == "init":
        out.write("created: " + (" ".join(init_catalogs(extract())) or "none") + "\n")
    elif command == "update":
        template = extract()
        write_template(template)
        out.write("updated: " + (" ".join(update_catalogs(template)) or "none") + "\n")
    elif command == "compile":
        out.write(f"compiled {len(compile_catalogs())} catalogs\n")
    else:
        sys.stderr.write(__doc__ or "")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
