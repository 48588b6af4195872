from tests.messaging.support import (  # noqa: F401 (fixtures)
    assistant,
    bridge,
    fake_queue,
    gateway_settings,
    notify,
    sink,
    sms_provider,
    twilio,
)
