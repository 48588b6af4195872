"""``manage.py purge_due [--dry-run]``: run the retention purge now and print its counts."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from retention.services import Trigger, purge_due


class Command(BaseCommand):
    help = "Erase, anonymise or delete every record past its retention period."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help="count what is due without changing anything")

    def handle(self, *args: Any, **options: Any) -> None:
        report = purge_due(trigger=Trigger.COMMAND, dry_run=options["dry_run"])
        verb = "due" if report.dry_run else "done"
        for result in report.results:
            if result.error:
                line = f"FAILED ({result.error}; the other kinds ran)"
            elif result.count is None:
                line = "no purger registered: NOT PURGED"
            else:
                line = f"{result.count.action.value} {result.count.records} records {verb}"
            self.stdout.write(f"{result.kind.value:18} kept {result.days:5} days: {line}")
        if report.failed:
            raise CommandError(f"purge run {report.run_id} failed for "
                               + ", ".join(kind.value for kind in report.failed))
