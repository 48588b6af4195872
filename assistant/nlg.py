"""Every ``utter_*`` response rendered from the ``assistant`` gettext catalogs, in-process.

``bot/endpoints.yml`` names this class (``nlg: type: assistant.nlg.CatalogNLG``). The domain
holds each response once, in English; that English text is the msgid of the ``assistant``
domain (``locales/assistant.pot``, extracted by ``assistant.catalog_build``), so the victim's
language (the ``language`` slot, or a ``language`` argument an action passes when it has just
changed it) picks the translation and Rasa then fills the ``{slot}``/``{argument}``
placeholders. A missing catalog or an empty translation falls back to the English text.

No Django here: the Rasa server imports this module and must not set Django up.
"""

from __future__ import annotations

import copy
import os
import re
from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from assistant import action_validation, web_wording
from assistant.translate import language_of, placeholder_values, translate

action_validation.install()  # the Rasa server imports this module: see action_validation

# A bracketed placeholder whose value is empty (a force with no opening hours in this language)
# leaves "()" behind: it goes, with the space before it. Full-width brackets too (zh, ja).
_EMPTY_BRACKETS = re.compile("\\s*[(\uff08]\\s*[)\uff09]")


class CatalogNLG(TemplatedNaturalLanguageGenerator):  # type: ignore[misc]
    """Rasa's templated NLG, with each response's text translated before it is filled.

    A subclass of ``TemplatedNaturalLanguageGenerator`` on purpose: ``Agent.load_model`` then
    refreshes ``responses`` from each newly loaded model's domain.
    """

    def __init__(self, endpoint_config: EndpointConfig | None = None,
                 domain: Domain | None = None) -> None:
        super().__init__(domain.responses if domain is not None else {})
        self.endpoint_config = endpoint_config

    async def generate(self, utter_action: str, tracker: DialogueStateTracker,
                       output_channel: str, **kwargs: Any) -> dict[str, Any] | None:
        """As Rasa's, worded for the web chat when the victim's message came from it."""
        metadata = getattr(tracker.latest_message, "metadata", None) or {}
        web = isinstance(metadata, dict) and metadata.get("channel") == web_wording.WEB
        return self.generate_from_slots(utter_action, tracker.current_slot_values(),
                                        output_channel, web=web, **kwargs)

    def generate_from_slots(
        self,
        utter_action: str,
        filled_slots: dict[str, Any],
        output_channel: str,
        web: bool = False,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        chosen = self._random_response_for(utter_action, output_channel, filled_slots)
        if chosen is None:
            return None
        response: dict[str, Any] = copy.deepcopy(chosen)
        language = language_of(kwargs.get("language") or filled_slots.get("language"))
        english = response.get("text")
        if isinstance(english, str):
            response["text"] = _text_for(english, language, web=web)
        base_url = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
        values = {**placeholder_values(language, base_url=base_url), **filled_slots}
        filled: dict[str, Any] = self._fill_response(response, values, **kwargs)
        if isinstance(filled.get("text"), str):
            filled["text"] = _EMPTY_BRACKETS.sub("", filled["text"])
        if web and isinstance(english, str) and isinstance(filled.get("text"), str):
            _add_buttons(filled, english, language)
        return filled


def _text_for(english: str, language: str, *, web: bool) -> str:
    """The translated text; for the web, its web wording when that is translated (or English)."""
    if web:
        worded = web_wording.for_web(english)
        translated = translate(worded, language)
        if worded != english and (translated != worded or language == "en"):
            return translated
    return translate(english, language)


def _add_buttons(response: dict[str, Any], english: str, language: str) -> None:
    text, choices = web_wording.menu_choices(response["text"])
    if not choices and web_wording.is_yes_no(english):
        choices = web_wording.yes_no_choices(language)
    if choices:
        response["text"] = text
        response["buttons"] = [*(response.get("buttons") or []),
                               *({"title": title, "payload": payload}
                                 for title, payload in choices)]
