"""Notify's API v2 subset: send a text or an email, get one notification, list by reference."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
import uuid
from typing import Any

from aiohttp import web

from emulators.common.jsonapi import read_json_object
from emulators.notify.auth import check_token
from emulators.notify.callbacks import run_lifecycle
from emulators.notify.errors import error_response
from emulators.notify.simulated import is_smoke_test, outcome_for
from emulators.notify.state import Emulator, emulator
from emulators.notify.store import Notification, new_id

SMS_MAX = 918  # Notify's limit for one text (6 segments of GSM-7)
UK_MOBILE = re.compile(r"^07[0-9]{9}$")
INTERNATIONAL = re.compile(r"^\+?[1-9][0-9]{7,14}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def add_routes(app: web.Application) -> None:
    app.router.add_post("/v2/notifications/sms", send_sms)
    app.router.add_post("/v2/notifications/email", send_email)
    app.router.add_get("/v2/notifications/{id}", get_notification)
    app.router.add_get("/v2/notifications", list_notifications)


def _validation(message: str) -> web.Response:
    return error_response(400, "ValidationError", message)


async def _guard(request: web.Request, endpoint: str) -> web.Response | None:
    """Authentication, then any fault set for this endpoint."""
    emu = emulator(request)
    refused = check_token(request, emu.config)
    if refused is not None:
        emu.store.log_request(endpoint=endpoint, outcome=f"auth-{refused.status}")
        return refused
    fault = emu.faults.draw(now=time.monotonic(), endpoint=endpoint)
    if fault is None:
        return None
    emu.store.log_request(endpoint=endpoint, outcome=f"fault-{fault.kind}")
    if fault.kind == "timeout":
        with contextlib.suppress(TimeoutError):
            hold = fault.hold if fault.hold is not None else emu.config.fault_hold
            await asyncio.wait_for(emu.closing.wait(), timeout=hold)
        return error_response(504, "Exception", "Gateway timeout")
    if fault.kind == "429":
        return error_response(429, "RateLimitError",
                              "Exceeded rate limit for key type LIVE of 3000 requests per 60 "
                              "seconds")
    return error_response(int(fault.kind), "Exception", "Internal server error")


def _uk_or_international(number: str) -> str | None:
    digits = re.sub(r"[\s()-]", "", number)
    if digits.startswith("+44") or (digits.startswith("44") and len(digits) == 12):
        digits = "0" + digits.removeprefix("+").removeprefix("44")
    if UK_MOBILE.match(digits) or (not digits.startswith("0") and INTERNATIONAL.match(digits)):
        return number
    return None


def _common(body: dict[str, Any], template_id: str, placeholders: tuple[str, ...]) -> (
        web.Response | dict[str, str]):
    given = body.get("template_id")
    try:
        uuid.UUID(str(given))
    except ValueError:
        return _validation("template_id is not a valid UUID")
    if str(given) != template_id:
        return error_response(400, "BadRequestError", "Template not found")
    personalisation = body.get("personalisation") or {}
    if not isinstance(personalisation, dict):
        return _validation("personalisation is not of type object")
    missing = [name for name in placeholders if name not in personalisation]
    if missing:
        return error_response(400, "BadRequestError",
                              f"Missing personalisation: {', '.join(missing)}")
    reference = body.get("reference")
    if reference is not None and not isinstance(reference, str):
        return _validation("reference is not of type string")
    return {name: str(personalisation[name]) for name in placeholders}


def _accept(request: web.Request, emu: Emulator, notification: Notification) -> web.Response:
    emu.store.add(notification)
    emu.store.log_request(endpoint="send", outcome="accepted")
    if not is_smoke_test(notification.to):
        outcome = emu.store.outcomes.get(notification.to) or outcome_for(notification.to)
        emu.tasks.spawn(run_lifecycle(emu, notification.id, outcome),
                        name=f"lifecycle {notification.id}")
    else:
        emu.store.set_status(notification.id, "delivered")
    content: dict[str, Any] = {"body": notification.body}
    if notification.type == "sms":
        content["from_number"] = "GOVUK"
    else:
        content.update(subject=notification.subject, from_email="signpost@notifications.test")
    return web.json_response({
        "id": notification.id, "reference": notification.reference, "content": content,
        "uri": f"{request.scheme}://{request.host}/v2/notifications/{notification.id}",
        "template": {"id": notification.template_id, "version": 1,
                     "uri": f"/v2/template/{notification.template_id}"},
        "scheduled_for": None,
    }, status=201)


async def send_sms(request: web.Request) -> web.Response:
    refused = await _guard(request, "send")
    if refused is not None:
        return refused
    emu = emulator(request)
    body = await read_json_object(request)
    number = body.get("phone_number")
    if not isinstance(number, str) or not number.strip():
        return _validation("phone_number is a required property")
    if _uk_or_international(number) is None:
        return _validation("phone_number Not a valid mobile number")
    values = _common(body, emu.config.sms_template_id, ("body",))
    if isinstance(values, web.Response):
        return values
    if len(values["body"]) > SMS_MAX:
        return error_response(400, "BadRequestError",
                              f"Text messages cannot be longer than {SMS_MAX} characters. Your "
                              f"message is {len(values['body'])} characters long.")
    return _accept(request, emu, Notification(
        id=new_id(), type="sms", to=number, body=values["body"], subject="",
        reference=body.get("reference"), template_id=emu.config.sms_template_id))


async def send_email(request: web.Request) -> web.Response:
    refused = await _guard(request, "send")
    if refused is not None:
        return refused
    emu = emulator(request)
    body = await read_json_object(request)
    address = body.get("email_address")
    if not isinstance(address, str) or not address.strip():
        return _validation("email_address is a required property")
    if not EMAIL.match(address):
        return _validation("email_address Not a valid email address")
    values = _common(body, emu.config.email_template_id, ("subject", "body"))
    if isinstance(values, web.Response):
        return values
    return _accept(request, emu, Notification(
        id=new_id(), type="email", to=address, body=values["body"], subject=values["subject"],
        reference=body.get("reference"), template_id=emu.config.email_template_id))


async def get_notification(request: web.Request) -> web.Response:
    refused = await _guard(request, "get")
    if refused is not None:
        return refused
    emu = emulator(request)
    emu.store.log_request(endpoint="get", outcome="ok")
    notification_id = request.match_info["id"]
    try:
        uuid.UUID(notification_id)
    except ValueError:
        return _validation("notification_id is not a valid UUID")
    found = emu.store.get(notification_id)
    if found is None:
        return error_response(404, "NoResultFound", "No result found")
    return web.json_response(found.to_api())


async def list_notifications(request: web.Request) -> web.Response:
    refused = await _guard(request, "list")
    if refused is not None:
        return refused
    emu = emulator(request)
    emu.store.log_request(endpoint="list", outcome="ok")
    reference = request.query.get("reference")
    found = emu.store.by_reference(reference) if reference else emu.store.all()
    kind = request.query.get("template_type")
    status = request.query.get("status")
    notifications = [n.to_api() for n in found
                     if (not kind or n.type == kind) and (not status or n.status == status)]
    return web.json_response({"notifications": notifications[:250],
                              "links": {"current": f"http://{request.host}{request.path_qs}"}})
