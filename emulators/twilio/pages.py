"""The phone simulator: pages listing simulated phones and each phone's conversation.

Page URLs carry an opaque id per phone, never its number.
"""

from __future__ import annotations

from aiohttp import web

from emulators.common.html import e, html_response
from emulators.twilio.inbound import receive_from_phone
from emulators.twilio.numbers import is_phone_number
from emulators.twilio.state import emulator
from emulators.twilio.store import MessageRecord, Phone


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_post("/phones", new_phone)
    app.router.add_get("/phones/{phone_id}", conversation)
    app.router.add_post("/phones/{phone_id}/reply", reply)


def _phone_row(phone: Phone, messages: list[MessageRecord]) -> str:
    last = messages[-1].date_created.strftime("%Y-%m-%d %H:%M:%S") if messages else ""
    state = "opted out (texted STOP)" if phone.opted_out else "subscribed"
    return (
        f'<tr><td><a href="/phones/{e(phone.id)}">{e(phone.number)}</a></td>'
        f"<td>{len(messages)}</td><td>{e(last)}</td><td>{e(state)}</td></tr>"
    )


async def index(request: web.Request) -> web.Response:
    emu = emulator(request)
    phones = emu.store.phones()
    rows = "".join(_phone_row(p, emu.store.conversation(p.number)) for p in phones)
    table = (
        "<table><thead><tr><th>Phone</th><th>Messages</th><th>Last activity</th>"
        f"<th>State</th></tr></thead><tbody>{rows}</tbody></table>"
        if phones
        else "<p>No phones yet. Send a message through the API, or text in below.</p>"
    )
    form = (
        '<h2>A new phone texts the service</h2><form method="post" action="/phones">'
        '<p><label for="number">Phone number (E.164, for example +447700900123)</label><br>'
        '<input id="number" name="number" required pattern="\\+[1-9][0-9]{6,14}"></p>'
        '<p><label for="body">Message</label><br><textarea id="body" name="body" rows="3">'
        '</textarea></p><p><button type="submit">Send text</button></p></form>'
    )
    body = f"<h2>Simulated phones</h2>{table}{form}"
    return html_response("Twilio emulator: phones", body)


def _bubble(message: MessageRecord, number: str) -> str:
    incoming_to_phone = message.to_number == number
    css = "out" if incoming_to_phone else "in"
    who = "Received from " + (message.from_number or message.messaging_service_sid or "?")
    if not incoming_to_phone:
        who = "Sent by this phone to " + message.to_number
    detail = f"{message.status}"
    if message.error_code:
        detail += f", error {message.error_code}"
    when = message.date_created.strftime("%Y-%m-%d %H:%M:%S")
    return (
        f'<div class="msg {css}">{e(message.body)}'
        f'<div class="meta">{e(who)} · {e(when)} UTC · {e(detail)} · '
        f"{message.num_segments} segment(s) · {e(message.sid)}</div></div>"
    )


async def conversation(request: web.Request) -> web.Response:
    emu = emulator(request)
    phone = emu.store.phone_by_id(request.match_info["phone_id"])
    if phone is None:
        raise web.HTTPNotFound(text="No such phone.")
    messages = emu.store.conversation(phone.number)
    bubbles = "".join(_bubble(m, phone.number) for m in messages) or "<p>No messages yet.</p>"
    notice = ""
    status = request.query.get("webhook")
    if status:
        notice = f'<p class="banner">Sent. Signpost\'s webhook answered: {e(status)}.</p>'
    opted = (
        "<p><strong>This phone has texted STOP:</strong> sends to it fail with error 21610 "
        "until it texts START.</p>"
        if phone.opted_out
        else ""
    )
    form = (
        f'<form method="post" action="/phones/{e(phone.id)}/reply">'
        '<p><label for="body">Reply from this phone</label><br>'
        '<textarea id="body" name="body" rows="3" required></textarea></p>'
        '<p><button type="submit">Send</button> '
        f'<a href="/phones/{e(phone.id)}">Refresh</a> · <a href="/">All phones</a></p></form>'
    )
    body = f"{notice}{opted}<h2>Conversation (newest last)</h2>{bubbles}{form}"
    return html_response(f"Phone {phone.number}", body)


async def new_phone(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    number = str(form.get("number", "")).strip()
    body = str(form.get("body", ""))
    if not is_phone_number(number):
        return html_response(
            "Invalid number",
            '<p>Give the number in E.164 form, like +447700900123.</p><p><a href="/">Back</a></p>',
        )
    emu = emulator(request)
    phone = emu.store.phone_for(number)
    location = f"/phones/{phone.id}"
    if body.strip():
        result = await receive_from_phone(emu, from_number=number, body=body)
        location += f"?webhook={result.webhook.status or result.webhook.error}"
    raise web.HTTPSeeOther(location)


async def reply(request: web.Request) -> web.StreamResponse:
    emu = emulator(request)
    phone = emu.store.phone_by_id(request.match_info["phone_id"])
    if phone is None:
        raise web.HTTPNotFound(text="No such phone.")
    form = await request.post()
    body = str(form.get("body", ""))
    location = f"/phones/{phone.id}"
    if body.strip():
        result = await receive_from_phone(emu, from_number=phone.number, body=body)
        location += f"?webhook={result.webhook.status or result.webhook.error}"
    raise web.HTTPSeeOther(location)
