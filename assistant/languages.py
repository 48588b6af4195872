"""The language menu: numbered native names, the languages most spoken by London victims first.

Numbers run through the whole list (1-55), shown a page at a time; 0 shows the next page.
No Django.

>>> [(n, lang.code) for n, lang in menu_page(0)][:3]
[(1, 'en'), (2, 'pl'), (3, 'ro')]
>>> language_for_number(2).code
'pl'
"""

from __future__ import annotations

from functools import cache

from i18n.languages import Language, all_languages

PAGE_SIZE = 10
# Free-text understanding is trained for these (bot/data/nlu/<code>/); they come first.
FIRST = ("en", "pl", "ro", "bn", "pt", "es", "ar", "tr", "ur", "so", "pa")


@cache
def menu_order() -> tuple[Language, ...]:
    languages = all_languages()
    first = [lang for code in FIRST for lang in languages if lang.code == code]
    return (*first, *(lang for lang in languages if lang.code not in FIRST))


def page_count() -> int:
    return -(-len(menu_order()) // PAGE_SIZE)


def menu_page(page: int) -> list[tuple[int, Language]]:
    """The numbered entries of one page (pages wrap around)."""
    start = (page % page_count()) * PAGE_SIZE
    entries = list(enumerate(menu_order(), start=1))
    return entries[start:start + PAGE_SIZE]


# The menu's last line, the same in every language: the menu is what a first text nobody could
# read gets, and it may have been someone in danger writing in a language the net missed.
EMERGENCY_LINE = "🆘 999"


def menu_options(page: int) -> str:
    """One line per language ("2 Polski"), "0 …" for the next page, then the emergency number."""
    lines = [f"{number} {lang.native_name}" for number, lang in menu_page(page)]
    return "\n".join([*lines, "0 …", EMERGENCY_LINE])


def language_for_number(number: int) -> Language | None:
    order = menu_order()
    return order[number - 1] if 1 <= number <= len(order) else None
