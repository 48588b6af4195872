"""The Twilio emulator's settings: defaults, environment variables, command-line arguments."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from emulators.common.config import env_float, env_int, env_str
from emulators.common.webhooks import RetryPolicy

DEV_ACCOUNT_SID = "ACdev00000000000000000000000000000"  # clearly fake: never a real account
DEV_AUTH_TOKEN = "dev-auth-token"  # noqa: S105 - a published development default
DEFAULT_INBOUND_SMS_URL = "http://127.0.0.1:8000/webhooks/twilio/sms"
DEFAULT_SERVICE_NUMBER = "+447700900000"  # Ofcom's drama range: never a real subscriber


@dataclass(frozen=True)
class TwilioEmulatorConfig:
    host: str = "127.0.0.1"
    port: int = 8010
    db_path: str = "var/emulators/twilio.sqlite3"
    account_sid: str = DEV_ACCOUNT_SID
    auth_token: str = DEV_AUTH_TOKEN
    inbound_sms_url: str = DEFAULT_INBOUND_SMS_URL
    # The number phones text when they have not been texted yet, and the sender picked for
    # messaging-service sends.
    service_number: str = DEFAULT_SERVICE_NUMBER
    callback_delay: float = 1.0  # seconds between status steps (sent, delivered, ...)
    fault_hold: float = 30.0  # seconds a "timeout" fault holds a request before dropping it
    webhook_retry: RetryPolicy = field(default_factory=RetryPolicy)
    seed: int | None = None  # for the fault injector's random draws


def from_env(environ: Mapping[str, str]) -> TwilioEmulatorConfig:
    defaults = TwilioEmulatorConfig()
    return TwilioEmulatorConfig(
        host=env_str(environ, "EMULATOR_TWILIO_HOST", defaults.host),
        port=env_int(environ, "EMULATOR_TWILIO_PORT", defaults.port),
        db_path=env_str(environ, "EMULATOR_TWILIO_DB", defaults.db_path),
        account_sid=env_str(environ, "TWILIO_ACCOUNT_SID", defaults.account_sid),
        auth_token=env_str(environ, "TWILIO_AUTH_TOKEN", defaults.auth_token),
        inbound_sms_url=env_str(environ, "SIGNPOST_INBOUND_SMS_URL", defaults.inbound_sms_url),
        service_number=env_str(environ, "EMULATOR_TWILIO_SERVICE_NUMBER", defaults.service_number),
        callback_delay=env_float(
            environ, "EMULATOR_TWILIO_CALLBACK_DELAY", defaults.callback_delay
        ),
        fault_hold=env_float(environ, "EMULATOR_TWILIO_FAULT_HOLD", defaults.fault_hold),
        webhook_retry=RetryPolicy(
            attempts=env_int(environ, "EMULATOR_TWILIO_WEBHOOK_ATTEMPTS", 4),
            backoff=env_float(environ, "EMULATOR_TWILIO_WEBHOOK_BACKOFF", 1.0),
        ),
    )


def parse_args(argv: Sequence[str] | None, environ: Mapping[str, str]) -> TwilioEmulatorConfig:
    """Command-line arguments win over environment variables, which win over defaults."""
    base = from_env(environ)
    parser = argparse.ArgumentParser(
        prog="python -m emulators.twilio", description="Local Twilio Messaging API emulator."
    )
    parser.add_argument("--host", default=base.host, help="EMULATOR_TWILIO_HOST")
    parser.add_argument("--port", type=int, default=base.port, help="EMULATOR_TWILIO_PORT")
    parser.add_argument("--db", default=base.db_path, help="EMULATOR_TWILIO_DB")
    parser.add_argument(
        "--inbound-url", default=base.inbound_sms_url, help="SIGNPOST_INBOUND_SMS_URL"
    )
    parser.add_argument(
        "--service-number", default=base.service_number, help="EMULATOR_TWILIO_SERVICE_NUMBER"
    )
    parser.add_argument(
        "--callback-delay",
        type=float,
        default=base.callback_delay,
        help="EMULATOR_TWILIO_CALLBACK_DELAY",
    )
    args = parser.parse_args(argv)
    return replace(
        base,
        host=args.host,
        port=args.port,
        db_path=args.db,
        inbound_sms_url=args.inbound_url,
        service_number=args.service_number,
        callback_delay=args.callback_delay,
    )
