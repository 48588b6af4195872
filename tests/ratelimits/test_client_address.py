"""The client address every limiter keys on: behind trusted proxies, X-Forwarded-For read right
to left; spoofed entries to the left of the first untrusted hop, and the header itself when the
peer is not a trusted proxy, are never believed."""

from __future__ import annotations

import pytest

from ratelimits.client_address import client_address, parse_networks

PROXIES = parse_networks(["10.0.0.0/8", "2001:db8::1"])


@pytest.mark.parametrize(("peer", "forwarded", "expected"), [
    ("198.51.100.7", "", "198.51.100.7"),  # no proxy
    ("198.51.100.7", "10.0.0.1", "198.51.100.7"),  # not from a trusted proxy: header ignored
    ("10.0.0.2", "198.51.100.7", "198.51.100.7"),
    ("10.0.0.2", "1.1.1.1, 198.51.100.7", "198.51.100.7"),  # 1.1.1.1 was typed by the client
    ("10.0.0.2", "198.51.100.7, 10.0.0.3", "198.51.100.7"),  # two proxies deep
    ("10.0.0.2", "not-an-address, 10.0.0.3", "10.0.0.3"),  # junk: the last vouched-for hop
    ("10.0.0.2", "", "10.0.0.2"),
    ("2001:db8::1", "203.0.113.5", "203.0.113.5"),
    ("::ffff:10.0.0.2", "203.0.113.5", "203.0.113.5"),  # IPv4-mapped peer
    ("10.0.0.2", "[2001:DB8::7]", "2001:db8::7"),
])
def test_the_client_is_the_first_untrusted_hop_from_the_right(peer: str, forwarded: str,
                                                              expected: str) -> None:
    assert client_address(peer=peer, forwarded_for=forwarded, trusted=PROXIES) == expected
