from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load the fictional demo force, support service and one user per role."

    def handle(self, *args: Any, **options: Any) -> None:
        for login in seed_demo():
            self.stdout.write(f"{login.role:<11} {login.username} / {login.password}")
