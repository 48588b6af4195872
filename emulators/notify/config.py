"""The Notify emulator's settings: defaults, environment variables, command-line arguments."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from emulators.common.config import env_float, env_int, env_str
from emulators.common.webhooks import RetryPolicy

# A published development key in Notify's format: key name, service id, secret (never real).
DEV_API_KEY = ("signpost_dev-26785a09-ab16-4eb0-8407-a37497a57506"
               "-3d844edf-8d35-48ac-975b-e847b4f122b0")
DEV_CALLBACK_TOKEN = "dev-notify-callback-token"  # noqa: S105 - a published development default
DEV_SMS_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
DEV_EMAIL_TEMPLATE = "c6b9b3a1-5c1d-4d8e-9a43-2a6f0e4b7d10"
DEFAULT_RECEIPT_URL = "http://127.0.0.1:8000/webhooks/notify/status"
DEFAULT_INBOUND_URL = "http://127.0.0.1:8000/webhooks/notify/sms"
DEFAULT_INBOUND_NUMBER = "07700900000"  # the number the service rents for texts in


@dataclass(frozen=True)
class NotifyEmulatorConfig:
    host: str = "127.0.0.1"
    port: int = 8020
    api_key: str = DEV_API_KEY
    sms_template_id: str = DEV_SMS_TEMPLATE
    email_template_id: str = DEV_EMAIL_TEMPLATE
    callback_token: str = DEV_CALLBACK_TOKEN
    receipt_url: str = DEFAULT_RECEIPT_URL
    inbound_url: str = DEFAULT_INBOUND_URL
    inbound_number: str = DEFAULT_INBOUND_NUMBER
    callback_delay: float = 1.0  # seconds between status steps (sending, then the final one)
    fault_hold: float = 30.0  # seconds a "timeout" fault holds a request before dropping it
    webhook_retry: RetryPolicy = field(default_factory=RetryPolicy)

    @property
    def service_id(self) -> str:
        return self.api_key[-73:-37]

    @property
    def secret(self) -> str:
        return self.api_key[-36:]


def from_env(environ: Mapping[str, str]) -> NotifyEmulatorConfig:
    d = NotifyEmulatorConfig()
    return NotifyEmulatorConfig(
        host=env_str(environ, "EMULATOR_NOTIFY_HOST", d.host),
        port=env_int(environ, "EMULATOR_NOTIFY_PORT", d.port),
        api_key=env_str(environ, "NOTIFY_API_KEY", d.api_key),
        sms_template_id=env_str(environ, "NOTIFY_SMS_TEMPLATE_ID", d.sms_template_id),
        email_template_id=env_str(environ, "NOTIFY_EMAIL_TEMPLATE_ID", d.email_template_id),
        callback_token=env_str(environ, "NOTIFY_CALLBACK_TOKEN", d.callback_token),
        receipt_url=env_str(environ, "SIGNPOST_NOTIFY_RECEIPT_URL", d.receipt_url),
        inbound_url=env_str(environ, "SIGNPOST_NOTIFY_INBOUND_URL", d.inbound_url),
        callback_delay=env_float(environ, "EMULATOR_NOTIFY_CALLBACK_DELAY", d.callback_delay),
        webhook_retry=RetryPolicy(
            attempts=env_int(environ, "EMULATOR_NOTIFY_WEBHOOK_ATTEMPTS", 4),
            backoff=env_float(environ, "EMULATOR_NOTIFY_WEBHOOK_BACKOFF", 1.0),
        ),
    )


def parse_args(argv: Sequence[str] | None, environ: Mapping[str, str]) -> NotifyEmulatorConfig:
    """Command-line arguments win over environment variables, which win over defaults."""
    base = from_env(environ)
    parser = argparse.ArgumentParser(prog="python -m emulators.notify",
                                     description="Local GOV.UK Notify API emulator.")
    parser.add_argument("--host", default=base.host, help="EMULATOR_NOTIFY_HOST")
    parser.add_argument("--port", type=int, default=base.port, help="EMULATOR_NOTIFY_PORT")
    parser.add_argument("--receipt-url", default=base.receipt_url,
                        help="SIGNPOST_NOTIFY_RECEIPT_URL")
    parser.add_argument("--inbound-url", default=base.inbound_url,
                        help="SIGNPOST_NOTIFY_INBOUND_URL")
    parser.add_argument("--callback-delay", type=float, default=base.callback_delay,
                        help="EMULATOR_NOTIFY_CALLBACK_DELAY")
    args = parser.parse_args(argv)
    return replace(base, host=args.host, port=args.port, receipt_url=args.receipt_url,
                   inbound_url=args.inbound_url, callback_delay=args.callback_delay)
