"""Write the daily referral batch now: ``manage.py transfer_referrals [--day YYYY-MM-DD]
[--service SLUG]`` (default: yesterday, every service with a batch folder)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from transfers.batch import write_batch
from transfers.models import ServiceDestination


class Command(BaseCommand):
    help = "Write the daily CSV and JSON referral files of one day for the support services."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="the day (YYYY-MM-DD, UK); default yesterday")
        parser.add_argument("--service", help="one service's slug; default all")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = (date.fromisoformat(options["day"]) if options["day"]
                   else timezone.localdate() - timedelta(days=1))
        except ValueError:
            raise CommandError("--day must be YYYY-MM-DD") from None
        destinations = ServiceDestination.objects.select_related("organisation").filter(
            active=True).exclude(batch_folder="")
        if options["service"]:
            destinations = destinations.filter(organisation__slug=options["service"])
            if not destinations:
                raise CommandError("that service has no active batch folder")
        for destination in destinations:
            result = write_batch(destination=destination, day=day)
            self.stdout.write(f"{destination.organisation.slug} {day}: {result.referrals} "
                              f"referral(s), {result.refused} left out without consent -> "
                              f"{result.csv_path.name}, {result.json_path.name}")
