"""What the Rasa server imports in-process never sets Django up (or imports it)."""

from __future__ import annotations

import subprocess
import sys

PURE = ["assistant.translate", "assistant.languages", "assistant.catalog_build",
        "assistant.web_chat_texts", "referrals.needs", "referrals.consent", "assistant.first_reply",
        "assistant.form_questions", "assistant.redaction", "assistant.tracker_store"]


def test_rasa_side_modules_import_no_django() -> None:
    code = (
        "import sys\n"
        f"for name in {PURE!r}: __import__(name)\n"
        "from assistant.translate import translate\n"
        "assert translate('Please reply AGREE or NO.', 'en')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 0, done.stderr
