"""``python -m emulators.oidc_provider``: run the local OpenID Connect provider.

Starts on a fresh (or given) SQLite database, makes a new RSA signing key, migrates, seeds the
demo users and the portal's client registration, then serves until stopped.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

DEV_CLIENT_ID = "signpost-portal"
DEV_CLIENT_SECRET = "dev-oidc-client-secret"  # noqa: S105 - a published development default
DEFAULT_REDIRECT = "http://127.0.0.1:8000/portal/login/sso/northbridge-police/callback/"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    env = os.environ
    parser = argparse.ArgumentParser(prog="python -m emulators.oidc_provider",
                                     description="Local OpenID Connect provider.")
    parser.add_argument("--host", default=env.get("EMULATOR_OIDC_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env.get("EMULATOR_OIDC_PORT", "8030")))
    parser.add_argument("--db", default="", help="SQLite file (default: a new temporary one)")
    parser.add_argument("--client-id", default=env.get("EMULATOR_OIDC_CLIENT_ID", DEV_CLIENT_ID))
    parser.add_argument("--client-secret",
                        default=env.get("EMULATOR_OIDC_CLIENT_SECRET", DEV_CLIENT_SECRET))
    parser.add_argument("--redirect-uri", action="append", default=None,
                        help="the portal's callback address (repeat for several)")
    return parser.parse_args(argv)


def _new_signing_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "emulators.oidc_provider.settings"
    # Each server thread has its own connection, so the database is a file, never :memory:.
    os.environ["EMULATOR_OIDC_DB"] = args.db or str(Path(tempfile.mkdtemp()) / "idp.sqlite3")
    os.environ.setdefault("EMULATOR_OIDC_RSA_KEY", _new_signing_key())
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    import django
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from emulators.oidc_provider.demo import Client, seed

    seed(Client(client_id=args.client_id, client_secret=args.client_secret,
                redirect_uris=tuple(args.redirect_uri or [DEFAULT_REDIRECT])))
    logging.getLogger(__name__).info(
        "Local OIDC provider on http://%s:%d (issuer http://%s:%d/o)",
        args.host, args.port, args.host, args.port)
    run(args.host, args.port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main(sys.argv[1:])
