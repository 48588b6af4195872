"""``manage.py rotate_contact_key``: re-encrypt everything stored under SIGNPOST_CONTACT_KEYS
under the newest key: the contact details, then what each app registered with
``messaging.contact_keys.register_rotation`` (the texts and mails victims sent, victims' names,
case events' notes, the support services' webhook secrets).

``--new-key`` only prints a fresh key to put first in SIGNPOST_CONTACT_KEYS.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from messaging.contact_keys import registered_rotations, rotate_contact_keys
from messaging.crypto import new_key


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
        for what, rotate in registered_rotations():
            self.stdout.write(f"{rotate()} {what} re-encrypted under the newest key")
