"""The JSON control and inspection API under ``/_emulator/`` (for tests and tooling).

Phone numbers travel in JSON bodies or query strings, never in paths (the access log
records paths).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from emulators.common.jsonapi import bad_request, not_found, read_json_object
from emulators.twilio import faults, outcomes
from emulators.twilio.inbound import receive_from_phone
from emulators.twilio.numbers import is_phone_number
from emulators.twilio.state import emulator


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/_emulator/messages", list_messages)
    r.add_get("/_emulator/messages/{sid}", get_message)
    r.add_get("/_emulator/counts", counts)
    r.add_get("/_emulator/requests", api_requests)
    r.add_get("/_emulator/webhooks", webhooks)
    r.add_post("/_emulator/reset", reset)
    r.add_get("/_emulator/outcomes", get_outcomes)
    r.add_post("/_emulator/outcomes", set_outcome)
    r.add_delete("/_emulator/outcomes", reset_outcomes)
    r.add_get("/_emulator/faults", get_faults)
    r.add_post("/_emulator/faults", add_fault)
    r.add_delete("/_emulator/faults", clear_faults)
    r.add_get("/_emulator/phones", phones)
    r.add_post("/_emulator/optouts", set_optout)
    r.add_post("/_emulator/inbound", inbound)


async def list_messages(request: web.Request) -> web.Response:
    q = request.query
    try:
        limit = int(q.get("limit", "1000"))
    except ValueError as exc:
        raise bad_request("limit must be a number") from exc
    records = emulator(request).store.find_messages(
        to=q.get("to"),
        from_=q.get("from"),
        direction=q.get("direction"),
        status=q.get("status"),
        limit=limit,
        newest_first=q.get("order", "asc") == "desc",
    )
    return web.json_response({"messages": [record.to_json() for record in records]})


async def get_message(request: web.Request) -> web.Response:
    store = emulator(request).store
    record = store.get_message(request.match_info["sid"])
    if record is None:
        raise not_found("no such message")
    return web.json_response({**record.to_json(), "webhooks": store.webhooks(record.sid)})


async def counts(request: web.Request) -> web.Response:
    return web.json_response(emulator(request).store.counts())


async def api_requests(request: web.Request) -> web.Response:
    return web.json_response({"requests": emulator(request).store.requests()})


async def webhooks(request: web.Request) -> web.Response:
    sid = request.query.get("message_sid")
    return web.json_response({"webhooks": emulator(request).store.webhooks(sid)})


async def reset(request: web.Request) -> web.Response:
    """Forget everything: messages, phones, logs, outcomes, faults, pending callbacks."""
    emu = emulator(request)
    await emu.tasks.cancel_all()
    emu.store.reset()
    emu.outcomes.reset()
    emu.faults.clear()
    return web.json_response({"status": "reset"})


async def get_outcomes(request: web.Request) -> web.Response:
    return web.json_response(emulator(request).outcomes.to_json())


async def set_outcome(request: web.Request) -> web.Response:
    """``{"outcome": "undelivered", "error_code": 30005, "delay": 0.2, "to": "+44..."}``;
    without ``to`` the rule applies to every number without its own rule."""
    data = await read_json_object(request)
    try:
        rule = outcomes.rule_from_json(data)
    except (ValueError, TypeError) as exc:
        raise bad_request(str(exc)) from exc
    to = data.get("to")
    if to is not None and not (isinstance(to, str) and is_phone_number(to)):
        raise bad_request("to must be an E.164 number")
    table = emulator(request).outcomes
    table.set(rule, to)
    return web.json_response(table.to_json())


async def reset_outcomes(request: web.Request) -> web.Response:
    table = emulator(request).outcomes
    table.reset()
    return web.json_response(table.to_json())


async def get_faults(request: web.Request) -> web.Response:
    return web.json_response({"faults": emulator(request).faults.to_json()})


async def add_fault(request: web.Request) -> web.Response:
    """``{"kind": "500"|"429"|"timeout", "rate": 0.5, "count": 3, "duration": 10,
    "endpoints": ["send", "fetch", "list"], "hold": 5}``."""
    data = await read_json_object(request)
    injector = emulator(request).faults
    try:
        rule = faults.rule_from_json(data, injector.clock())
    except (ValueError, TypeError) as exc:
        raise bad_request(str(exc)) from exc
    injector.add(rule)
    return web.json_response({"faults": injector.to_json()})


async def clear_faults(request: web.Request) -> web.Response:
    emulator(request).faults.clear()
    return web.json_response({"faults": []})


async def phones(request: web.Request) -> web.Response:
    return web.json_response(
        {
            "phones": [
                {"id": p.id, "number": p.number, "opted_out": p.opted_out}
                for p in emulator(request).store.phones()
            ]
        }
    )


async def set_optout(request: web.Request) -> web.Response:
    """``{"number": "+44...", "opted_out": true}``: as if the phone had texted STOP (or START)."""
    data = await read_json_object(request)
    number = data.get("number")
    if not (isinstance(number, str) and is_phone_number(number)):
        raise bad_request("number must be an E.164 number")
    phone = emulator(request).store.set_opted_out(number, bool(data.get("opted_out", True)))
    return web.json_response({"id": phone.id, "number": phone.number, "opted_out": phone.opted_out})


async def inbound(request: web.Request) -> web.Response:
    """``{"from": "+44...", "body": "STOP", "to": "+44..." (optional)}``: a phone texts in.

    Answers once Signpost's webhook has answered (or every retry has failed)."""
    data = await read_json_object(request)
    from_, body, to = data.get("from"), data.get("body"), data.get("to")
    if not (isinstance(from_, str) and is_phone_number(from_)):
        raise bad_request("from must be an E.164 number")
    if not isinstance(body, str) or not body:
        raise bad_request("body is required")
    if to is not None and not isinstance(to, str):
        raise bad_request("to must be a string")
    result = await receive_from_phone(emulator(request), from_number=from_, body=body, to_number=to)
    payload: dict[str, Any] = {
        "sid": result.sid,
        "keyword": result.keyword,
        "webhook": {
            "ok": result.webhook.ok,
            "status": result.webhook.status,
            "attempts": result.webhook.attempts,
            "error": result.webhook.error,
        },
        "replies": result.replies,
    }
    return web.json_response(payload)
