from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from portal.summaries import summarise_days


class Command(BaseCommand):
    help = "Build the dashboard's daily summaries for a period (default: the last 90 days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--start", type=date.fromisoformat, default=None)
        parser.add_argument("--end", type=date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        end = options["end"] or timezone.localdate() - timedelta(days=1)
        start = options["start"] or end - timedelta(days=89)
        issues = summarise_days(start=start, end=end)
        self.stdout.write(f"summarised {start} to {end}: {issues} leaflet issues")
