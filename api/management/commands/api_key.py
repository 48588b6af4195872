"""Create, list or revoke API keys: ``manage.py api_key create|list|revoke``.

The new key is printed once, on standard output; only its hash is stored.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.keys import create_key, revoke_key
from api.models import ApiKey
from api.scopes import Scope, parse_scopes
from organisations.models import Organisation


class Command(BaseCommand):
    help = "Create, list or revoke API keys of an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a key and print it once")
        create.add_argument("organisation", help="the organisation's slug")
        create.add_argument("name", help="which system will use it")
        create.add_argument("--scope", action="append", dest="scopes", required=True,
                            choices=[scope.value for scope in Scope])
        listing = actions.add_parser("list", help="list keys (never the secrets)")
        listing.add_argument("organisation", nargs="?", default="")
        revoke = actions.add_parser("revoke", help="revoke a key by its prefix")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError("no organisation has this slug")
            created = create_key(organisation=organisation, name=options["name"],
                                 scopes=parse_scopes(options["scopes"]))
            self.stdout.write(created.key)
            self.stderr.write("Store this key now: it is not shown again.")
        elif action == "list":
            keys = ApiKey.objects.select_related("organisation")
            if options["organisation"]:
                keys = keys.filter(organisation__slug=options["organisation"])
            for key in keys:
                state = "active" if key.active else "revoked"
                self.stdout.write(f"{key.prefix}\t{key.organisation.slug}\t{key.name}\t"
                                  f"{','.join(key.scopes)}\t{state}")
        else:
            api_key = ApiKey.objects.filter(prefix=options["prefix"]).first()
            if api_key is None:
                raise CommandError("no key has this prefix")
            revoke_key(api_key=api_key)
            self.stdout.write(f"revoked {api_key.prefix}")
