"""Measure the leaflet pages: compressed size of every page, and render and QR timings.

    .venv/bin/python -m benchmarks.leaflet_pages [--runs 200]

In one process, on a fresh SQLite database with the demo force: every language's leaflet page
(standard and large print) rendered through Django's test client, gzip-compressed (level 6, as a
typical server sends it) together with the stylesheet and the script, against the 30 KB budget;
then the median time to render the picker, a leaflet page (English and Arabic) and a short-link
QR code (SVG and PNG) over --runs runs.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.stats import median_ms

BUDGET_BYTES = 30 * 1024
STATIC = Path(__file__).resolve().parent.parent / "leaflets" / "static" / "leaflets"


def _setup() -> None:
    os.environ.setdefault("SIGNPOST_VAR_DIR", tempfile.mkdtemp(prefix="signpost-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "signpost.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    _setup()
    from django.test import Client

    from i18n.languages import all_languages
    from leaflets.qr import qr_png, qr_svg

    client = Client()
    assets = sum(len(gzip.compress((STATIC / name).read_bytes(), 6))
                 for name in ("leaflet.css", "leaflet.js"))
    print(f"stylesheet + script, gzip: {assets} B")
    print(f"{'page':<28} {'html':>7} {'gzip':>6} {'+assets':>8}  budget {BUDGET_BYTES} B")
    worst = 0
    paths = ["/leaflet/"] + [f"/leaflet/{lang.code}/{variant}"
                             for lang in all_languages() for variant in ("", "large-print/")]
    for path in paths:
        html = client.get(path).content
        packed = len(gzip.compress(html, 6))
        total = packed + assets
        worst = max(worst, total)
        flag = "" if total < BUDGET_BYTES else "  OVER BUDGET"
        print(f"{path:<28} {len(html):>7} {packed:>6} {total:>8}{flag}")
    print(f"largest page with assets: {worst} B ({worst / BUDGET_BYTES:.0%} of the budget)")

    url = "https://victims.force.example/l/AbCdEfGhIjKlMnOpQrStUv"
    timings = {
        "picker /leaflet/": lambda: client.get("/leaflet/"),
        "leaflet /leaflet/en/": lambda: client.get("/leaflet/en/"),
        "leaflet /leaflet/ar/": lambda: client.get("/leaflet/ar/"),
        "QR code, SVG": lambda: qr_svg(url),
        "QR code, PNG": lambda: qr_png(url),
    }
    from i18n.catalogs import catalog
    from leaflets.contacts import contact_values
    from leaflets.readability import reading_age_of
    from leaflets.rendering import render_leaflet, section_texts
    from organisations.services import default_force

    english = section_texts(render_leaflet(catalog("en"), contact_values(default_force())))
    print(f"English reading age (Flesch-Kincaid grade + 5): {reading_age_of(english):.1f}")
    print(f"median over {args.runs} runs:")
    for name, action in timings.items():
        print(f"  {name:<24} {median_ms(action, args.runs):7.2f} ms")
    return 0 if worst < BUDGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
