"""The forms a rendered page holds, read from its HTML: where each posts and its fields.

The hostile-form tests fuzz what the pages really offer, so a new form or field is covered
without a change to the tests.

>>> [f.fields for f in forms_in('<form method="post" action="/x/"><input name="a" value="1">'
...  '<select name="s"><option value="p">P</option><option value="q">Q</option></select>'
...  '<input type="checkbox" name="c" value="v"></form>', "/page/")]
[{'a': Field(kind='text', options=('1',)), 's': Field(kind='choice', options=('p', 'q')), \
'c': Field(kind='choice', options=('v',))}]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

CHOICE_INPUTS = frozenset({"checkbox", "radio"})
FIXED_INPUTS = frozenset({"hidden", "submit", "button"})


@dataclass(frozen=True)
class Field:
    kind: str  # "text" (free text), "choice" (select, radio, checkbox) or "fixed" (hidden)
    options: tuple[str, ...] = ()  # choices; for text and fixed fields, the value shown


@dataclass
class PageForm:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None) -> None:
        known = self.fields.get(name)
        options = (*known.options, value) if known and value is not None else (
            known.options if known else ((value,) if value is not None else ()))
        self.fields[name] = Field(kind if known is None else known.kind, options)

    def valid_data(self) -> dict[str, str]:
        """The first option of each field (what a person submitting untouched would send)."""
        return {name: f.options[0] if f.options else "" for name, f in self.fields.items()}


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[PageForm] = []
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(PageForm(found.get("method", "get").lower(),
                                       urljoin(self.page, found.get("action") or self.page)))
            return
        if not self.forms or "name" not in found:
            if tag == "option" and self.forms and self.select:
                self.forms[-1].add(self.select, "choice", found.get("value", ""))
            return
        form, name = self.forms[-1], found["name"]
        if tag == "input":
            kind = found.get("type", "text").lower()
            if kind in CHOICE_INPUTS:
                form.add(name, "choice", found.get("value", "on"))
            elif kind in FIXED_INPUTS:
                form.add(name, "fixed", found.get("value", ""))
            else:
                form.add(name, "text", found.get("value") or None)
        elif tag == "textarea":
            form.add(name, "text", None)
        elif tag == "select":
            self.select = name
            form.fields.setdefault(name, Field("choice"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def forms_in(html: str, page: str) -> list[PageForm]:
    reader = _Reader(page)
    reader.feed(html)
    return reader.forms
