"""Typed readers for configuration held in environment variables.

Settings call these once at start-up; nothing else in the code reads ``os.environ``.

>>> read_bool("SIGNPOST_DOCTEST_UNSET_FLAG", default=True, environ={})
True
>>> read_bool("X", default=False, environ={"X": "yes"})
True
>>> read_list("X", default=[], environ={"X": "a.example, b.example"})
['a.example', 'b.example']
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _source(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def read_str(name: str, *, default: str, environ: Mapping[str, str] | None = None) -> str:
    return _source(environ).get(name, default)


def read_choice(name: str, choices: tuple[str, ...], *, default: str,
                environ: Mapping[str, str] | None = None) -> str:
    """One of ``choices`` (case ignored); anything else stops the start with the choices named.

    >>> read_choice("X", ("plain", "json"), default="plain", environ={"X": "JSON"})
    'json'
    """
    value = _source(environ).get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of: {', '.join(choices)}")
    return value


def read_bool(name: str, *, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    raw = _source(environ).get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off")


def read_int(name: str, *, default: int, environ: Mapping[str, str] | None = None) -> int:
    raw = _source(environ).get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number") from None


def read_list(
    name: str, *, default: list[str], environ: Mapping[str, str] | None = None
) -> list[str]:
    raw = _source(environ).get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def read_identity_providers(
    forces: list[str], environ: Mapping[str, str] | None = None
) -> dict[str, dict[str, object]]:
    """Each listed force's OpenID Connect provider, from ``SIGNPOST_OIDC_<FORCE>_*`` (the force's
    slug in capitals, ``-`` as ``_``). The client secret is read here and kept only in memory.

    >>> env = {"SIGNPOST_OIDC_KENT_POLICE_ISSUER": "https://id.kent.example",
    ...        "SIGNPOST_OIDC_KENT_POLICE_CLIENT_ID": "signpost",
    ...        "SIGNPOST_OIDC_KENT_POLICE_CLIENT_SECRET": "s3cret"}
    >>> found = read_identity_providers(["kent-police"], env)["kent-police"]
    >>> found["claim"], found["user_field"], found["label"]
    ('email', 'email', 'your force account')
    """
    providers: dict[str, dict[str, object]] = {}
    for force in forces:
        prefix = f"SIGNPOST_OIDC_{force.upper().replace('-', '_')}_"

        def value(name: str, default: str | None = None, prefix: str = prefix,
                  force: str = force) -> str:
            found = read_str(prefix + name, default=default or "", environ=environ).strip()
            if not found and default is None:
                raise ImproperlyConfigured(f"{prefix}{name} must be set: {force} is in "
                                           "SIGNPOST_OIDC_FORCES")
            return found

        providers[force] = {
            "issuer": value("ISSUER").rstrip("/"),
            "client_id": value("CLIENT_ID"),
            "client_secret": value("CLIENT_SECRET"),
            "label": value("LABEL", "your force account"),
            "claim": value("CLAIM", "email"),
            "user_field": read_choice(prefix + "USER_FIELD", ("email", "username"),
                                      default="email", environ=environ),
            "mfa_amr": read_list(prefix + "MFA_AMR", default=["mfa", "otp", "hwk", "swk"],
                                 environ=environ),
            "mfa_acr": read_list(prefix + "MFA_ACR", default=[], environ=environ),
        }
    return providers
