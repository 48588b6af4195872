"""Fixtures: a support service with a referral (consent given), and a local webhook receiver."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from messaging.models import Recipient
from organisations.models import Organisation, OrganisationKind
from referrals.consent import CURRENT_VERSION
from referrals.models import Referral
from referrals.services import create_referral, record_consent
from referrals.statuses import ConsentChannel, ConsentDecision, ReferralSource
from transfers.models import ServiceDestination

SECRET = "test-webhook-secret"


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers each POST with the next status of ``statuses`` (then 200) and records it."""

    statuses: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            found.received.append(Received(dict(self.headers), self.rfile.read(length)))
            status = found.statuses.pop(0) if found.statuses else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    found.url = f"http://127.0.0.1:{server.server_address[1]}/referrals"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture
def service(db: None) -> Organisation:
    return Organisation.objects.create(slug="care", name="Care Service",
                                       kind=OrganisationKind.SUPPORT_SERVICE)


@pytest.fixture
def destination(service: Organisation, receiver: Receiver, tmp_path) -> ServiceDestination:
    return ServiceDestination.objects.create(organisation=service, webhook_url=receiver.url,
                                             webhook_secret=SECRET,
                                             batch_folder=str(tmp_path / "drop"))


def give_consent(recipient: Recipient, decision: ConsentDecision = ConsentDecision.GIVEN) -> None:
    record_consent(recipient=recipient, decision=decision, wording_version=CURRENT_VERSION,
                   language="en", channel=ConsentChannel.SMS)


@pytest.fixture
def make_referral(service: Organisation):
    def make(phone: str = "+447700900321") -> Referral:
        victim = Recipient.objects.create(phone=phone, language="pl")
        give_consent(victim)
        return create_referral(recipient=victim, target=service, source=ReferralSource.POLICE,
                               language="pl", crime_reference="AB/1/26", crime_type="burglary")

    return make
