from __future__ import annotations

import pytest

from messaging.models import Recipient
from organisations.models import Organisation, OrganisationKind


@pytest.fixture
def service(db: None) -> Organisation:
    return Organisation.objects.create(slug="care", name="Care Service",
                                       kind=OrganisationKind.SUPPORT_SERVICE)


@pytest.fixture
def victim(db: None) -> Recipient:
    return Recipient.objects.create(phone="+447700900123", language="pl")
