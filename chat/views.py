"""The web chat page: a plain form that posts a message and shows the conversation (no JS)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from assistant.translate import translate
from chat import ratelimit
from chat.texts import TEXTS
from chat.web import Transcript, send_message
from leaflets.contacts import contact_values
from leaflets.languages import is_known
from leaflets.pages import safety_context
from organisations.services import default_force

SESSION_KEY = "chat"
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
    if request.method == "POST":
        allowed = ratelimit.check_message(request=request,
                                          conversation_id=transcript.conversation_id)
        if not allowed.allowed:
            return _too_many(code, allowed.retry_after_s)
        answered = send_message(transcript=transcript, text=request.POST.get("message", ""))
        request.session[SESSION_KEY] = transcript.as_session()
        url = reverse("chat:chat", args=[code])
        return redirect(url if answered else f"{url}?unavailable=1")
    context = safety_context(code=code, contacts=contact_values(default_force()))
    texts = {name: translate(value, code) for name, value in vars(TEXTS).items()}
    context.update({"chat": texts, "title": texts["title"], "turns": transcript.turns,
                    "unavailable": request.GET.get("unavailable") == "1"})
    response = render(request, "chat/chat.html", context)
    response["Cache-Control"] = "no-store"
    return response
