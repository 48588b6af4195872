"""The in-process NLG: every response from the catalog of the victim's language."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations
from rasa.shared.core.domain import Domain

from assistant import translate as translate_module
from assistant.nlg import CatalogNLG
from i18n.catalogs import Catalog as SignpostCatalog
from i18n.languages import all_languages

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "bot" / "domain"


@pytest.fixture(scope="module")
def nlg() -> CatalogNLG:
    return CatalogNLG(domain=Domain.load(str(DOMAIN_DIR)))


@pytest.fixture
def polish(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Polish assistant catalog with two translations (the real one may still be empty)."""
    source = Catalog(locale="pl", domain="assistant")
    source.add("Please reply AGREE or NO.", "Odpowiedz TAK lub NIE.")
    source.add("Here is your leaflet: {link}", "Oto Twoja ulotka: {link}")
    buffer = io.BytesIO()
    write_mo(buffer, source)
    buffer.seek(0)
    loaded = SignpostCatalog(code="pl", translations=Translations(buffer, domain="assistant"),
                             review_status="machine-draft")

    def fake_catalog(code: str, *, domain: str) -> SignpostCatalog:
        assert domain == "assistant"
        if code != "pl":
            raise FileNotFoundError(code)
        return loaded

    monkeypatch.setattr(translate_module, "catalog", fake_catalog)


def test_english_by_default(nlg: CatalogNLG) -> None:
    reply = nlg.generate_from_slots("utter_consent_yes_no", {"language": None}, "rest")
    assert reply is not None
    assert reply["text"] == "Please reply AGREE or NO."


@pytest.mark.usefixtures("polish")
def test_the_language_slot_picks_the_catalog_and_placeholders_are_filled(nlg: CatalogNLG) -> None:
    reply = nlg.generate_from_slots("utter_consent_yes_no", {"language": "pl"}, "rest")
    assert reply is not None
    assert reply["text"] == "Odpowiedz TAK lub NIE."
    reply = nlg.generate_from_slots("utter_leaflet_link", {"language": "pl"}, "rest",
                                    link="https://x.test/l/abc")
    assert reply is not None
    assert reply["text"] == "Oto Twoja ulotka: https://x.test/l/abc"


@pytest.mark.usefixtures("polish")
def test_an_argument_overrides_the_slot_for_a_language_just_chosen(nlg: CatalogNLG) -> None:
    reply = nlg.generate_from_slots("utter_consent_yes_no", {"language": "en"}, "rest",
                                    language="pl")
    assert reply is not None
    assert reply["text"] == "Odpowiedz TAK lub NIE."


@pytest.mark.usefixtures("polish")
def test_untranslated_or_unknown_falls_back_to_english(nlg: CatalogNLG) -> None:
    reply = nlg.generate_from_slots("utter_thank", {"language": "pl"}, "rest")
    assert reply is not None
    assert reply["text"].startswith("You are welcome.")
    reply = nlg.generate_from_slots("utter_thank", {"language": "de"}, "rest")
    assert reply is not None
    assert reply["text"].startswith("You are welcome.")


def test_leaflet_url_is_filled_for_the_language(nlg: CatalogNLG,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://signpost.example")
    reply = nlg.generate_from_slots("utter_vps", {"language": "ro"}, "rest")
    assert reply is not None
    assert "https://signpost.example/leaflet/ro/#statement" in reply["text"]


def test_unknown_response_is_none(nlg: CatalogNLG) -> None:
    assert nlg.generate_from_slots("utter_nothing_like_this", {}, "rest") is None


def test_endpoints_name_this_class() -> None:
    endpoints = (DOMAIN_DIR.parent / "endpoints.yml").read_text()
    assert "type: assistant.nlg.CatalogNLG" in endpoints


def test_the_web_chat_gets_web_wording_and_yes_no_buttons(nlg: CatalogNLG) -> None:
    web = nlg.generate_from_slots("utter_consent_yes_no", {"language": None}, "rest", web=True)
    assert web is not None
    assert web["text"] == "Please choose Yes or No."
    assert web["buttons"] == [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]
    sms = nlg.generate_from_slots("utter_consent_yes_no", {"language": None}, "rest")
    assert sms is not None
    assert sms["text"] == "Please reply AGREE or NO."
    assert "buttons" not in sms


def test_the_web_chat_in_a_language_without_web_wording_keeps_its_translation(
        nlg: CatalogNLG, polish: None) -> None:
    """Better the victim's language with the text wording than English: and Tak/Nie buttons."""
    web = nlg.generate_from_slots("utter_consent_yes_no", {"language": "pl"}, "rest", web=True)
    assert web is not None
    assert web["text"] == "Odpowiedz TAK lub NIE."
    assert web["buttons"] == [{"title": "Tak", "payload": "tak"},
                              {"title": "Nie", "payload": "nie"}]


def test_the_web_chat_menu_is_buttons(nlg: CatalogNLG) -> None:
    web = nlg.generate_from_slots("utter_menu", {"language": None}, "rest", web=True)
    assert web is not None
    assert web["text"] == "Choose one:\nIn danger now? Call 999."
    assert [b["payload"] for b in web["buttons"]] == ["1", "2", "3", "4", "5", "6"]
    assert web["buttons"][0]["title"] == "1 Your rights"


@pytest.mark.asyncio
async def test_the_web_is_known_by_the_messages_metadata(nlg: CatalogNLG) -> None:
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_events("web-1", [
        UserUttered("hello", metadata={"channel": "web"})])
    web = await nlg.generate("utter_consent_yes_no", tracker, "rest")
    assert web is not None
    assert web["text"] == "Please choose Yes or No."
    tracker = DialogueStateTracker.from_events("sms-1", [UserUttered("hello")])
    sms = await nlg.generate("utter_consent_yes_no", tracker, "rest")
    assert sms is not None
    assert sms["text"] == "Please reply AGREE or NO."


@pytest.mark.parametrize("code", [lang.code for lang in all_languages()])
def test_every_yes_no_button_is_the_plain_word_the_assistant_understands(code: str) -> None:
    """The buttons once read "Nah", "Jo faleminderit" and "Nije": the first keyword of a row."""
    from assistant.nlu.keywords import match_navigation
    from assistant.web_wording import yes_no_choices

    (_, yes), (no_title, no) = yes_no_choices(code)
    for word, intent in ((yes, "affirm"), (no, "deny")):
        found = match_navigation(word, language=code)
        assert found is not None, (code, word)
        assert found.intent == intent, (code, word)
    assert "," not in no_title
    assert " " not in no_title
