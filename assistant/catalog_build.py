"""The ``assistant`` gettext domain: extract the domain's responses, create and update catalogs.

    python -m assistant.catalog_build extract   # locales/assistant.pot from bot/domain/*.yml
    python -m assistant.catalog_build init      # create missing assistant.po files (55)
    python -m assistant.catalog_build update    # merge the template into every assistant.po
    python -m assistant.catalog_build compile   # .po -> .mo (optional at run time)

Each response text of the domain is one msgid (the English text, placeholders ``{name}``
kept); the response names are the translators' comments. English gets msgstr = msgid and
status "source"; every other language starts empty as "machine-draft". No Django.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from chat.texts import all_texts
from leaflets.catalog_build import with_review_status
from leaflets.catalogs import ReviewStatus, mo_path, po_path, review_status_of
from leaflets.languages import LOCALES_DIR, SOURCE_LANGUAGE, all_languages, babel_locale_code

DOMAIN = "assistant"
REPO = LOCALES_DIR.parent
DOMAIN_DIR = REPO / "bot" / "domain"
POT_PATH = LOCALES_DIR / f"{DOMAIN}.pot"
PROJECT = "Signpost assistant"
VERSION = "assistant-2026.1"
WIDTH = 100
NOTE = "Keep every {placeholder} unchanged. This is sent by SMS: keep it as short as the English."


def domain_responses(domain_dir: Path = DOMAIN_DIR) -> dict[str, tuple[str, str]]:
    """Response name -> (English text, file) for every text response of the domain."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(domain_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (data.get("responses") or {}).items():
            for variation in variations:
                if isinstance(variation.get("text"), str):
                    found[name] = (variation["text"], f"bot/domain/{path.name}")
    return found


def extract(domain_dir: Path = DOMAIN_DIR) -> Catalog:
    template = Catalog(project=PROJECT, version=VERSION, domain=DOMAIN,
                       creation_date=datetime.now(UTC), fuzzy=False)
    for name, (text, file) in sorted(domain_responses(domain_dir).items()):
        existing = template.get(text)
        if existing is not None:
            existing.auto_comments.append(name)
            continue
        template.add(text, None, [(file, 0)], auto_comments=[name, NOTE])
    for text in all_texts():
        template.add(text, None, [("chat/texts.py", 0)], auto_comments=["web chat page"])
    return template


def _write(catalog: Catalog, path: Path, status: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_po(buffer, catalog, width=WIDTH, omit_header=False, include_lineno=False)
    text = buffer.getvalue().decode("utf-8")
    path.write_text(with_review_status(text, status) if status else text, encoding="utf-8")


def init_catalogs(template: Catalog, locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Create the assistant.po of every language that has none; return the codes created."""
    created = []
    for lang in all_languages():
        path = po_path(lang.code, locales_dir, DOMAIN)
        if path.exists():
            continue
        source = lang.code == SOURCE_LANGUAGE
        catalog = Catalog(locale=babel_locale_code(lang.code), domain=DOMAIN, project=PROJECT,
                          version=VERSION, fuzzy=False,
                          language_team=f"{lang.english_name} ({lang.code})")
        for message in template:
            if message.id:
                catalog.add(message.id, message.id if source else "", message.locations,
                            auto_comments=message.auto_comments)
        _write(catalog, path, ReviewStatus.SOURCE if source else ReviewStatus.MACHINE_DRAFT)
        created.append(lang.code)
    return created


def update_catalogs(template: Catalog, locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Merge the template into every assistant.po (new messages empty; English filled)."""
    updated = []
    for lang in all_languages():
        path = po_path(lang.code, locales_dir, DOMAIN)
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        with path.open("rb") as po_file:
            catalog = read_po(po_file, locale=babel_locale_code(lang.code), domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        if lang.code == SOURCE_LANGUAGE:
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
        _write(catalog, path, review_status_of(text) or ReviewStatus.MACHINE_DRAFT)
        updated.append(lang.code)
    return updated


def compile_catalogs(locales_dir: Path = LOCALES_DIR) -> list[str]:
    compiled = []
    for lang in all_languages():
        path = po_path(lang.code, locales_dir, DOMAIN)
        if path.exists():
            with path.open("rb") as po_file:
                catalog = read_po(po_file, locale=babel_locale_code(lang.code), domain=DOMAIN)
            with mo_path(lang.code, locales_dir, DOMAIN).open("wb") as out:
                write_mo(out, catalog)
            compiled.append(lang.code)
    return compiled


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    out = sys.stdout
    if command == "extract":
        template = extract()
        _write(template, POT_PATH)
        out.write(f"{POT_PATH.relative_to(REPO)}: {len(template)} messages\n")
    elif command == "init":
        out.write("created: " + (" ".join(init_catalogs(extract())) or "none") + "\n")
    elif command == "update":
        template = extract()
        _write(template, POT_PATH)
        out.write("updated: " + (" ".join(update_catalogs(template)) or "none") + "\n")
    elif command == "compile":
        out.write(f"compiled {len(compile_catalogs())} catalogs\n")
    else:
        sys.stderr.write(__doc__ or "")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
