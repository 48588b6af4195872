"""Create, check and revoke API keys. The full key exists only in ``CreatedKey``: show it once.

>>> split_key("sp_abcdEFGH1234_" + "x" * 43)[0]
'abcdEFGH1234'
>>> split_key("Bearer nonsense") is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from api.auditing import record_key_event
from api.models import ApiKey
from api.scopes import Scope
from organisations.models import Organisation

KEY_RE = re.compile(r"sp_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})")
PREFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


@dataclass(frozen=True)
class CreatedKey:
    api_key: ApiKey
    key: str  # the secret: shown to the person who created it, never stored or logged


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def split_key(presented: str) -> tuple[str, str] | None:
    """(prefix, key) of a well-formed key, else None."""
    found = KEY_RE.fullmatch(presented)
    return (found.group(1), presented) if found else None


def create_key(*, organisation: Organisation, name: str, scopes: list[Scope],
               created_by: User | None = None) -> CreatedKey:
    if not name.strip():
        raise ValueError("a key needs a name")
    if not scopes:
        raise ValueError("a key needs at least one scope")
    prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(12))
    key = f"sp_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        api_key = ApiKey.objects.create(
            organisation=organisation, name=name.strip()[:100], prefix=prefix,
            secret_hash=hash_key(key), scopes=[scope.value for scope in scopes],
            created_by=created_by,
        )
        record_key_event(api_key=api_key, action="api-key-created", actor=created_by)
    return CreatedKey(api_key=api_key, key=key)


def revoke_key(*, api_key: ApiKey, revoked_by: User | None = None,
               now: datetime | None = None) -> ApiKey:
    """Stop a key working at once (idempotent: a revoked key keeps its first revocation time)."""
    with transaction.atomic():
        updated = ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(
            revoked_at=now or timezone.now())
        api_key.refresh_from_db()
        if updated:
            record_key_event(api_key=api_key, action="api-key-revoked", actor=revoked_by)
    return api_key


def authenticate(*, authorization: str, now: datetime | None = None) -> ApiKey | None:
    """The active key named by an ``Authorization: Bearer <key>`` header, or None."""
    scheme, _, presented = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    parts = split_key(presented.strip())
    if parts is None:
        return None
    prefix, key = parts
    api_key = (ApiKey.objects.select_related("organisation")
               .filter(prefix=prefix, revoked_at__isnull=True).first())
    if api_key is None or not hmac.compare_digest(api_key.secret_hash, hash_key(key)):
        return None
    now = now or timezone.now()
    if api_key.last_used_at is None or (now - api_key.last_used_at).total_seconds() > 60:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    return api_key


def has_scope(api_key: ApiKey, scope: Scope) -> bool:
    return scope.value in api_key.scopes
