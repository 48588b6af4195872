"""Separate "hosts" on one machine: Linux network namespaces joined by veth pairs to a bridge that
lives in a switch namespace of its own, on a private /24. Nothing outside the machine is touched;
the only interface in the caller's namespace is the test driver's own port on the switch.

Every name starts ``sp-<pid>-`` (namespaces) or ``sp<pid>`` (interfaces), so parallel runs do not
clash and a killed run's leftovers are recognised (and removed) by the next one.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field

NS_NAME = re.compile(r"^sp-(\d+)-")


def ip(*args: str, namespace: str | None = None, check: bool = True) -> str:
    argv = ["ip", *args] if namespace is None else ["ip", "netns", "exec", namespace, "ip", *args]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=30)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: {done.stderr.strip()}")
    return done.stdout


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def kill_namespace_processes(namespace: str) -> int:
    """SIGKILL every process in the namespace (a host losing power); how many there were."""
    pids = [int(p) for p in ip("netns", "pids", namespace, check=False).split()]
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return len(pids)


def remove_namespace(namespace: str) -> None:
    kill_namespace_processes(namespace)
    ip("netns", "delete", namespace, check=False)


def clean_stale() -> list[str]:
    """Remove the namespaces of earlier runs whose process is gone (killed before tear-down)."""
    removed = []
    for line in ip("netns", "list", check=False).splitlines():
        name = line.split()[0] if line.split() else ""
        match = NS_NAME.match(name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            remove_namespace(name)
            removed.append(name)
    return removed


def _free_subnet(start: int) -> str:
    routes = ip("route", "show")
    for offset in range(250):
        third = (start + offset) % 250 + 1
        prefix = f"10.213.{third}."
        if prefix not in routes:
            return prefix
    raise RuntimeError("no free 10.213.x.0/24 subnet for the host namespaces")


@dataclass
class Network:
    """The switch and its hosts. ``address(host)`` is the host's address on the private network."""

    hosts: list[str]
    tag: str = field(default_factory=lambda: str(os.getpid()))
    prefix: str = ""
    numbers: dict[str, int] = field(default_factory=dict)

    @property
    def switch(self) -> str:
        return f"sp-{self.tag}-switch"

    def namespace(self, host: str) -> str:
        return f"sp-{self.tag}-{host}"

    def address(self, host: str) -> str:
        return f"{self.prefix}{self.numbers[host]}"

    @property
    def driver_address(self) -> str:
        return f"{self.prefix}254"

    def _port(self, host: str) -> str:
        """The switch side of the host's cable."""
        return f"sp{self.tag}s{self.numbers[host]}"

    def up(self) -> Network:
        clean_stale()
        self.prefix = _free_subnet(int(self.tag))
        self.numbers = {host: n for n, host in enumerate(self.hosts, start=1)}
        ip("netns", "add", self.switch)
        ip("link", "add", "br0", "type", "bridge", namespace=self.switch)
        ip("link", "set", "br0", "up", namespace=self.switch)
        for host in self.hosts:
            ns, port, inside = self.namespace(host), self._port(host), f"sp{self.tag}h"
            ip("netns", "add", ns)
            ip("link", "add", port, "type", "veth", "peer", "name", inside)
            ip("link", "set", port, "netns", self.switch)
            ip("link", "set", inside, "netns", ns)
            ip("link", "set", inside, "name", "eth0", namespace=ns)
            ip("addr", "add", f"{self.address(host)}/24", "dev", "eth0", namespace=ns)
            ip("link", "set", "eth0", "up", namespace=ns)
            ip("link", "set", "lo", "up", namespace=ns)
            ip("link", "set", port, "master", "br0", namespace=self.switch)
            ip("link", "set", port, "up", namespace=self.switch)
        # The test driver's own cable: it plays the operator and the outside world's provider.
        driver, peer = f"sp{self.tag}d", f"sp{self.tag}k"
        ip("link", "add", driver, "type", "veth", "peer", "name", peer)
        ip("link", "set", peer, "netns", self.switch)
        ip("link", "set", peer, "master", "br0", namespace=self.switch)
        ip("link", "set", peer, "up", namespace=self.switch)
        ip("addr", "add", f"{self.driver_address}/24", "dev", driver)
        ip("link", "set", driver, "up")
        return self

    def cut(self, host: str) -> None:
        """Unplug the host's cable at the switch: packets vanish, nothing is refused or reset."""
        ip("link", "set", self._port(host), "down", namespace=self.switch)

    def reconnect(self, host: str) -> None:
        ip("link", "set", self._port(host), "up", namespace=self.switch)
        time.sleep(0.2)

    def lose(self, host: str) -> int:
        """The host is gone for good: unplugged, then every process on it killed."""
        self.cut(host)
        return kill_namespace_processes(self.namespace(host))

    def down(self) -> None:
        for host in self.hosts:
            remove_namespace(self.namespace(host))
        remove_namespace(self.switch)  # takes the driver's cable with it (its peer was there)
        ip("link", "delete", f"sp{self.tag}d", check=False)
