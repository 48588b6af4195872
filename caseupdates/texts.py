"""The update texts, one sentence per kind of decision, rendered from the ``updates`` gettext
catalog of the victim's language (English if it has none). The officer's note is added in
English, labelled so: it is free text and is not translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date, format_datetime

from caseupdates.kinds import EventKind
from caseupdates.workdays import UK
from i18n.catalogs import Catalog, catalog
from i18n.languages import SOURCE_LANGUAGE, formatting_locale, is_known
from leaflets.content import N_

DOMAIN = "updates"
TEMPLATE = "case-update"

SENTENCES: dict[EventKind, str] = {
    EventKind.ARRESTED: N_("Someone has been arrested."),
    EventKind.INTERVIEWED: N_("A suspect has been interviewed under caution."),
    EventKind.RELEASED_NO_CHARGE: N_("A suspect has been released without charge."),
    EventKind.RELEASED_UNDER_INVESTIGATION: N_(
        "A suspect has been released while the investigation continues."),
    EventKind.BAILED: N_("A suspect has been released on police bail, with conditions."),
    EventKind.BAIL_CONDITIONS_CHANGED: N_("A suspect's bail conditions have changed."),
    EventKind.CHARGED: N_("A suspect has been charged."),
    EventKind.NO_FURTHER_ACTION: N_("The police have decided to take no further action."),
    EventKind.OUT_OF_COURT_DISPOSAL: N_("The case has been dealt with without going to court."),
    EventKind.COURT_DATE_SET: N_("A court hearing has been set."),
}
# NOTE: %(force_name)s is the police force; %(crime_reference)s a code like 42/12345/26.
OPENING = N_("Update from %(force_name)s on crime %(crime_reference)s:")
COURT = N_("Court: %(court_when)s, %(court_place)s.")
CONTACT = N_("Questions? Call %(support_name)s on %(support_phone)s.")
NOTE_LABEL = "Officer's note (in English):"
# The longest update (a decision with a court date, names as long as real ones get) in any
# language; the officer's note comes on top and is as long as the officer makes it. English needs
# 2 segments; a script outside GSM-7 pays 67 characters a segment, and the wordier drafts need 5.
MAX_SEGMENTS = 5
REPLY_LABEL = "Message from the officer (in English):"


@dataclass(frozen=True)
class UpdateText:
    language: str
    text: str
    unreviewed: bool  # a machine draft nobody has checked yet


def _catalog(language: str) -> Catalog:
    try:
        return catalog(language if is_known(language) else SOURCE_LANGUAGE, domain=DOMAIN)
    except FileNotFoundError:
        return catalog(SOURCE_LANGUAGE, domain=DOMAIN)


def render(*, language: str, kind: EventKind, force_name: str, crime_reference: str,
           support_name: str, support_phone: str, court_at: datetime | None = None,
           court_place: str = "", officer_note: str = "") -> UpdateText:
    texts = _catalog(language)
    parts = [texts.text(OPENING, force_name=force_name, crime_reference=crime_reference),
             texts.text(SENTENCES[kind])]
    if court_at is not None:
        when = format_datetime(court_at.astimezone(UK), "d MMMM y, HH:mm",
                               locale=formatting_locale(texts.code))
        parts.append(texts.text(COURT, court_when=when, court_place=court_place or "—"))
    if support_phone:
        parts.append(texts.text(CONTACT, support_name=support_name or force_name,
                                support_phone=support_phone))
    if officer_note.strip():
        parts.append(f"{NOTE_LABEL} {officer_note.strip()}")
    return UpdateText(language=texts.code, text=" ".join(parts), unreviewed=texts.unreviewed)


def render_news(*, language: str, kind: EventKind, decided_at: datetime, force_name: str,
                crime_reference: str, support_name: str, support_phone: str,
                court_at: datetime | None = None) -> UpdateText:
    """The latest update again, for a victim who asks the assistant: the decision and its date,
    the court hearing's time, and the support line. Neither the officer's note nor the court's
    place: free text that may name someone, and a chat transcript is kept unencrypted."""
    texts = _catalog(language)
    locale = formatting_locale(texts.code)
    when = format_date(decided_at.astimezone(UK), "d MMMM y", locale=locale)
    parts = [texts.text(OPENING, force_name=force_name, crime_reference=crime_reference),
             f"{texts.text(SENTENCES[kind])} ({when})"]
    if court_at is not None:
        hearing = format_datetime(court_at.astimezone(UK), "d MMMM y, HH:mm", locale=locale)
        parts.append(texts.text(COURT, court_when=hearing, court_place="—"))
    if support_phone:
        parts.append(texts.text(CONTACT, support_name=support_name or force_name,
                                support_phone=support_phone))
    return UpdateText(language=texts.code, text=" ".join(parts), unreviewed=texts.unreviewed)


def render_reply(*, language: str, force_name: str, crime_reference: str, support_name: str,
                 support_phone: str, text: str) -> UpdateText:
    """An officer's own message to the victim: the update's translated opening and support
    line around the officer's words, labelled as English (free text is not translated)."""
    texts = _catalog(language)
    parts = [texts.text(OPENING, force_name=force_name, crime_reference=crime_reference),
             f"{REPLY_LABEL} {text.strip()}"]
    if support_phone:
        parts.append(texts.text(CONTACT, support_name=support_name or force_name,
                                support_phone=support_phone))
    return UpdateText(language=texts.code, text=" ".join(parts), unreviewed=texts.unreviewed)


def all_messages() -> list[str]:
    return [OPENING, *SENTENCES.values(), COURT, CONTACT]
