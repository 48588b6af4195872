"""The SMTP sink's settings: defaults, environment variables, command-line arguments."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from emulators.common.config import env_float, env_int, env_str
from emulators.common.webhooks import RetryPolicy

DEFAULT_INBOUND_EMAIL_URL = "http://127.0.0.1:8000/webhooks/email/inbound"
DEV_INBOUND_EMAIL_SECRET = "dev-inbound-email-secret"  # noqa: S105 - a published dev default


@dataclass(frozen=True)
class SinkConfig:
    host: str = "127.0.0.1"
    smtp_port: int = 1025
    http_port: int = 8025
    db_path: str = "var/emulators/smtp.sqlite3"
    hostname: str = "sink.signpost.test"  # the name it greets with and signs DSNs as
    # Mail to this domain (or its subdomains) is handed to Signpost as inbound mail.
    reply_domain: str = "reply.signpost.test"
    inbound_email_url: str = DEFAULT_INBOUND_EMAIL_URL
    inbound_email_secret: str = DEV_INBOUND_EMAIL_SECRET
    bounce_delay: float = 1.0  # seconds between accepting a mail and sending its DSN
    webhook_retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_message_size: int = 25 * 1024 * 1024


def from_env(environ: Mapping[str, str]) -> SinkConfig:
    d = SinkConfig()
    return SinkConfig(
        host=env_str(environ, "EMULATOR_SMTP_SINK_HOST", d.host),
        smtp_port=env_int(environ, "EMULATOR_SMTP_SINK_SMTP_PORT", d.smtp_port),
        http_port=env_int(environ, "EMULATOR_SMTP_SINK_HTTP_PORT", d.http_port),
        db_path=env_str(environ, "EMULATOR_SMTP_SINK_DB", d.db_path),
        hostname=env_str(environ, "EMULATOR_SMTP_SINK_HOSTNAME", d.hostname),
        reply_domain=env_str(environ, "EMULATOR_SMTP_SINK_REPLY_DOMAIN", d.reply_domain),
        inbound_email_url=env_str(environ, "SIGNPOST_INBOUND_EMAIL_URL", d.inbound_email_url),
        inbound_email_secret=env_str(
            environ, "SIGNPOST_INBOUND_EMAIL_SECRET", d.inbound_email_secret
        ),
        bounce_delay=env_float(environ, "EMULATOR_SMTP_SINK_BOUNCE_DELAY", d.bounce_delay),
        webhook_retry=RetryPolicy(
            attempts=env_int(environ, "EMULATOR_SMTP_SINK_WEBHOOK_ATTEMPTS", 4),
            backoff=env_float(environ, "EMULATOR_SMTP_SINK_WEBHOOK_BACKOFF", 1.0),
        ),
    )


def parse_args(argv: Sequence[str] | None, environ: Mapping[str, str]) -> SinkConfig:
    """Command-line arguments win over environment variables, which win over defaults."""
    base = from_env(environ)
    parser = argparse.ArgumentParser(
        prog="python -m emulators.smtp_sink", description="Local SMTP sink with a web mailbox."
    )
    parser.add_argument("--host", default=base.host, help="EMULATOR_SMTP_SINK_HOST")
    parser.add_argument(
        "--smtp-port", type=int, default=base.smtp_port, help="EMULATOR_SMTP_SINK_SMTP_PORT"
    )
    parser.add_argument(
        "--http-port", type=int, default=base.http_port, help="EMULATOR_SMTP_SINK_HTTP_PORT"
    )
    parser.add_argument("--db", default=base.db_path, help="EMULATOR_SMTP_SINK_DB")
    parser.add_argument(
        "--reply-domain", default=base.reply_domain, help="EMULATOR_SMTP_SINK_REPLY_DOMAIN"
    )
    parser.add_argument(
        "--inbound-url", default=base.inbound_email_url, help="SIGNPOST_INBOUND_EMAIL_URL"
    )
    args = parser.parse_args(argv)
    return replace(
        base,
        host=args.host,
        smtp_port=args.smtp_port,
        http_port=args.http_port,
        db_path=args.db,
        reply_domain=args.reply_domain,
        inbound_email_url=args.inbound_url,
    )
