"""The REST API subset the official ``twilio`` library uses to send, fetch and list messages."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from urllib.parse import urlparse

from aiohttp import BasicAuth, web
from multidict import MultiDictProxy

from emulators.twilio.callbacks import run_lifecycle
from emulators.twilio.errors import ApiError, error_response
from emulators.twilio.faults import Endpoint, FaultKind, FaultRule
from emulators.twilio.numbers import (
    MAGIC_TO_ERRORS,
    MESSAGING_SERVICE_SID,
    is_phone_number,
    is_valid_sender,
)
from emulators.twilio.resources import API_VERSION, message_page, message_resource
from emulators.twilio.segments import count_segments
from emulators.twilio.state import Emulator, emulator
from emulators.twilio.store import MessageRecord, new_sid, utcnow

logger = logging.getLogger(__name__)

MAX_BODY = 1600
MESSAGES = f"/{API_VERSION}/Accounts/{{account_sid}}/Messages.json"
MESSAGE = f"/{API_VERSION}/Accounts/{{account_sid}}/Messages/{{sid:[A-Za-z0-9]+}}.json"


def add_routes(app: web.Application) -> None:
    app.router.add_post(MESSAGES, create_message)
    app.router.add_get(MESSAGES, list_messages)
    app.router.add_get(MESSAGE, fetch_message)


def authorised(request: web.Request, emu: Emulator) -> bool:
    header = request.headers.get("Authorization", "")
    try:
        auth = BasicAuth.decode(header)
    except ValueError:
        return False
    return (
        hmac.compare_digest(auth.login, emu.config.account_sid)
        and hmac.compare_digest(auth.password, emu.config.auth_token)
        and request.match_info["account_sid"] == emu.config.account_sid
    )


async def guard(request: web.Request, endpoint: Endpoint) -> web.StreamResponse | None:
    """Authentication, then any injected fault: a response to give instead, or None."""
    emu = emulator(request)
    if not authorised(request, emu):
        emu.store.log_request(endpoint=endpoint, outcome="unauthorized", http_status=401)
        return error_response(20003)
    fault = emu.faults.draw(endpoint)
    if fault is None:
        return None
    emu.store.log_request(endpoint=endpoint, outcome=f"fault-{fault.kind}", http_status=None)
    logger.info("injecting fault %s into %s", fault.kind, endpoint)
    return await inject(request, emu, fault)


async def inject(request: web.Request, emu: Emulator, fault: FaultRule) -> web.StreamResponse:
    if fault.kind is FaultKind.ERROR_500:
        return error_response(20500)
    if fault.kind is FaultKind.RATE_LIMITED:
        response = error_response(20429)
        response.headers["Retry-After"] = "1"
        return response
    hold = fault.hold if fault.hold is not None else emu.config.fault_hold
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(emu.closing.wait(), timeout=hold)
    # Drop the connection without an answer, as a stalled upstream would.
    if request.transport is not None:
        request.transport.abort()
    raise web.HTTPServiceUnavailable  # never reaches the client: the connection is gone


async def create_message(request: web.Request) -> web.StreamResponse:
    refused = await guard(request, Endpoint.SEND)
    if refused is not None:
        return refused
    emu = emulator(request)
    form = await request.post()
    try:
        record = new_message(emu, form)
    except ApiError as exc:
        emu.store.log_request(
            endpoint=Endpoint.SEND,
            outcome="rejected",
            http_status=exc.error.status,
            error_code=exc.error.code,
        )
        logger.info("send rejected with %s", exc.error.code)
        return error_response(exc.error.code)
    emu.store.add_message(record)
    emu.store.phone_for(record.to_number)
    emu.store.log_request(
        endpoint=Endpoint.SEND, outcome="accepted", http_status=201, message_sid=record.sid
    )
    logger.info("send accepted as %s (%d segments)", record.sid, record.num_segments)
    rule = emu.outcomes.for_number(record.to_number)
    emu.tasks.spawn(run_lifecycle(emu, record.sid, rule), name=f"lifecycle-{record.sid}")
    return web.json_response(message_resource(record), status=201)


def new_message(emu: Emulator, form: MultiDictProxy[str | bytes | web.FileField]) -> MessageRecord:
    """Validate a send as Twilio does, in Twilio's order; raise ApiError if it is refused."""
    params = {key: [str(v) for v in form.getall(key)] for key in set(form.keys())}

    def field(name: str) -> str:
        return params.get(name, [""])[0].strip()

    to, from_, service = field("To"), field("From"), field("MessagingServiceSid")
    body = params.get("Body", [""])[0]
    media = params.get("MediaUrl", [])
    callback = field("StatusCallback")
    if not to:
        raise ApiError(21604)
    if not from_ and not service:
        raise ApiError(21603)
    if not body and not media:
        raise ApiError(21602)
    if not is_phone_number(to):
        raise ApiError(21211)
    if from_ and not is_valid_sender(from_):
        raise ApiError(21212)
    if service and not MESSAGING_SERVICE_SID.match(service):
        raise ApiError(21701)
    if len(body) > MAX_BODY:
        raise ApiError(21617)
    if callback and urlparse(callback).scheme not in ("http", "https"):
        raise ApiError(21609)
    if to in MAGIC_TO_ERRORS:
        raise ApiError(MAGIC_TO_ERRORS[to])
    if emu.store.is_opted_out(to):
        raise ApiError(21610)
    now = utcnow()
    return MessageRecord(
        sid=new_sid("SM"),
        account_sid=emu.config.account_sid,
        direction="outbound-api",
        to_number=to,
        from_number=from_ or None,
        messaging_service_sid=service or None,
        body=body,
        status="accepted" if service and not from_ else "queued",
        error_code=None,
        num_segments=count_segments(body) or 1,
        num_media=len(media),
        price=None,
        status_callback=callback or None,
        params=params,
        date_created=now,
        date_updated=now,
        date_sent=None,
    )


async def fetch_message(request: web.Request) -> web.StreamResponse:
    refused = await guard(request, Endpoint.FETCH)
    if refused is not None:
        return refused
    emu = emulator(request)
    record = emu.store.get_message(request.match_info["sid"])
    if record is None or record.account_sid != emu.config.account_sid:
        emu.store.log_request(endpoint=Endpoint.FETCH, outcome="not-found", http_status=404)
        return error_response(20404)
    emu.store.log_request(
        endpoint=Endpoint.FETCH, outcome="ok", http_status=200, message_sid=record.sid
    )
    return web.json_response(message_resource(record))


async def list_messages(request: web.Request) -> web.StreamResponse:
    refused = await guard(request, Endpoint.LIST)
    if refused is not None:
        return refused
    emu = emulator(request)
    query = request.query
    try:
        page_size = min(max(int(query.get("PageSize", "50")), 1), 1000)
        page = max(int(query.get("Page", "0")), 0)
    except ValueError:
        page_size, page = 50, 0
    filters = {key: query[key] for key in ("To", "From") if query.get(key)}
    records = emu.store.find_messages(
        to=filters.get("To"),
        from_=filters.get("From"),
        limit=page_size + 1,
        offset=page * page_size,
    )
    emu.store.log_request(endpoint=Endpoint.LIST, outcome="ok", http_status=200)
    body = message_page(
        records[:page_size],
        account_sid=emu.config.account_sid,
        filters=filters,
        page=page,
        page_size=page_size,
        has_more=len(records) > page_size,
    )
    return web.json_response(body)
