"""The local identity provider's Django settings: a project of its own, never the service's.

Everything variable comes from the environment ``__main__`` sets before Django starts.
"""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

DEBUG = False
SECRET_KEY = os.environ.get("EMULATOR_OIDC_SECRET_KEY", "local-identity-provider-only")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "emulators.oidc_provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [HERE / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                       "django.contrib.auth.context_processors.auth"]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("EMULATOR_OIDC_DB", ":memory:")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
LOGIN_URL = "/accounts/login/"
# Its own cookie name, so it never overwrites the portal's session on the same host.
SESSION_COOKIE_NAME = "idp_sessionid"
CSRF_COOKIE_NAME = "idp_csrftoken"
# Fast hashing: demo passwords only, and the provider is re-seeded on every start.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": os.environ.get("EMULATOR_OIDC_RSA_KEY", ""),
    "PKCE_REQUIRED": True,
    "OAUTH2_VALIDATOR_CLASS": "emulators.oidc_provider.claims.DemoClaims",
    "SCOPES": {"openid": "Sign you in", "email": "Your email address",
               "profile": "Your name and username"},
    "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
    # The portal's log-out ends the session here too (OpenID Connect RP-Initiated Logout). With
    # no ID token to hint who is leaving, the provider asks the person to confirm, as the
    # specification requires.
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
}
