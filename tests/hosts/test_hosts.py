"""The scaled mode on separate hosts (Linux network namespaces): a conversation by SMS and a
burst across the layout, then faults across the network. Each test prints what it injected and
what it counted. Marked ``hosts`` (its own CI stage: ``make test-hosts``), run as root.
"""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

from tests import fault_reports
from tests.fault_reports import in_background
from tests.hosts.layout import RASA_HOSTS, WORKERS, Layout

pytestmark = [pytest.mark.hosts, pytest.mark.stack, pytest.mark.timeout(1500)]
BURST = int(os.environ.get("HOSTS_BURST", "2000"))
FAULT_BURST = int(os.environ.get("HOSTS_FAULT_BURST", "400"))
SETTLE_S = float(os.environ.get("HOSTS_SETTLE_S", "300"))
PHONE = "+447700900{:03d}"


def report(title: str, **figures: Any) -> None:
    fault_reports.report("hosts", title, **figures)


def replies_to(layout: Layout, phone: str) -> list[str]:
    messages = layout.get(f"{layout.twilio_url}/_emulator/messages?to={phone.replace('+', '%2B')}"
                          )["messages"]
    return [m["body"] for m in messages if m["direction"] == "outbound-api"]


def text_in(layout: Layout, phone: str, body: str, *, want: int, timeout: float = 120) -> list[str]:
    """A phone texts the service through the provider (a signed webhook to the web host); the
    replies it has received once there are ``want`` of them."""
    answer = layout.post(f"{layout.twilio_url}/_emulator/inbound", {"from": phone, "body": body})
    assert answer["webhook"]["ok"], answer
    replies: list[str] = layout.wait(
        lambda: (lambda r: r if len(r) >= want else None)(replies_to(layout, phone)),
        timeout, f"{want} replies to a text")
    return replies


def test_the_layout_is_up_and_a_conversation_by_sms_crosses_it(layout: Layout) -> None:
    health = layout.healthy()
    assert health is not None
    assert all(process["up"] for process in health["processes"].values()), health
    # Static files were collected on the web host itself (DEBUG off: no finders).
    static = layout.status(f"{layout.web_url}/static/leaflets/pictures/support.svg")
    phone = PHONE.format(801)
    greeting = text_in(layout, phone, "hello", want=1)
    support = text_in(layout, phone, "I need to talk to someone", want=len(greeting) + 1)
    answered = support[len(greeting):]
    report("conversation by SMS",
           path="signed webhook -> web host -> worker host -> Rasa host (+ its action server) "
                "-> provider host",
           health={name: p["up"] for name, p in health["processes"].items()},
           replies=len(support), static_file_status=static)
    assert static == 200
    assert any("LANGUAGE" in reply or "999" in reply for reply in greeting)
    # The demo force's support line: read from the database by the Rasa host's action server.
    assert any("0808 157 0123" in reply for reply in answered)


def provider_sends(layout: Layout, prefix: str) -> dict[str, int]:
    """What the provider host received of a burst: distinct texts, and texts received twice."""
    messages = layout.get(f"{layout.twilio_url}/_emulator/messages?limit=100000")["messages"]
    bodies = [m["body"] for m in messages
              if m["direction"] == "outbound-api" and m["body"].startswith(f"{prefix} message ")]
    return {"distinct": len(set(bodies)), "twice": len(bodies) - len(set(bodies))}


def settled(layout: Layout, prefix: str, expected: int) -> dict[str, Any]:
    def check() -> dict[str, Any] | None:
        figures: dict[str, Any] = layout.ctl("statuses", "--prefix", prefix)
        done = figures["terminal"] >= expected and figures["terminal"] == figures["total"]
        return figures if done else None

    result: dict[str, Any] = layout.wait(check, SETTLE_S, f"{expected} '{prefix}' sends settled")
    return result


