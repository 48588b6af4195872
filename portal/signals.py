"""Log-ins and failed log-ins go to the audit log. A failure names no username (people type
passwords into the wrong box), only the keyed hash the throttle counts it under, so repeated
attempts on one account can be told apart without the log holding what was typed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

from audit.actions import AuditAction
from audit.services import record_event
from organisations.services import role_of
from portal.throttle import username_key


def on_logged_in(sender: Any, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> None:
    role = role_of(user)
    record_event(actor=user, role=role.value if role else "none", action=AuditAction.LOGIN,
                 object_type="session")


def on_login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
                    **kwargs: Any) -> None:
    typed = str(credentials.get("username", ""))
    record_event(actor=None, role="unknown", action=AuditAction.LOGIN_FAILED,
                 object_type="session", detail={"username_key": username_key(typed)[:16]})
