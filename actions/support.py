"""Actions that put the victim in touch with a person."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language
from actions.services import call


def _support_contact(code: str) -> Any:
    from organisations.services import support_contact  # needs Django set up first

    return support_contact(language=code)


class ActionSupportLine(Action):
    """Tell the victim the force's support line, from the organisation's settings."""

    def name(self) -> str:
        return "action_support_line"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # The line's name and hours in the victim's language: hours written out from the force's
        # days and times, or none at all when the force has only free English text.
        contact = await call(_support_contact, language(tracker))
        if contact is None:
            dispatcher.utter_message(response="utter_support_line_unavailable")
        else:
            dispatcher.utter_message(
                response="utter_support_line",
                support_name=contact.name,
                support_phone=contact.phone,
                support_hours=contact.hours,
            )
        return []
