"""Log-ins and failed log-ins go to the audit log (the failure names no username: people type
passwords into the wrong box)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

from audit.actions import AuditAction
from audit.services import record_event
from organisations.services import role_of


def on_logged_in(sender: Any, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> None:
    role = role_of(user)
    record_event(actor=user, role=role.value if role else "none", action=AuditAction.LOGIN,
                 object_type="session")


def on_login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
                    **kwargs: Any) -> None:
    record_event(actor=None, role="unknown", action=AuditAction.LOGIN_FAILED,
                 object_type="session")
