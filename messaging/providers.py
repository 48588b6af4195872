"""The provider seam: what an SMS or email provider offers the gateway, and the registry of them.

Each provider package registers itself when Django starts (its ``AppConfig.ready``); the gateway
asks the registry for the provider the force chose, by name, and never imports a provider.

>>> registry = Registry()
>>> registry.add_sms(_Named("example"))
>>> registry.sms("example").name, registry.sms_names()
('example', ['example'])
>>> registry.sms("nope")
Traceback (most recent call last):
...
messaging.providers.UnknownProvider: no SMS provider named 'nope' (known: example)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from messaging.results import OutboundEmail, OutboundSms, SendAccepted, SendResult
from messaging.statuses import MessageStatus


class ProviderUnavailable(Exception):
    """The provider could not be asked (down, refused, timed out)."""


class UnknownProvider(LookupError):
    pass


class SmsProvider(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def handles_stop_words(self) -> bool:
        """True when the provider itself answers STOP/START in English (and blocks sends to a
        number that said STOP); the gateway then sends no confirmation of its own for them."""
        ...

    def send_sms(self, sms: OutboundSms) -> SendResult: ...

    def find_sent(self, sms: OutboundSms, *, since: datetime) -> SendAccepted | None:
        """The earlier attempt of this SMS the provider accepted, if any: asked before a resend
        after an attempt that may have got through. Raises ``ProviderUnavailable``."""
        ...


class EmailProvider(Protocol):
    @property
    def name(self) -> str: ...

    def send_emails(self, mails: list[OutboundEmail]) -> list[SendResult]:
        """One result per mail, in order (a provider may send them over one connection)."""
        ...


@dataclass(frozen=True)
class PolledStatus:
    """What a provider says of one message when asked (a lost callback's stand-in)."""

    status: MessageStatus | None  # None: a provider status we do not map
    provider_status: str
    error_code: str = ""
    detail: str = ""


class StatusSource(Protocol):
    """A provider that can be asked for the status of a message it accepted."""

    @property
    def name(self) -> str: ...

    @property
    def ref_prefix(self) -> str:
        """How the provider references it issued begin (the messages it can be asked about)."""
        ...

    @property
    def in_flight(self) -> frozenset[MessageStatus]:
        """Our statuses after which the provider still has a report to send."""
        ...

    def fetch_status(self, *, ref: str) -> PolledStatus:
        """Raises ``ProviderUnavailable`` when the provider cannot be asked."""
        ...


@dataclass
class _Named:
    name: str


@dataclass
class Registry:
    sms_providers: dict[str, SmsProvider] = field(default_factory=dict)
    email_providers: dict[str, EmailProvider] = field(default_factory=dict)
    status_sources: dict[str, StatusSource] = field(default_factory=dict)

    def add_sms(self, provider: SmsProvider) -> None:
        self.sms_providers[provider.name] = provider

    def add_email(self, provider: EmailProvider) -> None:
        self.email_providers[provider.name] = provider

    def add_status_source(self, source: StatusSource) -> None:
        self.status_sources[source.name] = source

    def sources(self) -> list[StatusSource]:
        return [self.status_sources[name] for name in sorted(self.status_sources)]

    def sms(self, name: str) -> SmsProvider:
        try:
            return self.sms_providers[name]
        except KeyError:
            raise UnknownProvider(f"no SMS provider named {name!r} "
                                  f"(known: {', '.join(self.sms_names())})") from None

    def email(self, name: str) -> EmailProvider:
        try:
            return self.email_providers[name]
        except KeyError:
            raise UnknownProvider(f"no email provider named {name!r} "
                                  f"(known: {', '.join(self.email_names())})") from None

    def sms_names(self) -> list[str]:
        return sorted(self.sms_providers)

    def email_names(self) -> list[str]:
        return sorted(self.email_providers)


# Filled by the providers' AppConfig.ready; read by the gateway.
providers = Registry()
