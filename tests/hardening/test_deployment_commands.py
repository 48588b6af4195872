"""The production commands in docs/deployment.md keep Rasa and the action server private: the
probe found rasa_sdk's own command there, which binds every interface and checks no secret."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


def _commands(process: str) -> list[str]:
    rows = [line for line in DOC.read_text().splitlines() if line.startswith(f"| {process} |")]
    return [command for row in rows for command in re.findall(r"`([^`]+)`", row.split("|")[2])]


def test_rasa_is_started_on_a_private_interface_with_its_token() -> None:
    commands = _commands("rasa")
    assert commands
    for command in commands:
        interface = re.search(r"--interface (\S+)", command)
        assert interface, command
        assert interface.group(1) not in ("0.0.0.0", "::")  # noqa: S104 (what is refused)
        assert "--auth-token" in command


def test_the_action_server_is_signposts_guarded_one_on_a_private_interface() -> None:
    commands = _commands("actions")
    assert commands
    for command in commands:
        assert "signpost.action_server" in command
        assert "rasa_sdk" not in command
        host = re.search(r"SANIC_HOST=(\S+)", command)
        assert host, command
        assert host.group(1) not in ("0.0.0.0", "::")  # noqa: S104
