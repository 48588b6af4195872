"""``manage.py rotate_audit_key``: after ``SIGNPOST_AUDIT_KEY`` was replaced (the old key moved
to ``SIGNPOST_AUDIT_PREVIOUS_KEYS``), append the anchor from which the new key signs the chain,
then verify the whole chain. Safe to run again: with the anchor in place it only verifies.

``--new-key`` only prints a fresh key for ``SIGNPOST_AUDIT_KEY``.
"""

from __future__ import annotations

import secrets
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.keys import key_id, signing_key
from audit.services import anchor_key_rotation, verify_chain


class Command(BaseCommand):
    help = "Anchor the audit chain at a new SIGNPOST_AUDIT_KEY and verify it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--new-key", action="store_true",
                            help="print a new key for SIGNPOST_AUDIT_KEY and do nothing else")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(secrets.token_urlsafe(48))
            return
        anchor = anchor_key_rotation()
        if anchor is None:
            self.stdout.write(f"the newest event is already signed by key {key_id(signing_key())}")
        else:
            self.stdout.write(f"rotation anchored at event {anchor.pk}: key "
                              f"{anchor.detail['previous_key_id']} -> {anchor.detail['key_id']}")
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"audit chain does not verify at event {report.broken_at} "
                               f"({report.problem}); {report.checked} events verified before it")
        self.stdout.write(f"audit chain verified: {report.checked} events")
