"""The ``updates`` gettext domain (case update texts): extract, create, update, compile.

    python -m caseupdates.catalog_build extract   # locales/updates.pot from caseupdates/texts.py
    python -m caseupdates.catalog_build init      # create missing updates.po files (55)
    python -m caseupdates.catalog_build update    # merge the template into every updates.po
    python -m caseupdates.catalog_build compile   # .po -> .mo (optional at run time)

English gets msgstr = msgid and status "source"; every other language starts empty as
"machine-draft" (an empty message falls back to English). No Django.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from babel.messages.catalog import Catalog

from caseupdates.texts import DOMAIN, all_messages
from i18n.languages import LOCALES_DIR
from leaflets import catalog_build

POT_PATH = LOCALES_DIR / f"{DOMAIN}.pot"
PROJECT = "Signpost case updates"
VERSION = "updates-2026.1"
NOTE = "Keep every %(placeholder)s unchanged. Sent by SMS: keep it as short as the English."


def extract() -> Catalog:
    template = Catalog(project=PROJECT, version=VERSION, domain=DOMAIN,
                       creation_date=datetime.now(UTC), fuzzy=False)
    for text in all_messages():
        template.add(text, None, [("caseupdates/texts.py", 0)], auto_comments=[NOTE],
                     flags=("python-format",) if "%(" in text else ())
    return template


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "extract":
        catalog_build.write_template(extract(), POT_PATH)
    elif command == "init":
        created = catalog_build.init_catalogs(extract(), domain=DOMAIN, project=PROJECT,
                                              version=VERSION, include_lineno=False)
        sys.stdout.write("created: " + (" ".join(created) or "none") + "\n")
    elif command == "update":
        template = extract()
        catalog_build.write_template(template, POT_PATH)
        catalog_build.update_catalogs(template, domain=DOMAIN, fill_source=True,
                                      include_lineno=False)
    elif command == "compile":
        compiled = catalog_build.compile_catalogs(domain=DOMAIN)
        sys.stdout.write(f"compiled {len(compiled)} catalogs\n")
    else:
        sys.stderr.write(__doc__ or "")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
