"""Message records rendered as Twilio's JSON (the ``Message`` resource and its list page)."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlencode

from emulators.twilio.errors import DELIVERY_ERRORS
from emulators.twilio.store import MessageRecord

API_VERSION = "2010-04-01"


def rfc2822(value: datetime | None) -> str | None:
    """Twilio's date format: ``Thu, 30 Jul 2015 20:12:31 +0000``."""
    return format_datetime(value) if value is not None else None


def messages_uri(account_sid: str) -> str:
    return f"/{API_VERSION}/Accounts/{account_sid}/Messages.json"


def message_uri(account_sid: str, sid: str) -> str:
    return f"/{API_VERSION}/Accounts/{account_sid}/Messages/{sid}.json"


def message_resource(record: MessageRecord) -> dict[str, Any]:
    base = f"/{API_VERSION}/Accounts/{record.account_sid}/Messages/{record.sid}"
    return {
        "account_sid": record.account_sid,
        "api_version": API_VERSION,
        "body": record.body,
        "date_created": rfc2822(record.date_created),
        "date_sent": rfc2822(record.date_sent),
        "date_updated": rfc2822(record.date_updated),
        "direction": record.direction,
        "error_code": record.error_code,
        "error_message": DELIVERY_ERRORS.get(record.error_code) if record.error_code else None,
        "from": record.from_number,
        "messaging_service_sid": record.messaging_service_sid,
        "num_media": str(record.num_media),
        "num_segments": str(record.num_segments),
        "price": record.price,
        "price_unit": "USD",
        "sid": record.sid,
        "status": record.status,
        "subresource_uris": {
            "media": f"{base}/Media.json",
            "feedback": f"{base}/Feedback.json",
        },
        "to": record.to_number,
        "uri": f"{base}.json",
    }


def message_page(
    records: list[MessageRecord],
    *,
    account_sid: str,
    filters: dict[str, str],
    page: int,
    page_size: int,
    has_more: bool,
) -> dict[str, Any]:
    """One page of a message list, with Twilio's paging keys (``next_page_uri`` and so on)."""
    uri = messages_uri(account_sid)

    def page_uri(number: int) -> str:
        return f"{uri}?{urlencode({**filters, 'PageSize': page_size, 'Page': number})}"

    start = page * page_size
    return {
        "messages": [message_resource(record) for record in records],
        "end": start + max(len(records) - 1, 0),
        "first_page_uri": page_uri(0),
        "next_page_uri": page_uri(page + 1) if has_more else None,
        "page": page,
        "page_size": page_size,
        "previous_page_uri": page_uri(page - 1) if page > 0 else None,
        "start": start,
        "uri": page_uri(page),
    }
