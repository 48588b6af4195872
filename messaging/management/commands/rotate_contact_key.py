"""``manage.py rotate_contact_key``: re-encrypt everything stored under SIGNPOST_CONTACT_KEYS
(contact details, victims' names, the texts and mails victims sent, case events' notes and
the support services' webhook secrets) under the newest key.

``--new-key`` only prints a fresh key to put first in SIGNPOST_CONTACT_KEYS.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from caseupdates.secrets import rotate_case_event_texts
from messaging.contact_keys import rotate_contact_keys, rotate_inbound_bodies
from messaging.crypto import new_key
from referrals.secrets import rotate_victim_names
from transfers.secrets import rotate_webhook_secrets


class Command(BaseCommand):
    help = ("Re-encrypt every stored phone number, email address and webhook secret under the "
            "newest key.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--new-key", action="store_true",
                            help="print a new key for SIGNPOST_CONTACT_KEYS and do nothing else")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(new_key())
            return
        report = rotate_contact_keys()
        self.stdout.write(
            f"{report.recipients} recipients: {report.reencrypted} contact details re-encrypted "
            f"under the newest key, {report.reindexed} look-up indexes recomputed"
        )
        secrets = rotate_webhook_secrets()
        self.stdout.write(f"{secrets} webhook secrets re-encrypted under the newest key")
        events = rotate_case_event_texts()
        self.stdout.write(f"{events} case events' notes re-encrypted under the newest key")
        names = rotate_victim_names()
        self.stdout.write(f"{names} victims' names re-encrypted under the newest key")
        bodies = rotate_inbound_bodies()
        self.stdout.write(f"{bodies} inbound texts and mails re-encrypted under the newest key")
