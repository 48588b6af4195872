""""Any news on my case?": the latest update of the victim's case, what happens next and whom
to call; the general answer when no case is linked or the number is not safe for it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language
from actions.services import call
from caseupdates.kinds import EventKind

GENERAL = "utter_updates"
# What happens next after each kind of decision: the Right to Review after a decision not to
# charge, the personal statement once the case goes to court, else what the police do next.
NEXT_STEP: dict[EventKind, str] = {
    EventKind.RELEASED_NO_CHARGE: "utter_review",
    EventKind.NO_FURTHER_ACTION: "utter_review",
    EventKind.CHARGED: "utter_vps",
    EventKind.COURT_DATE_SET: "utter_vps",
}
WHAT_NEXT = "utter_what_next"


def _news(conversation_id: str, code: str) -> Any:
    from chat.services import case_news

    return case_news(conversation_id=conversation_id, language=code)


class ActionCaseNews(Action):
    def name(self) -> str:
        return "action_case_news"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        news = await call(_news, tracker.sender_id, language(tracker))
        if news is None:
            dispatcher.utter_message(response=GENERAL)
            return []
        dispatcher.utter_message(text=news.text)
        dispatcher.utter_message(response=NEXT_STEP.get(news.kind, WHAT_NEXT))
        return []
