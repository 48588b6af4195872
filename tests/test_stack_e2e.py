"""The whole service, as the run command starts it: every process up, the assistant end to end."""

from __future__ import annotations

import pytest

from tests.stack import RunningStack, wait_for

pytestmark = pytest.mark.stack

PROCESSES = {"database", "worker", "rasa", "action_server", "twilio_emulator", "smtp_sink"}


def _healthy(stack: RunningStack) -> dict[str, object] | None:
    status, body = stack.get_json(f"{stack.config.web_url}/healthz")
    return body if status == 200 else None


def test_health_reports_every_process_up(stack: RunningStack) -> None:
    body = wait_for(lambda: _healthy(stack), what="every process up on /healthz")
    assert body["status"] == "ok"
    assert set(body["processes"]) == PROCESSES
    assert all(process["up"] for process in body["processes"].values())


def _say(stack: RunningStack, sender: str, text: str) -> list[str]:
    status, replies = stack.post_json(
        f"{stack.config.url(stack.config.ports.rasa)}/webhooks/rest/webhook",
        {"sender": sender, "message": text},
    )
    assert status == 200
    return [reply["text"] for reply in replies]


def test_assistant_greets_and_gives_the_support_line(stack: RunningStack) -> None:
    """Through the Rasa server's REST channel, with the action server answering 'help'."""
    wait_for(lambda: _healthy(stack), what="every process up on /healthz")
    greeting = _say(stack, "e2e-conversation-1", "hello")
    assert len(greeting) == 1
    assert "Signpost assistant" in greeting[0]
    assert "999" in greeting[0]

    help_reply = _say(stack, "e2e-conversation-1", "I need to talk to someone")
    assert len(help_reply) == 1
    # These come from the demo force's settings in the database, via the action server.
    assert "Northbridge Victim Care (demo)" in help_reply[0]
    assert "0808 157 0123" in help_reply[0]


def test_health_reports_a_stopped_process_as_down(stack: RunningStack) -> None:
    """Runs last in this module: it stops the SMTP sink and expects /healthz to say so."""
    wait_for(lambda: _healthy(stack), what="every process up on /healthz")
    sink = stack.processes["smtp-sink"]
    sink.terminate()
    sink.wait(timeout=15)
    status, body = stack.get_json(f"{stack.config.web_url}/healthz")
    assert status == 503
    assert body["status"] == "degraded"
    assert body["processes"]["smtp_sink"]["up"] is False
    assert body["processes"]["rasa"]["up"] is True
