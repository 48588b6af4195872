from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load the fictional demo force, support service and one user per role."

    def handle(self, *args: Any, **options: Any) -> None:
        for login in seed_demo():
            second = (f"  (authenticator key {login.totp_secret}; or run manage.py demo_code)"
                      if login.totp_secret else "")
            self.stdout.write(f"{login.role:<11} {login.username} / {login.password}{second}")
