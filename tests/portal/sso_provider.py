"""The local OpenID Connect provider (emulators/oidc_provider) as a real process for tests, and
the portal's settings pointing a force at it."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emulators.oidc_provider.__main__ import DEV_CLIENT_ID, DEV_CLIENT_SECRET
from signpost.launcher.stack import REPO
from tests.stack import free_port


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    process: subprocess.Popen[bytes]

    def settings_for(self, force: str, **overrides: Any) -> dict[str, dict[str, object]]:
        """``SIGNPOST_OIDC_PROVIDERS`` naming this provider for ``force``: demo users are
        matched by username, as the provider's demo users share the portal's demo names."""
        return {force: {"issuer": self.issuer, "client_id": DEV_CLIENT_ID,
                        "client_secret": DEV_CLIENT_SECRET, "label": "Local ID",
                        "claim": "preferred_username", "user_field": "username",
                        "mfa_amr": ["mfa"], "mfa_acr": [], **overrides}}


@contextmanager
def running_provider(redirect_uris: list[str], log: Path) -> Iterator[RunningProvider]:
    port = free_port()
    argv = [sys.executable, "-m", "emulators.oidc_provider", "--port", str(port)]
    for uri in redirect_uris:
        argv += ["--redirect-uri", uri]
    with log.open("wb") as out:
        process = subprocess.Popen(argv, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the OIDC provider did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield RunningProvider(issuer=f"http://127.0.0.1:{port}/o", process=process)
    finally:
        process.terminate()
        process.wait(timeout=10)
