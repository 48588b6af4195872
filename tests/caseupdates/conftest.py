from tests.caseupdates.support import update_queue  # noqa: F401 (fixture)
from tests.messaging.support import (  # noqa: F401 (fixtures)
    bridge,
    fake_queue,
    gateway_settings,
    twilio,
)
