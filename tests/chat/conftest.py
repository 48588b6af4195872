from tests.messaging.support import fake_queue  # noqa: F401 (fixture)