def burst_with(layout: Layout, prefix: str, count: int, fault: Any) -> dict[str, Any]:
    """Request ``count`` sends on the web host; once a fifth have reached the provider, inject
    ``fault`` (it returns what it did); wait until every accepted send is settled; count."""
    started = time.monotonic()
    thread, box = in_background(lambda: layout.ctl("burst", "--count", str(count),
                                                   "--prefix", prefix, "--phones", "200"))
    layout.wait(lambda: provider_sends(layout, prefix)["distinct"] >= count // 5, SETTLE_S,
                f"a fifth of the '{prefix}' burst sent")
    injected = fault()
    thread.join()
    assert "error" not in box, box.get("error")
    accepted = len(box["result"]["accepted"])
    figures = settled(layout, prefix, accepted)
    return {"injected": injected, "requests_accepted": accepted,
            "accepted_ids": set(box["result"]["accepted"]),
            "requests_refused": box["result"]["refused"], "statuses": figures,
            "provider": provider_sends(layout, prefix),
            "seconds": round(time.monotonic() - started)}


def check_burst(title: str, counted: dict[str, Any], count: int,
                may_refuse: bool = False) -> None:
    """Nothing lost, nothing sent twice. With ``may_refuse``, a request may have seen an error
    (the database was unreachable): the caller knows it was not accepted; if it was stored all
    the same (the error came after the commit) it is sent like any other, once."""
    figures = counted["statuses"]
    report(title, injected=counted["injected"], requests_accepted=counted["requests_accepted"],
           requests_refused=counted["requests_refused"], stored=figures["total"],
           by_status=figures["by_status"],
           entered_a_final_status_twice=figures["entered_final_twice"],
           sweep_recoveries=figures["events"].get("sweep", 0),
           provider_received=counted["provider"]["distinct"],
           provider_received_twice=counted["provider"]["twice"], seconds=counted["seconds"])
    assert counted["requests_accepted"] + counted["requests_refused"] == count
    assert counted["requests_refused"] == 0 or may_refuse
    assert counted["accepted_ids"] <= set(figures["ids"])
    assert figures["by_status"] == {"delivered": figures["total"]}
    assert figures["entered_final_twice"] == 0
    assert counted["provider"] == {"distinct": figures["total"], "twice": 0}


def test_a_burst_of_sends_crosses_the_layout_none_lost_none_twice(layout: Layout) -> None:
    counted = burst_with(layout, "hburst", BURST, lambda: "nothing (the baseline)")
    check_burst(f"burst of {BURST} SMS from the web host through two worker hosts", counted,
                BURST)


def test_a_worker_host_cut_off_mid_burst_then_reconnected(layout: Layout) -> None:
    hold_s = 20.0

    def cut() -> str:
        layout.net.cut(WORKERS[0])
        time.sleep(hold_s)
        layout.net.reconnect(WORKERS[0])
        return f"{WORKERS[0]} unplugged for {hold_s:.0f} s mid-burst, then plugged back in"

    counted = burst_with(layout, "hcut", FAULT_BURST, cut)
    check_burst("worker host cut off mid-burst, reconnected", counted, FAULT_BURST)


def victims_text(layout: Layout, first: int, count: int, body: str) -> dict[str, int]:
    """Each victim texts once (in parallel); how many replies each had before."""
    before = {PHONE.format(first + n): len(replies_to(layout, PHONE.format(first + n)))
              for n in range(count)}
    threads = [in_background(lambda phone=phone: layout.post(
        f"{layout.twilio_url}/_emulator/inbound", {"from": phone, "body": body}))
        for phone in before]
    for thread, box in threads:
        thread.join()
        assert "error" not in box, box.get("error")
        assert box["result"]["webhook"]["ok"], box["result"]
    return before


def answers_after(layout: Layout, before: dict[str, int],
                  enough: Any = bool) -> dict[str, list[str]]:
    """Every victim's new texts, once each victim's are ``enough``."""
    def check() -> dict[str, list[str]] | None:
        new = {phone: replies_to(layout, phone)[n:] for phone, n in before.items()}
        return new if all(enough(texts) for texts in new.values()) else None

    result: dict[str, list[str]] = layout.wait(check, SETTLE_S, "an answer to every victim")
    return result


