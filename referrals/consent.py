"""The referral-consent statements, keyed by wording version.

The English text is the msgid of the assistant's ``utter_ask_consent_decision`` response (the
``assistant`` gettext domain); each language's text comes from that domain's catalog. A new
wording is a new version: never edit a published one, because consent records name it.
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n.catalogs import catalog
from i18n.languages import is_known

PURPOSE_REFERRAL = "referral"
# Since 7 December 2026: AGREE/CORRECT instead of YES (a Twilio opt-in word), and a statement
# for self-referrals that names no name or crime reference they never gave.
CURRENT_VERSION = "referral-consent-2026-12-07"


@dataclass(frozen=True)
class Wording:
    version: str
    statement: str  # English; {service_name} is filled in when shown
    confirm_given: str  # repeated back before a "yes" is stored
    confirm_refused: str  # repeated back before a "no" is stored
    statement_self: str = ""  # a self-referral's statement, when it differs ("": the same)

    def statement_for(self, *, self_referral: bool) -> str:
        return self.statement_self if self_referral and self.statement_self else self.statement


WORDINGS: dict[str, Wording] = {
    CURRENT_VERSION: Wording(
        version=CURRENT_VERSION,
        statement=(
            "Can we pass your name, phone number, crime reference and the answers you gave us "
            "to {service_name}, so they can offer you support? Reply AGREE or NO."
        ),
        statement_self=(
            "Can we pass your phone number and the answers you gave us to {service_name}, so "
            "they can offer you support? Reply AGREE or NO."
        ),
        confirm_given=(
            "You agreed that we share your details with {service_name}. Is that right? "
            "Reply CORRECT or NO."
        ),
        confirm_refused=(
            "You do not want us to share your details with {service_name}. Is that right? "
            "Reply CORRECT or NO."
        ),
    ),
    # Published before, named by the consent records made with it: never edit.
    "referral-consent-2026.1": Wording(
        version="referral-consent-2026.1",
        statement=(
            "Can we pass your name, phone number, crime reference and the answers you gave us "
            "to {service_name}, so they can offer you support? Reply YES or NO."
        ),
        confirm_given=(
            "You agreed that we share your details with {service_name}. Is that right? "
            "Reply YES or NO."
        ),
        confirm_refused=(
            "You do not want us to share your details with {service_name}. Is that right? "
            "Reply YES or NO."
        ),
    ),
}


def wording(version: str) -> Wording:
    """The wording with this version; KeyError for an unknown one."""
    return WORDINGS[version]


def render_statement(version: str, *, language: str, service_name: str,
                     text: str | None = None, self_referral: bool = False) -> str:
    """A wording's text (the statement by default) as the victim saw it, in their language.

    Translations come from the ``assistant`` gettext domain (the statement is the msgid of the
    assistant's ``utter_ask_consent_decision``); an untranslated text stays English.
    """
    english = text if text is not None else wording(version).statement_for(
        self_referral=self_referral)
    translated = english
    if is_known(language) and language != "en":
        try:
            translated = catalog(language, domain="assistant").translations.gettext(english)
        except FileNotFoundError:
            translated = english
    return (translated or english).replace("{service_name}", service_name)
