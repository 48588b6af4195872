"""A simulated phone texting the service: Twilio's opt-out handling, then a signed webhook."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from emulators.common.webhooks import DeliveryResult, post_with_retries
from emulators.twilio.optout import AUTO_REPLIES, Keyword, classify
from emulators.twilio.resources import API_VERSION
from emulators.twilio.segments import count_segments
from emulators.twilio.signing import webhook_headers
from emulators.twilio.state import Emulator
from emulators.twilio.store import MessageRecord, new_sid, utcnow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InboundResult:
    sid: str
    keyword: Keyword | None
    webhook: DeliveryResult
    replies: int  # TwiML <Message> replies recorded (and automatic keyword replies)


def inbound_params(record: MessageRecord) -> dict[str, str]:
    """The form fields Twilio posts to a number's messaging webhook."""
    params = {
        "AccountSid": record.account_sid,
        "ApiVersion": API_VERSION,
        "Body": record.body,
        "From": record.from_number or "",
        "MessageSid": record.sid,
        "NumMedia": "0",
        "NumSegments": str(record.num_segments),
        "SmsMessageSid": record.sid,
        "SmsSid": record.sid,
        "SmsStatus": "received",
        "To": record.to_number,
    }
    if record.messaging_service_sid:
        params["MessagingServiceSid"] = record.messaging_service_sid
    return params


def twiml_replies(content_type: str, text: str) -> list[str]:
    """The bodies of ``<Message>`` verbs in a TwiML answer (ours, so trusted XML)."""
    if "xml" not in content_type or not text.strip():
        return []
    try:
        root = ET.fromstring(text)  # noqa: S314 - parses our own app's TwiML, locally
    except ET.ParseError:
        return []
    bodies = []
    for message in root.iter("Message"):
        body = message.find("Body")
        text_node = body.text if body is not None else message.text
        if text_node and text_node.strip():
            bodies.append(text_node.strip())
    return bodies


def _record(
    emu: Emulator, *, direction: str, to: str, from_: str, body: str, status: str
) -> MessageRecord:
    now = utcnow()
    record = MessageRecord(
        sid=new_sid("SM"),
        account_sid=emu.config.account_sid,
        direction=direction,
        to_number=to,
        from_number=from_,
        messaging_service_sid=None,
        body=body,
        status=status,
        error_code=None,
        num_segments=count_segments(body),
        num_media=0,
        price=None,
        status_callback=None,
        params={},
        date_created=now,
        date_updated=now,
        date_sent=now,
    )
    emu.store.add_message(record)
    return record


async def receive_from_phone(
    emu: Emulator, *, from_number: str, body: str, to_number: str | None = None
) -> InboundResult:
    """Record a text from ``from_number`` and deliver it to Signpost's inbound webhook."""
    emu.store.phone_for(from_number)
    to = to_number or emu.store.last_sender_to(from_number) or emu.config.service_number
    record = _record(
        emu, direction="inbound", to=to, from_=from_number, body=body, status="received"
    )
    keyword = classify(body)
    replies = 0
    if keyword is Keyword.OPT_OUT:
        emu.store.set_opted_out(from_number, True)
    elif keyword is Keyword.OPT_IN:
        emu.store.set_opted_out(from_number, False)
    silenced = keyword is Keyword.HELP and emu.store.is_opted_out(from_number)
    if keyword is not None and not silenced:
        _reply(emu, to=from_number, from_=to, body=AUTO_REPLIES[keyword])
        replies += 1
    logger.info("inbound %s received (keyword=%s)", record.sid, keyword)

    url = emu.config.inbound_sms_url
    params = inbound_params(record)
    result = await post_with_retries(
        emu.session,
        url,
        body=params,
        headers=webhook_headers(emu.config.auth_token, url, params),
        policy=emu.config.webhook_retry,
        label=f"inbound {record.sid}",
    )
    emu.store.log_webhook(
        kind="inbound",
        message_sid=record.sid,
        message_status="received",
        url=url,
        attempts=result.attempts,
        http_status=result.status,
        error=result.error,
    )
    if result.ok:
        for reply in twiml_replies(result.content_type, result.text):
            if not emu.store.is_opted_out(from_number):
                _reply(emu, to=from_number, from_=to, body=reply)
                replies += 1
    return InboundResult(sid=record.sid, keyword=keyword, webhook=result, replies=replies)


def _reply(emu: Emulator, *, to: str, from_: str, body: str) -> None:
    _record(emu, direction="outbound-reply", to=to, from_=from_, body=body, status="delivered")