def support_line(texts: list[str]) -> bool:
    """The assistant's answer to asking for a person, or the support text: both give the line."""
    return any("0808 157 0123" in text for text in texts)


def kinds(answers: dict[str, list[str]]) -> dict[str, int]:
    counted = {"assistant's answer": 0, "support line": 0}
    for texts in answers.values():
        support = any("0808 157 0123" in t and "assistant" in t.lower() for t in texts)
        counted["support line" if support else "assistant's answer"] += 1
    return counted


def test_a_rasa_host_partitioned_mid_conversation(layout: Layout) -> None:
    victims, first = 12, 100
    started = time.monotonic()
    inbound_before = layout.ctl("inbound")
    victims_text(layout, first, victims, "hello")
    # The greeting is two texts: both in before the next turn is counted.
    answers_after(layout, {PHONE.format(first + n): 0 for n in range(victims)},
                  lambda texts: len(texts) >= 2)
    layout.net.cut(RASA_HOSTS[0])
    try:
        before = victims_text(layout, first, victims, "I need to talk to someone")
        during = answers_after(layout, before, support_line)
    finally:
        layout.net.reconnect(RASA_HOSTS[0])
    before = victims_text(layout, first, victims, "help")
    after = answers_after(layout, before, support_line)
    inbound = layout.wait(lambda: (lambda f: f if set(f["by_status"]) == {"relayed"} else None)(
        layout.ctl("inbound")), SETTLE_S, "every text relayed")
    report("Rasa host partitioned mid-conversation",
           injected=f"{RASA_HOSTS[0]} (and its action server) unplugged after {victims} victims' "
                    "first turn; their second text sent while it was cut off; plugged back in "
                    "before the third",
           answers_while_cut=kinds(during), answers_after_reconnect=kinds(after),
           inbound_before=inbound_before["by_status"], inbound_after=inbound["by_status"],
           support_texts=inbound["support_texts"] - inbound_before["support_texts"],
           seconds=round(time.monotonic() - started))
    # Every text of every victim was relayed in the end (the waits above), and each turn that
    # met the partition was answered or given the support line at once.
    assert inbound["support_texts"] >= kinds(during)["support line"]
    # Once it is back, the host's action server answers again (its dropped database connection
    # replaced): every victim gets the assistant's own answer, not the support text.
    assert kinds(after) == {"assistant's answer": victims, "support line": 0}


def test_the_database_host_unreachable_for_30_s(layout: Layout) -> None:
    outage_s, victims, first = 30.0, 6, 200
    box: dict[str, Any] = {}

    def outage() -> str:
        layout.net.cut("db")
        box["texts"] = in_background(lambda: victims_text(layout, first, victims, "hello"))
        time.sleep(outage_s)
        layout.net.reconnect("db")
        return (f"db host (PostgreSQL and Redis) unplugged for {outage_s:.0f} s mid-burst; "
                f"{victims} victims texted while it was")

    counted = burst_with(layout, "hdb", FAULT_BURST, outage)
    thread, texts = box["texts"]
    thread.join()
    assert "error" not in texts, texts.get("error")
    answers = answers_after(layout, texts["result"])
    check_burst("database host unreachable", counted, FAULT_BURST, may_refuse=True)
    report("database host unreachable: the victims' texts", answered=kinds(answers))


def test_a_worker_host_lost_for_good_its_claims_recovered_by_the_other(layout: Layout) -> None:
    lost = WORKERS[1]
    box: dict[str, Any] = {}

    def lose() -> str:
        box["killed"] = layout.net.lose(lost)
        return (f"{lost} unplugged and its {box['killed']} processes SIGKILLed mid-burst, "
                "never back")

    counted = burst_with(layout, "hlost", FAULT_BURST, lose)
    check_burst("worker host lost", counted, FAULT_BURST)
    assert box["killed"] > 0
