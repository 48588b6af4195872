"""Print a catalog's messages as a numbered list, for translating into a JSON file.

    .venv/bin/python scripts/po_todo.py CODE [DOMAIN] > /tmp/CODE-todo.txt

DOMAIN is ``signpost`` (the leaflet, the default) or ``assistant`` (the assistant's replies).

Each entry shows its number, the translator comment, the English source (and plural), and the
current translation if any. Translate into a JSON object keyed by the numbers, then merge it with
scripts/po_fill.py. The numbering is the template's message order (locales/DOMAIN.pot).
"""

from __future__ import annotations

import sys

from i18n.catalogs import po_path
from i18n.languages import LOCALES_DIR
from leaflets.catalog_check import read_template


def main() -> None:
    code = sys.argv[1]
    domain = sys.argv[2] if len(sys.argv) > 2 else "signpost"
    template = read_template(LOCALES_DIR / f"{domain}.pot", domain)
    print(f"# {code}: {po_path(code, LOCALES_DIR, domain)}")
    for number, message in enumerate((m for m in template if m.id), start=1):
        print(f"\n[{number}]")
        for comment in message.auto_comments:
            print(f"  note: {comment}")
        if isinstance(message.id, str):
            print(f"  en: {message.id!r}")
        else:
            print(f"  en (singular): {message.id[0]!r}")
            print(f"  en (plural):   {message.id[1]!r}   -> give a JSON list, one per plural form")


if __name__ == "__main__":
    main()
