"""Merge translations from a numbered JSON file into one catalog, then check the catalog.

    .venv/bin/python scripts/po_fill.py CODE translations.json [DOMAIN]

DOMAIN is ``signpost`` (the leaflet, the default) or ``assistant`` (the assistant's replies).

The JSON maps message numbers (as printed by scripts/po_todo.py) to the translation: a string,
or for a plural message a list with one string per plural form of the catalog's language. The
catalog's header (Plural-Forms, X-Review-Status …) is kept as it is. Prints the checker's
problems (leaflets/catalog_check.py) and exits non-zero while there are any.
"""

from __future__ import annotations

import json
import sys

from babel.messages.pofile import read_po, write_po

from i18n.catalogs import po_path
from i18n.languages import LOCALES_DIR, babel_locale_code
from leaflets.catalog_check import check_catalog, read_template


def main() -> int:
    code, source = sys.argv[1], sys.argv[2]
    domain = sys.argv[3] if len(sys.argv) > 3 else "signpost"
    with open(source, encoding="utf-8") as file:
        translations: dict[str, str | list[str]] = json.load(file)
    template = read_template(LOCALES_DIR / f"{domain}.pot", domain)
    numbered = {str(n): m for n, m in enumerate((m for m in template if m.id), start=1)}
    unknown = sorted(set(translations) - set(numbered), key=int)
    if unknown:
        print(f"{code}: no message numbered {unknown}", file=sys.stderr)
        return 2
    path = po_path(code, LOCALES_DIR, domain)
    raw = path.read_text(encoding="utf-8")
    header = raw[: raw.index("\n\n") + 2]  # the header block, kept byte for byte
    with path.open("rb") as file:
        catalog = read_po(file, locale=babel_locale_code(code), domain=domain)
    for number, text in translations.items():
        key = numbered[number].id
        message = catalog.get(key) if catalog.get(key) is not None else catalog.add(key)
        message.string = tuple(text) if isinstance(text, list) else text
        message.flags.discard("fuzzy")
    with path.open("wb") as file:
        write_po(file, catalog, width=100, omit_header=True)
    body = path.read_text(encoding="utf-8")
    path.write_text(header + body.lstrip("\n"), encoding="utf-8")
    problems = check_catalog(code, template, domain=domain)
    for problem in problems:
        print(problem)
    print(f"{code}: {len(translations)} merged, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
