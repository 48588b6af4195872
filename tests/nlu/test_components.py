"""The Rasa graph components (assistant/nlu/components.py), on messages, with no trained model."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from assistant.nlu.components import (
    DangerSafetyNet,
    EntityNormaliser,
    KeywordNavigator,
    LanguageIdentifier,
    PhraseNavigator,
)


@pytest.fixture
def create(tmp_path):
    def make(cls: Any, **config: Any) -> Any:
        return cls.create({**cls.get_default_config(), **config}, LocalModelStorage(tmp_path),
                          Resource(cls.__name__), ExecutionContext(graph_schema=None))
    return make


def model_said(text: str, intent: str = "greet", entities: list[dict[str, Any]] | None = None,
               ) -> Message:
    """A message as DIET and the FallbackClassifier leave it."""
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.55}, add_to_output=True)
    message.set("intent_ranking", [{"name": intent, "confidence": 0.55},
                                   {"name": "menu", "confidence": 0.2}], add_to_output=True)
    message.set("entities", entities or [], add_to_output=True)
    return message


def run(components: list[Any], message: Message) -> dict[str, Any]:
    for component in components:
        component.process([message])
    parsed: dict[str, Any] = message.as_dict(only_output_properties=True)
    return parsed


def test_a_keyword_overrides_the_model_with_full_confidence(create):
    parsed = run([create(KeywordNavigator)], model_said("Pomoc!", intent="nlu_fallback"))
    assert parsed["intent"] == {"name": "help_person", "confidence": 1.0}
    assert parsed["intent_ranking"][0] == {"name": "help_person", "confidence": 1.0}
    assert parsed["understood_by"] == "keywords"


def test_a_number_is_a_choice_with_its_entity(create):
    parsed = run([create(KeywordNavigator)], model_said("٣"))
    assert parsed["intent"]["name"] == "choose"
    assert [(e["entity"], e["value"]) for e in parsed["entities"]] == [("number", "3")]


def test_a_language_name_changes_language_with_our_code(create):
    parsed = run([create(KeywordNavigator)], model_said("Polski"))
    assert parsed["intent"]["name"] == "change_language"
    assert [(e["entity"], e["value"]) for e in parsed["entities"]] == [("language", "pl")]
    assert parsed["language_detection"] == {"code": "pl", "confidence": 1.0,
                                            "source": "keywords"}


def test_sentences_are_left_to_the_model(create):
    parsed = run([create(KeywordNavigator), create(DangerSafetyNet)],
                 model_said("what happens next with my case", intent="ask_what_next"))
    assert parsed["intent"] == {"name": "ask_what_next", "confidence": 0.55}
    assert "understood_by" not in parsed


def test_danger_overrides_everything_even_a_keyword_or_number(create):
    for text, intent in [("999", "choose"), ("he is hitting me, help", "help_person"),
                         ("chcę się zabić", "want_support")]:
        parsed = run([create(KeywordNavigator), create(DangerSafetyNet)],
                     model_said(text, intent=intent))
        assert parsed["intent"] == {"name": "danger", "confidence": 1.0}, text
        assert parsed["understood_by"] == "danger-lexicon"
        assert [r["name"] for r in parsed["intent_ranking"]].count("danger") == 1
        assert [e for e in parsed["entities"] if e["entity"] == "number"] == []


def test_entity_values_become_codes_and_ascii_digits(create):
    entities = [
        {"entity": "language", "value": "Polish", "start": 8, "end": 14},
        {"entity": "language", "value": "Klingon", "start": 0, "end": 7},
        {"entity": "number", "value": "٤", "start": 7, "end": 8},
    ]
    parsed = run([create(EntityNormaliser)], model_said("switch Polish", entities=entities))
    assert [e["value"] for e in parsed["entities"]] == ["pl", "Klingon", "4"]


def test_the_language_of_a_message_is_added_when_confident(create):
    parsed = run([create(LanguageIdentifier)],
                 model_said("Dzień dobry, potrzebuję informacji o moich prawach"))
    assert parsed["language_detection"]["code"] == "pl"
    assert parsed["language_detection"]["source"] == "detector"
    detected = [e for e in parsed["entities"] if e.get("role") == "detected"]
    assert [(e["entity"], e["value"]) for e in detected] == [("language", "pl")]


def test_no_language_is_guessed_from_a_short_text(create):
    parsed = run([create(LanguageIdentifier)], model_said("ok"))
    assert "language_detection" not in parsed
    assert parsed["entities"] == []


def test_a_keyword_keeps_the_detected_language(create):
    parsed = run([create(LanguageIdentifier), create(KeywordNavigator)],
                 model_said("ভাষা"))
    assert parsed["intent"]["name"] == "change_language"
    assert parsed["language_detection"]["code"] == "bn"
    assert [e.get("role") for e in parsed["entities"]] == ["detected"]


def test_the_config_names_the_components_in_order():
    import yaml

    from tests.nlu.test_training_data import BOT

    names = [c["name"] for c in yaml.safe_load((BOT / "config.yml").read_text())["pipeline"]]
    ours = [n for n in names if n.startswith("assistant.nlu.components.")]
    assert ours == [f"assistant.nlu.components.{cls.__name__}" for cls in (
        EntityNormaliser, LanguageIdentifier, KeywordNavigator, PhraseNavigator,
        DangerSafetyNet)]
    assert names.index(ours[0]) > names.index("FallbackClassifier")
    assert names[-1] == "assistant.nlu.components.DangerSafetyNet"


def _in_conversation(message: Message, language: str) -> Message:
    message.set("metadata", {"language": language})
    return message


@pytest.mark.parametrize(("language", "intent"), [("cs", "deny"), ("lt", "deny"),
                                                  ("ko", "affirm")])
def test_the_conversations_language_decides_an_ambiguous_reply_word(create, language, intent):
    parsed = run([create(KeywordNavigator)],
                 _in_conversation(model_said("NE", intent="affirm"), language))
    assert parsed["intent"] == {"name": intent, "confidence": 1.0}


def test_without_a_language_an_ambiguous_reply_word_is_not_decided(create):
    parsed = run([create(KeywordNavigator)], model_said("ne", intent="nlu_fallback"))
    assert parsed["intent"]["name"] == "nlu_fallback"
    assert "understood_by" not in parsed


def test_a_phrase_decides_outside_the_trained_languages(create):
    message = _in_conversation(model_said("Inviatemi il volantino sui miei diritti",
                                          intent="ask_rights"), "it")
    message.set("intent", {"name": "ask_rights", "confidence": 0.9}, add_to_output=True)
    parsed = run([create(PhraseNavigator)], message)
    assert parsed["intent"]["name"] == "request_leaflet"
    assert parsed["understood_by"] == "phrases"


def test_a_phrase_leaves_a_confident_model_alone_in_a_trained_language(create):
    message = _in_conversation(model_said("quiero hablar con una persona", intent="menu"), "es")
    message.set("intent", {"name": "menu", "confidence": 0.9}, add_to_output=True)
    parsed = run([create(PhraseNavigator)], message)
    assert parsed["intent"]["name"] == "menu"


@pytest.mark.parametrize("text", [
    "send me the leaflet about my data", "inviatemi l'opuscolo sui miei dati",
    "stuur me de folder over mijn gegevens", "আমার তথ্য নিয়ে লিফলেট পাঠান",
    "envoyez-moi le dépliant sur mes droits", "pošlete mi leták o mých údajích"])
def test_a_leaflet_request_is_never_an_erasure(create, text):
    message = model_said(text, intent="delete_data")
    message.set("intent", {"name": "delete_data", "confidence": 0.99}, add_to_output=True)
    parsed = run([create(PhraseNavigator)], message)
    assert parsed["intent"]["name"] == "request_leaflet"


def test_a_phrase_never_overrides_danger(create):
    message = model_said("send me the leaflet, he is at my door", intent="danger")
    parsed = run([create(PhraseNavigator)], message)
    assert parsed["intent"]["name"] == "danger"


@pytest.mark.parametrize(("model", "text", "intent"), [
    ("ask_rights", "trimiteți-mi broșura despre drepturile mele", "request_leaflet"),
    ("deny", "nadie me ha dicho nada de mi caso", "ask_updates")])
def test_a_phrase_corrects_a_confident_model_where_it_is_known_to_go_wrong(create, model, text,
                                                                           intent):
    message = model_said(text, intent=model)
    message.set("intent", {"name": model, "confidence": 0.95}, add_to_output=True)
    parsed = run([create(PhraseNavigator)], message)
    assert parsed["intent"]["name"] == intent
    assert parsed["model_intent"] == model
