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
from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from assistant import action_validation
from assistant.translate import language_of, placeholder_values, translate

action_validation.install()  # the Rasa server imports this module: see action_validation


class CatalogNLG(TemplatedNaturalLanguageGenerator):  # type: ignore[misc]
    """Rasa's templated NLG, with each response's text translated before it is filled.

    A subclass of ``TemplatedNaturalLanguageGenerator`` on purpose: ``Agent.load_model`` then
    refreshes ``responses`` from each newly loaded model's domain.
    """

    def __init__(self, endpoint_config: EndpointConfig | None = None,
                 domain: Domain | None = None) -> None:
        super().__init__(domain.responses if domain is not None else {})
        self.endpoint_config = endpoint_config

    def generate_from_slots(
        self,
        utter_action: str,
        filled_slots: dict[str, Any],
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        chosen = self._random_response_for(utter_action, output_channel, filled_slots)
        if chosen is None:
            return None
        response: dict[str, Any] = copy.deepcopy(chosen)
        language = language_of(kwargs.get("language") or filled_slots.get("language"))
        if isinstance(response.get("text"), str):
            response["text"] = translate(response["text"], language)
        base_url = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
        values = {**placeholder_values(language, base_url=base_url), **filled_slots}
        filled: dict[str, Any] = self._fill_response(response, values, **kwargs)
        return filled
