"""The ``assistant`` gettext domain: extract the domain's responses, create and update catalogs.

    python -m assistant.catalog_build extract   # locales/assistant.pot from bot/domain/*.yml
    python -m assistant.catalog_build init      # create missing assistant.po files (55)
    python -m assistant.catalog_build update    # merge the template into every assistant.po
    python -m assistant.catalog_build compile   # .po -> .mo (optional at run time)

Each response text of the domain is one msgid (the English text, placeholders ``{name}``
kept), and so is its web-chat wording where that differs (``assistant.web_wording``: "Choose
Yes or No" for "Reply YES or NO"); the response names are the translators' comments. English
gets msgstr = msgid and status "source"; every other language starts empty as "machine-draft".
No Django.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from assistant.web_chat_texts import all_texts
from assistant.web_wording import for_web
from i18n.languages import LOCALES_DIR
from leaflets import catalog_build

DOMAIN = "assistant"
REPO = LOCALES_DIR.parent
DOMAIN_DIR = REPO / "bot" / "domain"
POT_PATH = LOCALES_DIR / f"{DOMAIN}.pot"
PROJECT = "Signpost assistant"
VERSION = "assistant-2026.1"
WIDTH = 100
NOTE = "Keep every {placeholder} unchanged. This is sent by SMS: keep it as short as the English."
WEB_NOTE = ("Keep every {placeholder} unchanged. Shown in the web chat, with Yes/No or menu "
            "buttons below it: 'choose' means pressing a button, 'type' means the text box.")


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
    for name, (text, file) in sorted(domain_responses(domain_dir).items()):
        web = for_web(text)
        if web == text:
            continue
        existing = template.get(web)
        if existing is not None:
            existing.auto_comments.append(f"{name} (web chat)")
            continue
        template.add(web, None, [(file, 0)], auto_comments=[f"{name} (web chat)", WEB_NOTE])
    for text in all_texts():
        template.add(text, None, [("assistant/web_chat_texts.py", 0)],
                     auto_comments=["web chat page"])
    return template


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_po(buffer, catalog, width=WIDTH, omit_header=False, include_lineno=False)
    path.write_text(buffer.getvalue().decode("utf-8"), encoding="utf-8")


def init_catalogs(template: Catalog, locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Create the assistant.po of every language that has none; return the codes created."""
    return catalog_build.init_catalogs(template, locales_dir, domain=DOMAIN, project=PROJECT,
                                       version=VERSION, include_lineno=False)


def update_catalogs(template: Catalog, locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Merge the template into every assistant.po (new messages empty; English filled)."""
    return catalog_build.update_catalogs(template, locales_dir, domain=DOMAIN, fill_source=True,
                                         include_lineno=False)


def compile_catalogs(locales_dir: Path = LOCALES_DIR) -> list[str]:
    return catalog_build.compile_catalogs(locales_dir, domain=DOMAIN)


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
