"""The client's address, as every limiter counts it.

Behind a TLS proxy or load balancer ``REMOTE_ADDR`` is the proxy's own address: keyed on it, one
person's failures would lock every officer out, and one link scanner would give every victim's
link a 429. So when the request comes from a configured trusted proxy
(``SIGNPOST_TRUSTED_PROXIES``: addresses or networks), ``X-Forwarded-For`` is read right to left,
skipping trusted proxies; the first address that is not one is the client. Entries to its left
were written by the client itself and are never believed.

>>> trusted = parse_networks(["10.0.0.0/8"])
>>> client_address(peer="10.0.0.5", forwarded_for="1.2.3.4, 198.51.100.7, 10.0.0.9",
...                trusted=trusted)
'198.51.100.7'
>>> client_address(peer="203.0.113.9", forwarded_for="198.51.100.7", trusted=trusted)
'203.0.113.9'
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAX_ENTRY_LENGTH = 64  # a longer "address" is junk; it is cut so a key stays small


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """Addresses and networks as written in the setting (a bare address is a /32 or /128)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries
                 if entry.strip())


@lru_cache(maxsize=8)
def _configured(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(entries)


def _normalised(value: str) -> str | None:
    """The canonical form of an address (IPv4-mapped IPv6 as IPv4), or None if it is not one."""
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    parsed = ipaddress.ip_address(address)
    return any(parsed in network for network in trusted)


def client_address(*, peer: str, forwarded_for: str, trusted: tuple[Network, ...]) -> str:
    """The client's address, given the connection's peer and the X-Forwarded-For header."""
    current = _normalised(peer)
    if current is None:
        return peer[:MAX_ENTRY_LENGTH]
    if not _is_trusted(current, trusted):
        return current
    for entry in reversed(forwarded_for.split(",") if forwarded_for else []):
        hop = _normalised(entry)
        if hop is None:
            # A trusted proxy appends the address it saw, always a real one: junk here came
            # from the client, so the client is the last hop our proxies vouched for.
            return current
        current = hop
        if not _is_trusted(hop, trusted):
            return hop
    return current


def of_request(request: HttpRequest) -> str:
    """The client address of a Django request, under ``SIGNPOST_TRUSTED_PROXIES``."""
    trusted = _configured(tuple(settings.SIGNPOST_TRUSTED_PROXIES))
    return client_address(peer=str(request.META.get("REMOTE_ADDR", "")),
                          forwarded_for=str(request.META.get("HTTP_X_FORWARDED_FOR", "")),
                          trusted=trusted)
