"""The whole service, as the run command starts it, in both modes: every process up, the
assistant end to end through the Rasa server(s) and the action server."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from signpost.shared_secret import ACTION_HEADER, REST_HEADER
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


def _say(stack: RunningStack, sender: str, text: str, server: int = 0) -> list[str]:
    port = stack.config.rasa_ports[server % len(stack.config.rasa_ports)]
    status, replies = stack.post_json(
        f"{stack.config.url(port)}/webhooks/rest/webhook",
        {"sender": sender, "message": text},
        headers={REST_HEADER: stack.config.rasa_token},
    )
    assert status == 200
    return [reply["text"] for reply in replies]


def test_rasa_and_the_action_server_refuse_callers_without_the_shared_secret(
        stack: RunningStack) -> None:
    """The probe's call: straight to the action server, a made-up tracker asking to stop all
    messages; and straight to Rasa's REST channel as some conversation. Both refused."""
    wait_for(lambda: _healthy(stack), what="every process up on /healthz")
    call = {"next_action": "action_stop_all", "sender_id": "someone-else",
            "tracker": {"sender_id": "someone-else", "slots": {}, "events": [],
                        "latest_message": {}}, "domain": {}, "version": "3.6.0"}
    webhook = f"{stack.config.url(stack.config.ports.actions)}/webhook"
    assert stack.post_json(webhook, call)[0] == 401
    assert stack.post_json(webhook, call, headers={ACTION_HEADER: "guess"})[0] == 401
    rest = f"{stack.config.url(stack.config.rasa_ports[0])}/webhooks/rest/webhook"
    message = {"sender": "someone-else", "message": "delete my data"}
    assert stack.post_json(rest, message)[0] == 401
    assert stack.post_json(rest, message, headers={REST_HEADER: "guess"})[0] == 401


def test_assistant_greets_and_gives_the_support_line(stack: RunningStack) -> None:
    """Through the Rasa server's REST channel, with the action server answering 'help'."""
    wait_for(lambda: _healthy(stack), what="every process up on /healthz")
    greeting = _say(stack, "e2e-conversation-1", "hello")
    # Nothing is known of this conversation's language and "hello" is too short to tell: the
    # answer is English, with one line offering the other languages.
    assert len(greeting) == 2
    assert "LANGUAGE" in greeting[0]
    assert "your rights" in greeting[1]
    assert "999" in greeting[1]

    help_reply = _say(stack, "e2e-conversation-1", "I need to talk to someone")
    assert len(help_reply) == 1
    # These come from the demo force's settings in the database, via the action server.
    assert "Northbridge Victim Care (demo)" in help_reply[0]
    assert "0808 157 0123" in help_reply[0]


def _tracker_events(stack: RunningStack, sender: str, server: int = 0) -> list[dict[str, object]]:
    port = stack.config.rasa_ports[server % len(stack.config.rasa_ports)]
    status, tracker = stack.get_json(
        f"{stack.config.url(port)}/conversations/{sender}/tracker"
        f"?include_events=ALL&token={stack.config.rasa_token}"
    )
    assert status == 200
    events: list[dict[str, object]] = tracker["events"]
    return events


def test_every_rasa_server_sees_the_same_conversation(stack: RunningStack) -> None:
    """Turns taken by different servers land in one tracker (the shared tracker store)."""
    wait_for(lambda: _healthy(stack), what="every process up on /healthz")
    sender = "e2e-conversation-shared"
    assert _say(stack, sender, "hello", server=0)
    assert any("0808 157 0123" in reply for reply in _say(stack, sender, "help", server=1))
    for server in range(len(stack.config.rasa_ports)):
        said = [e["text"] for e in _tracker_events(stack, sender, server) if e["event"] == "user"]
        assert said == ["hello", "help"]


def test_simultaneous_messages_in_one_conversation_never_interleave(stack: RunningStack) -> None:
    """Messages of one conversation sent at once to every server are handled one at a time:
    each user turn is followed by its own reply and action_listen before the next turn starts
    (the lock store: in memory with one server, Redis with several)."""
    wait_for(lambda: _healthy(stack), what="every process up on /healthz")
    sender = "e2e-conversation-concurrent"
    texts = ["hello", "help", "hi there", "I need support", "good morning", "who can I call"]
    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        replies = list(pool.map(lambda item: _say(stack, sender, item[1], server=item[0]),
                                enumerate(texts)))
    assert all(replies), "every message got an answer"
    turns: list[list[str]] = []
    for event in _tracker_events(stack, sender):
        if event["event"] == "user":
            turns.append([])
        elif turns and event["event"] == "action":
            turns[-1].append(str(event["name"]))
    assert len(turns) == len(texts)
    for actions in turns:
        # A turn is whole: its own actions, then one action_listen, before the next user event.
        assert actions[-1] == "action_listen"
        assert actions.count("action_listen") == 1
        assert len(actions) >= 2  # at least one answer before listening again


def test_health_reports_a_stopped_process_as_down(stack: RunningStack) -> None:
    """Stops the SMTP sink, expects /healthz to say so, then starts it again."""
    wait_for(lambda: _healthy(stack), what="every process up on /healthz")
    sink = stack.processes["smtp-sink"]
    sink.terminate()
    sink.wait(timeout=15)
    try:
        status, body = stack.get_json(f"{stack.config.web_url}/healthz")
        assert status == 503
        assert body["status"] == "degraded"
        assert body["processes"]["smtp_sink"]["up"] is False
        assert body["processes"]["rasa"]["up"] is True
    finally:
        # The stack is shared by the session: leave it whole for the tests that follow.
        stack.restart("smtp-sink")
        wait_for(lambda: _healthy(stack), what="every process up again")


def test_a_typed_safe_number_reaches_the_action_but_not_the_tracker_store(
        stack: RunningStack) -> None:
    """The needs form through the real Rasa and action server: the safe number typed in the
    chat is accepted (the action got the real text and stored it encrypted), while Rasa's
    tracker store keeps only ``[phone]``/``[email]`` (``assistant.tracker_store``)."""
    wait_for(lambda: _healthy(stack), what="every process up on /healthz")
    sender = "e2e-conversation-safe-number"
    _say(stack, sender, "hello")
    assert "How would you like" in " ".join(_say(stack, sender, "I want support"))
    assert "safe for us to send you texts" in " ".join(_say(stack, sender, "1"))
    assert "safe to text you on" in " ".join(_say(stack, sender, "Y"))
    assert "When is it safe to contact you" in " ".join(_say(stack, sender, "07700 900456"))
    assert _say(stack, sender, "after 6pm, or mail amara.okafor@example.org")

    events = _tracker_events(stack, sender)
    stored = json.dumps(events)
    assert "900456" not in stored
    assert "okafor" not in stored
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["needs_safe_number"] == "given"
    assert str(slots["safe_recipient_id"]).isdigit()  # the number, kept encrypted by Signpost
    assert [e["text"] for e in events if e["event"] == "user"][-2] == "[phone]"
