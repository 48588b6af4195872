"""Rasa 3.6 graph components for bot/config.yml, thin wrappers over the pure matchers here.

Pipeline order (bot/config.yml): the trained featurizers and DIET, EntitySynonymMapper,
FallbackClassifier, then ``EntityNormaliser``, ``LanguageIdentifier``, ``KeywordNavigator`` and
last ``DangerSafetyNet``, so that danger overrides everything, then exact keywords override the
model. None of them is trained: their data is read from assistant/nlu/data when the model loads.

What the dialogue reads (docs/assistant-nlu.md):
- ``intent``: overridden with confidence 1.0 on an exact keyword/number or a danger match;
  ``understood_by`` in the parse data says which ("keywords" or "danger-lexicon"), and
  ``danger_kind`` which kind of danger the lexicon matched ("danger" or "self_harm").
- entity ``language`` (no role): a language the person asked for, as our code ("pl").
- entity ``language`` with role ``detected``: the language the message is written in, when
  confident; also the parse-data property ``language_detection`` {code, confidence, source}.
- entity ``number``: a menu number in ASCII digits ("3").
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant.nlu.danger import danger_languages, danger_match, lexicon
from assistant.nlu.detection import detect_language
from assistant.nlu.keywords import keyword_table, match_navigation, match_number
from assistant.nlu.language_names import (
    FREE_TEXT_LANGUAGES,
    language_code_for,
    language_name_table,
)
from assistant.nlu.phrases import match_phrase, phrase_decides, phrase_table

DANGER_INTENT = "danger"
DANGER_KIND_PROPERTY = "danger_kind"
DETECTED_ROLE = "detected"
DETECTION_PROPERTY = "language_detection"
UNDERSTOOD_BY_PROPERTY = "understood_by"
METADATA_PROPERTY = "metadata"
MODEL_INTENT_PROPERTY = "model_intent"


def _override_intent(message: Message, intent: str, understood_by: str) -> None:
    ranking = [
        item for item in message.get(INTENT_RANKING_KEY) or [] if item.get("name") != intent]
    message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}, *ranking],
                add_to_output=True)
    message.set(UNDERSTOOD_BY_PROPERTY, understood_by, add_to_output=True)


def conversation_language(message: Message) -> str | None:
    """The conversation's language, which Signpost sends with each text as metadata
    (``{"language": "cs"}``): it decides words that mean different things in different
    languages."""
    metadata = message.get(METADATA_PROPERTY)
    value = metadata.get("language") if isinstance(metadata, dict) else None
    return value if isinstance(value, str) and value else None


def _entity(name: str, value: str, text: str, extractor: str, **extra: Any) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": len(text),
            "confidence_entity": 1.0, "extractor": extractor, **extra}


class _Stateless(GraphComponent):
    """A component with no training: it is created, and loaded, from its config alone."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> _Stateless:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if message.get(TEXT):
                self.process_one(message)
        return messages

    def process_one(self, message: Message) -> None:
        raise NotImplementedError


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class EntityNormaliser(_Stateless):
    """Language names the model found become our codes; numbers become ASCII digits."""

    def process_one(self, message: Message) -> None:
        entities = []
        for entity in message.get(ENTITIES) or []:
            value = str(entity.get("value", ""))
            if entity.get("entity") == "language" and entity.get("role") is None:
                entity = {**entity, "value": language_code_for(value) or value}
            elif entity.get("entity") == "number":
                entity = {**entity, "value": match_number(value) or value}
            entities.append(entity)
        message.set(ENTITIES, entities, add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageIdentifier(_Stateless):
    """Adds the language a message is written in, when the offline detector is confident."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"min_confidence": 0.6, "min_confidence_other": 0.95, "min_letters": 8}

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageIdentifier:
        detect_language("warm up the detector's models at load time, not on a victim's text")
        return cls(config)

    def process_one(self, message: Message) -> None:
        text = message.get(TEXT)
        detection = detect_language(
            text, min_confidence=float(self.config.get("min_confidence", 0.6)),
            min_confidence_other=float(self.config.get("min_confidence_other", 0.95)),
            min_letters=int(self.config.get("min_letters", 8)))
        if detection is None:
            return
        message.set(DETECTION_PROPERTY, {"code": detection.code,
                                         "confidence": detection.confidence,
                                         "source": "detector"}, add_to_output=True)
        message.set(ENTITIES, [*(message.get(ENTITIES) or []), _entity(
            "language", detection.code, text, type(self).__name__, role=DETECTED_ROLE,
            confidence_entity=detection.confidence)], add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class KeywordNavigator(_Stateless):
    """Exact keywords, numbers and language names, in every language, with full confidence."""

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> KeywordNavigator:
        keyword_table()
        language_name_table()
        return cls(config)

    def process_one(self, message: Message) -> None:
        text = message.get(TEXT)
        found = match_navigation(text, language=conversation_language(message))
        if found is None:
            return
        _override_intent(message, found.intent, "keywords")
        kept = [e for e in message.get(ENTITIES) or [] if e.get("role") == DETECTED_ROLE]
        if found.entity is not None and found.value is not None:
            kept.append(_entity(found.entity, found.value, text, type(self).__name__))
        message.set(ENTITIES, kept, add_to_output=True)
        if found.language is not None and not message.get(DETECTION_PROPERTY):
            message.set(DETECTION_PROPERTY, {"code": found.language, "confidence": 1.0,
                                             "source": "keywords"}, add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PhraseNavigator(_Stateless):
    """Core intents by phrases in every language, where the model cannot be trusted: the
    language is not one of its eleven, it is unsure, or it chose a destructive intent
    (assistant/nlu/phrases.py has the rule)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"min_model_confidence": 0.6}

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> PhraseNavigator:
        phrase_table()
        return cls(config)

    def process_one(self, message: Message) -> None:
        if message.get(UNDERSTOOD_BY_PROPERTY):
            return  # an exact keyword or number said it already
        found = match_phrase(message.get(TEXT))
        if found is None:
            return
        intent = message.get(INTENT) or {}
        detection = message.get(DETECTION_PROPERTY) or {}
        language = detection.get("code") or conversation_language(message)
        if phrase_decides(model_intent=intent.get("name"),
                          model_confidence=float(intent.get("confidence") or 0.0),
                          language=language, trained=FREE_TEXT_LANGUAGES,
                          phrase_intent=found.intent,
                          min_confidence=float(self.config.get("min_model_confidence", 0.6))):
            # What the model said stays in the parse data, for measuring the layer.
            message.set(MODEL_INTENT_PROPERTY, intent.get("name"), add_to_output=True)
            _override_intent(message, found.intent, "phrases")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DangerSafetyNet(_Stateless):
    """Forces intent ``danger`` on any lexicon match: the 999 guidance comes before anything."""

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> DangerSafetyNet:
        lexicon()
        return cls(config)

    def process_one(self, message: Message) -> None:
        found = danger_match(message.get(TEXT))
        if found is not None:
            _override_intent(message, DANGER_INTENT, "danger-lexicon")
            message.set(DANGER_KIND_PROPERTY, str(found.kind), add_to_output=True)
            self._correct_detected_language(message)
            # "999" is not a menu choice: keep no number a form or menu could act on.
            message.set(ENTITIES, [e for e in message.get(ENTITIES) or []
                                   if e.get("entity") != "number"], add_to_output=True)

    @staticmethod
    def _correct_detected_language(message: Message) -> None:
        """The 999 reply must be in the victim's language, not the detector's guess.

        When only one language's danger words match (English and universal forms aside) and the
        detector named another language or none, the message is taken to be in that language:
        a Kurmanji threat the detector scored as Finnish is answered in Kurmanji. When several
        languages' words match and the detector named none of them, its guess is dropped: the
        reply is in English rather than a third language (romanised Hindi scored as Finnish).
        """
        text = message.get(TEXT)
        matched = danger_languages(text) - {"*", "en"}
        detection = message.get(DETECTION_PROPERTY) or {}
        if not matched or detection.get("code") in matched:
            return
        if len(matched) > 1:
            if detection:
                message.set(DETECTION_PROPERTY, None, add_to_output=True)
                message.set(ENTITIES, [e for e in message.get(ENTITIES) or []
                                       if e.get("role") != DETECTED_ROLE], add_to_output=True)
            return
        (code,) = matched
        message.set(DETECTION_PROPERTY, {"code": code, "confidence": 1.0,
                                         "source": "danger-lexicon"}, add_to_output=True)
        message.set(ENTITIES, [*(e for e in message.get(ENTITIES) or []
                                 if e.get("role") != DETECTED_ROLE),
                               _entity("language", code, text, "DangerSafetyNet",
                                       role=DETECTED_ROLE)], add_to_output=True)
