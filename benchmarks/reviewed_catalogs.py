"""Measure what a deployment's reviewed catalogs cost the leaflet pages, and an import's check.

    .venv/bin/python -m benchmarks.reviewed_catalogs [--runs 200]

In one process, on a fresh SQLite database with the demo force: the median time of
``catalog("pl")`` and of the Polish leaflet page through Django's test client, first with the
repository's files only (the baseline: no reviewed-catalog source, as before the translation
review), then with the source and no reviewed catalog, then with a reviewed Polish catalog
imported; and the time ``portal.catalog_review.check_upload`` takes to check a Polish leaflet
catalog.
"""

from __future__ import annotations

import argparse
import sys

from benchmarks.leaflet_pages import _setup
from benchmarks.stats import median_ms, ratio


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    _setup()
    from datetime import date

    from django.contrib.auth.models import User
    from django.test import Client

    from i18n import catalogs
    from i18n.catalogs import catalog, po_path
    from leaflets import publishing
    from organisations.services import default_force
    from portal.catalog_review import check_upload, import_reviewed

    client = Client()
    polish = po_path("pl").read_bytes()

    def measure() -> tuple[float, float]:
        return (median_ms(lambda: catalog("pl"), args.runs * 10),
                median_ms(lambda: client.get("/leaflet/pl/"), args.runs))

    catalogs.use_reviewed_source(None)
    base_lookup, base_page = measure()
    catalogs.use_reviewed_source(publishing.reviewed_source)
    publishing.forget()
    none_lookup, none_page = measure()
    force = default_force()
    assert force is not None  # seed_demo made one
    actor = User.objects.create_user("bench-admin")
    import_reviewed(force=force, code="pl", domain="signpost", data=polish,
                    reviewer_name="Bench Reviewer", reviewed_on=date(2026, 12, 1), actor=actor)
    reviewed_lookup, reviewed_page = measure()
    check = median_ms(lambda: check_upload(code="pl", domain="signpost", data=polish),
                      max(args.runs // 20, 5))
    print(f"median over {args.runs} runs (catalog(): {args.runs * 10}):")
    print(f"  {'':<34} {'catalog(pl)':>12} {'/leaflet/pl/':>13}")
    print(f"  {'files only (baseline)':<34} {base_lookup * 1000:9.1f} us {base_page:10.2f} ms")
    for name, lookup, page in (("source, no reviewed catalog", none_lookup, none_page),
                               ("source, reviewed Polish", reviewed_lookup, reviewed_page)):
        print(f"  {name:<34} {lookup * 1000:9.1f} us {page:10.2f} ms  "
              f"({ratio(lookup, base_lookup)}, {ratio(page, base_page)})")
    print(f"check_upload of a Polish leaflet catalog: {check:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
