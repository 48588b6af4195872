"""A text field stored encrypted (messaging.crypto); Python code sees the plain value.

The empty string stays empty in the database, so "has no phone" is still a plain query. Any
other equality look-up is refused: ciphertexts never compare equal, so such a query would
silently find nothing. Look up by the HMAC index column instead.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression
from django.db.models.lookups import Exact, IsNull

from messaging.crypto import key_ring


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    description = "Text encrypted at rest (Fernet)"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return key_ring().encrypt(str(value))

    def from_db_value(self, value: Any, expression: Expression,
                      connection: BaseDatabaseWrapper) -> Any:
        if value is None or value == "":
            return value
        return key_ring().decrypt(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return EmptyOnlyExact
        if lookup_name == "isnull":
            return IsNull
        return None


class EmptyOnlyExact(Exact):  # type: ignore[type-arg]
    """``field=""`` works; ``field="+44…"`` raises: an encrypted value cannot be matched."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise TypeError("encrypted fields cannot be matched by value: use the index column")
        return super().get_prep_lookup()
