"""Check the catalogs against the template: the test command runs this on every language.

A catalog passes when it has every message of ``signpost.pot`` (none missing, fuzzy or empty,
no extra ones), uses the same ``%(name)s`` placeholders as the source, declares the plural forms
that CLDR gives its language with a msgstr for each, and declares its review status.
No Django dependency.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from i18n.catalogs import DOMAIN, ReviewStatus, po_path, review_status_of
from i18n.languages import LOCALES_DIR, babel_locale_code

PLACEHOLDER_RE = re.compile(r"%\((\w+)\)[sd]")
# The assistant's domain keeps Rasa's {name} placeholders (its msgids are the domain's texts);
# every other domain (the case updates') uses gettext's %(name)s like the leaflet.
BRACE_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
PLACEHOLDER_PATTERNS = {DOMAIN: PLACEHOLDER_RE, "updates": PLACEHOLDER_RE,
                        "assistant": BRACE_PLACEHOLDER_RE}
_PLURAL_FORMS_RE = re.compile(r'^"Plural-Forms:\s*nplurals=(\d+);', re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str  # the msgid ("" for the whole catalog)
    problem: str

    def __str__(self) -> str:
        where = f" {self.message[:60]!r}" if self.message else ""
        return f"{self.code}{where}: {self.problem}"


def placeholders(text: str, domain: str = DOMAIN) -> set[str]:
    """The named placeholders in a message.

    >>> sorted(placeholders("Call %(support_name)s on %(support_phone)s."))
    ['support_name', 'support_phone']
    >>> sorted(placeholders("Call {support_name}.", domain="assistant"))
    ['support_name']
    >>> sorted(placeholders("Court: %(court_when)s.", domain="updates"))
    ['court_when']
    """
    return set(PLACEHOLDER_PATTERNS.get(domain, PLACEHOLDER_RE).findall(text))


def read_template(path: Path, domain: str = DOMAIN) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, domain=domain)


def _strings(message: Message) -> list[str]:
    string = message.string
    if isinstance(string, tuple | list):
        return [str(s) for s in string]
    return [str(string or "")]


def _check_message(code: str, source: Message, message: Message | None,
                   nplurals: int, domain: str = DOMAIN) -> list[Problem]:
    key = source.id if isinstance(source.id, str) else source.id[0]
    if message is None:
        return [Problem(code, key, "missing")]
    problems = []
    if message.fuzzy:
        problems.append(Problem(code, key, "marked fuzzy"))
    strings = _strings(message)
    if any(not s.strip() for s in strings):
        problems.append(Problem(code, key, "empty translation"))
    if isinstance(source.id, str):
        expected = placeholders(source.id, domain)
        for string in strings:
            if string.strip() and placeholders(string, domain) != expected:
                problems.append(Problem(
                    code, key, f"placeholders {sorted(placeholders(string, domain))}, "
                    f"source has {sorted(expected)}"))
        return problems
    if len(strings) != nplurals:
        problems.append(Problem(code, key, f"{len(strings)} plural forms, catalog declares "
                                           f"{nplurals}"))
    expected = placeholders(source.id[0]) | placeholders(source.id[1])
    for string in strings:
        found = placeholders(string)
        # A plural form may leave the number out ("one day"), but nothing else, and no extras.
        if string.strip() and (not found <= expected or
                               not (expected - found) <= _count_placeholders(source)):
            problems.append(Problem(code, key, f"placeholders {sorted(found)}, "
                                               f"source has {sorted(expected)}"))
    return problems


def _count_placeholders(source: Message) -> set[str]:
    """Placeholders that appear in a plural message's both forms are the candidate count."""
    return placeholders(source.id[0]) & placeholders(source.id[1])


def check_catalog(
    code: str, template: Catalog, *, locales_dir: Path = LOCALES_DIR, domain: str = DOMAIN
) -> list[Problem]:
    """Every problem of one language's catalog (of ``domain``); an empty list when complete."""
    path = po_path(code, locales_dir, domain)
    if not path.exists():
        return [Problem(code, "", f"no catalog at {path}")]
    raw = path.read_text(encoding="utf-8")
    problems = []
    status = review_status_of(raw)
    if status not in ReviewStatus.ALL:
        problems.append(Problem(code, "", f"X-Review-Status is {status!r}, expected one of "
                                          f"{sorted(ReviewStatus.ALL)}"))
    rule = get_plural(babel_locale_code(code))
    declared = _PLURAL_FORMS_RE.search(raw)
    if declared is None:
        problems.append(Problem(code, "", "no Plural-Forms header"))
        nplurals = rule.num_plurals
    else:
        nplurals = int(declared.group(1))
        if nplurals != rule.num_plurals:
            problems.append(Problem(code, "", f"Plural-Forms declares nplurals={nplurals}, CLDR "
                                              f"says {rule.num_plurals}"))
    catalog = read_po(io.StringIO(raw), locale=babel_locale_code(code), domain=domain)
    for source in template:
        if source.id:
            problems.extend(_check_message(code, source, catalog.get(source.id), nplurals,
                                           domain))
    for message in catalog:
        if message.id and template.get(message.id) is None:
            key = message.id if isinstance(message.id, str) else message.id[0]
            problems.append(Problem(code, key, "not in the template (obsolete?)"))
    return problems
