"""The web chat page: a plain form that posts a message and shows the conversation.

It works without JavaScript: each message is a form post answered by a redirect to the page at
``#latest``, the assistant's newest reply, so the browser lands on it. ``chat/chat.js`` (a static
file: the CSP allows no inline script) then announces that reply and puts focus back in the box.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from assistant.translate import translate
from assistant.web_chat_texts import TEXTS
from assistant.web_wording import menu_choice
from chat import ratelimit
from chat.web import ASSISTANT, Transcript, send_message
from i18n.languages import is_known
from leaflets.contacts import contact_values
from leaflets.pages import safety_context
from organisations.services import default_force

SESSION_KEY = "chat"
LATEST = "latest"


def _offered(transcript: Transcript, code: str) -> dict[str, str]:
    """The buttons the page offered, payload -> title: a press shows as its title ("1 Text")."""
    title, payload = menu_choice(code)
    offered = {payload: title}
    offered.update((c.payload, c.title) for turn in transcript.latest_replies()
                   for c in turn.choices)
    return offered


SLOW_DOWN = ("You have sent a lot of messages very quickly. Please wait a few minutes, then "
             "try again. In an emergency call 999.")


def _too_many(code: str, retry_after_s: int) -> HttpResponse:
    response = HttpResponse(translate(SLOW_DOWN, code), status=429,
                            content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after_s)
    return response


@require_http_methods(["GET", "POST"])
def chat(request: HttpRequest, code: str) -> HttpResponse:
    if not is_known(code):
        raise Http404("unknown language")
    transcript = Transcript.from_session(request.session.get(SESSION_KEY), code)
    url = reverse("chat:chat", args=[code])
    if request.method == "POST":
        text = request.POST.get("message", "")
        allowed = ratelimit.check_message(request=request, text=text,
                                          conversation_id=transcript.conversation_id)
        if not allowed.allowed:
            return _too_many(code, allowed.retry_after_s)
        answered = send_message(transcript=transcript, text=text,
                                shown=_offered(transcript, code).get(text.strip()))
        request.session[SESSION_KEY] = transcript.as_session()
        return redirect(f"{url}#{LATEST}" if answered else f"{url}?unavailable=1#{LATEST}")
    context = safety_context(code=code, contacts=contact_values(default_force()))
    texts = {name: translate(value, code) for name, value in vars(TEXTS).items()}
    latest = transcript.latest_replies()
    first_latest = len(transcript.turns) - len(latest) if latest else None
    choices = [choice for turn in latest for choice in turn.choices]
    context.update({
        "chat": texts, "title": texts["title"], "chat_url": url,
        "turns": [(index == first_latest, turn) for index, turn in enumerate(transcript.turns)],
        "assistant": ASSISTANT, "choices": choices,
        "menu": menu_choice(code) if transcript.turns else None,
        "unavailable": request.GET.get("unavailable") == "1",
    })
    response = render(request, "chat/chat.html", context)
    response["Cache-Control"] = "no-store"
    return response
