"""Settings for pytest: the service's own settings, with files in a throw-away var/ folder.

Huey is not immediate here: a test that needs a worker starts one (tests/stack.py), and one that
forgets finds its tasks sitting in a private queue rather than in a developer's var/.
"""

import os
import tempfile

os.environ.setdefault("SIGNPOST_VAR_DIR", tempfile.mkdtemp(prefix="signpost-test-var-"))
os.makedirs(os.path.join(os.environ["SIGNPOST_VAR_DIR"], "static"), exist_ok=True)
os.environ.setdefault("HUEY_NAME", "signpost-tests")

from signpost.settings import *  # noqa: E402, F403
