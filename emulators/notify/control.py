"""The control API under ``/_emulator/``: outcomes, faults, texts in, and what was sent.

- ``POST /_emulator/outcomes`` ``{"to": "+447700900555", "status": "permanent-failure",
  "callback": false, "delay": 0.1}``: the outcome for one recipient (``callback: false`` loses
  its delivery receipt; the notification still reaches its status, for polling to find).
- ``POST /_emulator/faults`` ``{"kind": "500"|"503"|"429"|"timeout", "count": 3, "duration": 10,
  "endpoints": ["send"]}``; ``DELETE /_emulator/faults``.
- ``POST /_emulator/inbound`` ``{"from": "+447700900123", "body": "STOP"}``: a phone texts the
  service's inbound number; Notify's inbound-SMS callback is posted with the bearer token.
- ``POST /_emulator/receipts/{id}``: post a notification's receipt again (a replay).
- ``GET /_emulator/notifications``, ``/_emulator/requests``, ``/_emulator/counts``,
  ``/_emulator/webhooks``;
  ``POST /_emulator/reset``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import Any

from aiohttp import web

from emulators.common.jsonapi import bad_request, not_found, read_json_object
from emulators.common.webhooks import post_with_retries
from emulators.notify.callbacks import bearer, post_receipt
from emulators.notify.faults import fault_from_json
from emulators.notify.simulated import Outcome, uk_national
from emulators.notify.state import emulator
from emulators.notify.store import new_id, now_iso

STATUSES = frozenset({"delivered", "sent", "permanent-failure", "temporary-failure",
                      "technical-failure", "sending"})


def add_routes(app: web.Application) -> None:
    app.router.add_post("/_emulator/outcomes", set_outcome)
    app.router.add_post("/_emulator/faults", add_fault)
    app.router.add_delete("/_emulator/faults", clear_faults)
    app.router.add_get("/_emulator/faults", list_faults)
    app.router.add_post("/_emulator/inbound", inbound)
    app.router.add_post("/_emulator/receipts/{id}", replay_receipt)
    app.router.add_get("/_emulator/notifications", notifications)
    app.router.add_get("/_emulator/requests", requests_seen)
    app.router.add_get("/_emulator/counts", counts)
    app.router.add_get("/_emulator/webhooks", webhooks)
    app.router.add_post("/_emulator/reset", reset)


async def set_outcome(request: web.Request) -> web.Response:
    data = await read_json_object(request)
    to, status = str(data.get("to", "")), str(data.get("status", ""))
    if not to or status not in STATUSES:
        raise bad_request(f"give 'to' and a 'status' among {', '.join(sorted(STATUSES))}")
    delay = data.get("delay")
    emulator(request).store.outcomes[to] = Outcome(
        status=status, callback=bool(data.get("callback", True)),
        delay=float(delay) if delay is not None else None,
    )
    return web.json_response({"ok": True})


async def add_fault(request: web.Request) -> web.Response:
    data = await read_json_object(request)
    try:
        fault = fault_from_json(data, time.monotonic())
    except (ValueError, TypeError) as error:
        raise bad_request(str(error)) from error
    emulator(request).faults.add(fault)
    return web.json_response({"ok": True})


async def clear_faults(request: web.Request) -> web.Response:
    emulator(request).faults.clear()
    return web.json_response({"ok": True})


async def list_faults(request: web.Request) -> web.Response:
    return web.json_response({"faults": emulator(request).faults.to_json(time.monotonic())})


def inbound_body(*, source: str, destination: str, message: str) -> dict[str, Any]:
    """Notify's inbound-SMS callback body: numbers with the country code and no ``+``."""
    national = uk_national(source)
    number = "44" + national[1:] if national.startswith("0") else national.removeprefix("+")
    return {"id": new_id(), "source_number": number, "destination_number": destination,
            "message": message, "date_received": now_iso()}


async def inbound(request: web.Request) -> web.Response:
    emu = emulator(request)
    data = await read_json_object(request)
    source, message = str(data.get("from", "")), str(data.get("body", ""))
    if not source:
        raise bad_request("give 'from' (a phone number) and 'body'")
    body = inbound_body(source=source, destination=emu.config.inbound_number, message=message)
    result = await post_with_retries(
        emu.session, emu.config.inbound_url, body=json.dumps(body).encode(), headers=bearer(emu),
        policy=emu.config.webhook_retry, label=f"inbound {body['id']}",
    )
    with emu.store.lock:
        emu.store.inbound.append({"id": body["id"], "at": body["date_received"]})
    emu.store.log_webhook({"kind": "inbound", "notification_id": body["id"],
                           "http_status": result.status, "attempts": result.attempts,
                           "error": result.error})
    return web.json_response({"id": body["id"], "http_status": result.status})


async def replay_receipt(request: web.Request) -> web.Response:
    emu = emulator(request)
    found = emu.store.get(request.match_info["id"])
    if found is None:
        raise not_found("no such notification")
    await post_receipt(emu, found)
    return web.json_response({"ok": True})


async def notifications(request: web.Request) -> web.Response:
    return web.json_response({"notifications": [n.to_api() for n in emulator(request).store.all()]})


async def requests_seen(request: web.Request) -> web.Response:
    store = emulator(request).store
    with store.lock:
        return web.json_response({"requests": list(store.requests)})


async def counts(request: web.Request) -> web.Response:
    """Requests by endpoint and outcome; notifications accepted; and how many of those repeat
    a reference already accepted (a duplicate send of one of our messages)."""
    store = emulator(request).store
    with store.lock:
        requests = Counter(f"{r['endpoint']}:{r['outcome']}" for r in store.requests)
        references = Counter(n.reference for n in store.notifications.values() if n.reference)
        accepted = len(store.notifications)
    return web.json_response({
        "requests": dict(requests), "accepted_sends": accepted,
        "duplicate_sends": sum(n - 1 for n in references.values() if n > 1),
    })


async def webhooks(request: web.Request) -> web.Response:
    store = emulator(request).store
    with store.lock:
        return web.json_response({"webhooks": list(store.webhooks)})


async def reset(request: web.Request) -> web.Response:
    emu = emulator(request)
    emu.store.reset()
    emu.faults.clear()
    return web.json_response({"ok": True})
