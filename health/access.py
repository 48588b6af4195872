"""Who may read /metrics: a direct caller on the private network, never through the proxy.

The public TLS proxy usually runs on the web host itself, so its requests come from loopback:
a request that carries a forwarding header came through a proxy and is refused whatever its
address, so nothing on the internet reads queue figures by asking the proxy.

>>> from ipaddress import ip_network
>>> private = [ip_network("10.0.0.0/8"), ip_network("127.0.0.0/8")]
>>> scrape_allowed(remote_addr="10.1.2.3", forwarded=False, networks=private)
True
>>> scrape_allowed(remote_addr="127.0.0.1", forwarded=True, networks=private)
False
>>> scrape_allowed(remote_addr="203.0.113.9", forwarded=False, networks=private)
False
>>> scrape_allowed(remote_addr="not an address", forwarded=False, networks=private)
False
"""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import IPv4Network, IPv6Network, ip_address

FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def scrape_allowed(*, remote_addr: str, forwarded: bool,
                   networks: Iterable[IPv4Network | IPv6Network]) -> bool:
    if forwarded:
        return False
    try:
        address = ip_address(remote_addr)
    except ValueError:
        return False
    return any(address in network for network in networks)
