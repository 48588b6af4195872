"""The JSON control and inspection API under ``/_sink/`` (for tests and tooling).

Addresses travel in JSON bodies or query strings, never in paths (the access log records paths).
"""

from __future__ import annotations

from aiohttp import web

from emulators.common.jsonapi import bad_request, not_found, read_json_object
from emulators.smtp_sink.bounces import rule_from_json
from emulators.smtp_sink.listener import OutageMode
from emulators.smtp_sink.parsing import parse_mail
from emulators.smtp_sink.state import sink_of
from emulators.smtp_sink.store import StoredMail


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/_sink/info", info)
    r.add_get("/_sink/messages", list_messages)
    r.add_get("/_sink/messages/{id:\\d+}", get_message)
    r.add_get("/_sink/messages/{id:\\d+}/raw", get_raw)
    r.add_get("/_sink/counts", counts)
    r.add_get("/_sink/relays", relays)
    r.add_post("/_sink/reset", reset)
    r.add_get("/_sink/bounces", get_bounces)
    r.add_post("/_sink/bounces", add_bounce)
    r.add_delete("/_sink/bounces", clear_bounces)
    r.add_get("/_sink/outage", get_outage)
    r.add_post("/_sink/outage", start_outage)
    r.add_delete("/_sink/outage", end_outage)


def _mail(request: web.Request) -> StoredMail:
    mail = sink_of(request).store.get(int(request.match_info["id"]))
    if mail is None:
        raise not_found("no such message")
    return mail


async def info(request: web.Request) -> web.Response:
    sink = sink_of(request)
    return web.json_response(
        {
            "smtp_host": sink.listener.host,
            "smtp_port": sink.listener.port,
            "reply_domain": sink.config.reply_domain,
            "outage": sink.listener.outage,
        }
    )


async def list_messages(request: web.Request) -> web.Response:
    q = request.query
    try:
        limit = int(q.get("limit", "1000"))
    except ValueError as exc:
        raise bad_request("limit must be a number") from exc
    mails = sink_of(request).store.find(
        to=q.get("to"), from_=q.get("from"), kind=q.get("kind"), limit=limit
    )
    return web.json_response({"messages": [mail.to_json() for mail in mails]})


async def get_message(request: web.Request) -> web.Response:
    mail = _mail(request)
    store = sink_of(request).store
    raw = store.raw(mail.id) or b""
    parsed = parse_mail(raw)
    return web.json_response(
        {
            **mail.to_json(),
            "headers": parsed.headers,
            "text": parsed.text,
            "html": parsed.html,
            "parts": [part.to_json() for part in parsed.parts],
            "relays": store.relays(mail.id),
        }
    )


async def get_raw(request: web.Request) -> web.Response:
    mail = _mail(request)
    raw = sink_of(request).store.raw(mail.id) or b""
    return web.Response(body=raw, content_type="message/rfc822")


async def counts(request: web.Request) -> web.Response:
    return web.json_response(sink_of(request).store.counts())


async def relays(request: web.Request) -> web.Response:
    return web.json_response({"relays": sink_of(request).store.relays()})


async def reset(request: web.Request) -> web.Response:
    """Forget all mail, relays and bounce rules, and end any outage."""
    sink = sink_of(request)
    await sink.tasks.cancel_all()
    sink.store.reset()
    sink.rules.clear()
    await sink.listener.come_back()
    return web.json_response({"status": "reset"})


async def get_bounces(request: web.Request) -> web.Response:
    return web.json_response({"bounces": sink_of(request).rules.to_json()})


async def add_bounce(request: web.Request) -> web.Response:
    """``{"pattern": "*@gone.example", "kind": "permanent"|"temporary", "mode": "dsn"|"reject",
    "status": "5.1.1", "text": "..."}``."""
    data = await read_json_object(request)
    try:
        rule = rule_from_json(data)
    except (ValueError, TypeError) as exc:
        raise bad_request(str(exc)) from exc
    rules = sink_of(request).rules
    rules.add(rule)
    return web.json_response({"bounces": rules.to_json()})


async def clear_bounces(request: web.Request) -> web.Response:
    sink_of(request).rules.clear()
    return web.json_response({"bounces": []})


async def get_outage(request: web.Request) -> web.Response:
    return web.json_response({"outage": sink_of(request).listener.outage})


async def start_outage(request: web.Request) -> web.Response:
    """``{"mode": "421"}`` (greet with 421 and hang up) or ``{"mode": "refuse"}`` (stop
    listening)."""
    data = await read_json_object(request)
    try:
        mode = OutageMode(str(data.get("mode", OutageMode.REJECT)))
    except ValueError as exc:
        raise bad_request("mode must be 421 or refuse") from exc
    listener = sink_of(request).listener
    await listener.go_down(mode)
    return web.json_response({"outage": listener.outage})


async def end_outage(request: web.Request) -> web.Response:
    listener = sink_of(request).listener
    await listener.come_back()
    return web.json_response({"outage": None})
