"""Unit tests of the support-line action: a tracker fixture in, events and messages out."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support import ActionSupportLine
from organisations.models import Organisation, OrganisationKind


def _tracker(text: str = "help", language: str | None = None) -> Tracker:
    return Tracker(
        sender_id="test-conversation",
        slots={"language": language} if language else {},
        latest_message={"text": text, "intent": {"name": "help", "confidence": 0.99}},
        events=[{"event": "action", "name": "action_listen"}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def _force(slug: str, phone: str) -> Organisation:
    return Organisation.objects.create(
        slug=slug, name=f"{slug} force", kind=OrganisationKind.FORCE,
        support_line_name=f"{slug} support", support_line_phone=phone,
        support_line_hours="every day",
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_support_line_comes_from_the_forces_settings() -> None:
    from asgiref.sync import sync_to_async

    await sync_to_async(_force)("testshire", "0808 157 0999")
    dispatcher = CollectingDispatcher()
    events = await ActionSupportLine().run(dispatcher, _tracker(), {})
    assert events == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_support_line"
    assert message["text"] is None  # the wording lives in the domain, not in the action
    assert {key: message[key] for key in ("support_name", "support_phone", "support_hours")} == {
        "support_name": "testshire support",
        "support_phone": "0808 157 0999",
        "support_hours": "every day",
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_polish_conversation_never_gets_the_forces_free_english_hours() -> None:
    """The free text "every day" is English: in Polish the hours are left out altogether, and
    the reply then carries no empty brackets."""
    from asgiref.sync import sync_to_async

    from assistant.nlg import CatalogNLG
    from signpost.launcher.stack import BOT

    await sync_to_async(_force)("testshire", "0808 157 0999")
    dispatcher = CollectingDispatcher()
    await ActionSupportLine().run(dispatcher, _tracker("pomocy", language="pl"), {})
    [message] = dispatcher.messages
    assert message["support_hours"] == ""
    from rasa.shared.core.domain import Domain

    nlg = CatalogNLG(domain=Domain.load(str(BOT / "domain")))
    reply = nlg.generate_from_slots("utter_support_line", {"language": "pl"}, "rest",
                                    **{k: message[k] for k in ("support_name", "support_phone",
                                                                "support_hours")})
    assert reply is not None
    assert "every day" not in reply["text"]
    assert "()" not in reply["text"]
    assert "0808 157 0999" in reply["text"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_without_a_configured_force_it_points_to_101_and_999() -> None:
    dispatcher = CollectingDispatcher()
    await ActionSupportLine().run(dispatcher, _tracker(), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_support_line_unavailable"]


def test_every_custom_action_in_the_domain_has_a_class() -> None:
    """Consistency at the seam: each `actions:` entry in bot/domain is served by a class."""
    import importlib
    import pkgutil

    import yaml
    from rasa_sdk import Action

    import actions
    from signpost.launcher.stack import BOT

    for module in pkgutil.iter_modules(actions.__path__):
        importlib.import_module(f"actions.{module.name}")  # registers the subclasses

    def subclasses(cls: type) -> set[type]:
        found: set[type] = set(cls.__subclasses__())
        return found.union(*(subclasses(sub) for sub in found))

    declared = set()
    for path in (BOT / "domain").glob("*.yml"):
        declared.update(yaml.safe_load(path.read_text()).get("actions", []))
    served = {cls().name() for cls in subclasses(Action) if cls.__module__.startswith("actions.")}
    assert declared == served


@pytest.mark.django_db
def test_the_support_line_is_the_default_forces_never_another_forces() -> None:
    """The leaflet pages and the assistant name the same force (organisations.default_force)."""
    from organisations.services import default_force, support_contact

    Organisation.objects.create(slug="aardvark", name="Aardvark Police",
                                kind=OrganisationKind.FORCE)
    _force("zebra", "0808 157 0555")
    default = default_force()
    assert default is not None
    assert default.slug == "aardvark"
    assert support_contact() is None  # Aardvark has no line configured: not Zebra's in its place
    contact = support_contact(force_slug="zebra")
    assert contact is not None
    assert contact.phone == "0808 157 0555"
