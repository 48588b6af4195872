"""The catalog and rendering modules load without Django: the Rasa process imports them."""

from __future__ import annotations

import subprocess
import sys

PURE = ["leaflets.content", "i18n.languages", "i18n.catalogs", "leaflets.values",
        "leaflets.rendering", "leaflets.texts", "leaflets.catalog_build", "leaflets.catalog_check"]


def test_pure_modules_import_no_django() -> None:
    code = (
        "import sys\n"
        f"for name in {PURE!r}: __import__(name)\n"
        "from i18n.catalogs import catalog\n"
        "assert catalog('cy').text('Contents')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 0, done.stderr
