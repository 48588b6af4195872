from tests.leaflets.conftest import force  # noqa: F401 (fixture)
from tests.messaging.support import fake_queue  # noqa: F401 (fixture)
