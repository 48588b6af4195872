"""Django settings for Signpost, read from environment variables.

SIGNPOST_MODE=local (the default) is the embedded mode: SQLite in WAL mode and Huey on SQLite
under var/, the Twilio-API emulator and the SMTP sink on loopback. SIGNPOST_MODE=production
refuses to start with a default secret key, debug on, or missing provider credentials.
DATABASE_URL (PostgreSQL) and REDIS_URL switch to the scaled mode. docs/configuration.md lists
every variable.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext

from signpost import production
from signpost.env import (
    read_bool,
    read_choice,
    read_identity_providers,
    read_int,
    read_list,
    read_str,
)

django_stubs_ext.monkeypatch()  # generic Django classes (ModelAdmin[Model]) at run time

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(read_str("SIGNPOST_VAR_DIR", default=str(BASE_DIR / "var")))

MODE = read_str("SIGNPOST_MODE", default="local")
if MODE not in {"local", "production"}:
    raise ValueError("SIGNPOST_MODE must be 'local' or 'production'")
PRODUCTION = MODE == "production"

SECRET_KEY = read_str("SECRET_KEY", default=production.DEV_SECRET_KEY)
DEBUG = read_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = read_list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
PUBLIC_BASE_URL = read_str(
    "PUBLIC_BASE_URL", default="" if PRODUCTION else "http://127.0.0.1:8000"
).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "huey.contrib.djhuey",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "organisations",
    "health",
    "demo",
    "leaflets",
    "messaging",
    # The message providers: each registers itself with the gateway (messaging/providers.py).
    "channels.twilio",
    "channels.email",
    "channels.notify",
    "retention",
    "ratelimits",
    "audit",
    "referrals",
    "chat",
    "crimes",
    "api",
    "transfers",
    "caseupdates",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "signpost.urls"
WSGI_APPLICATION = "signpost.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: SQLite in WAL mode by default, PostgreSQL when DATABASE_URL says so. ---------------
DATABASE_URL = read_str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'signpost.sqlite3'}")
_db: dict[str, Any] = dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Kept open across requests and Huey tasks: opening one (and its PRAGMAs) per task cost the
    # worker about a sixth of its time (docs/gateway.md, "Cost of one send").
    _db["CONN_MAX_AGE"] = 600
    _db["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
else:
    _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Jobs: Huey on SQLite by default, on Redis when REDIS_URL is set. ----------------------------
REDIS_URL = read_str("REDIS_URL", default="")
HUEY: dict[str, Any] = {
    "name": read_str("HUEY_NAME", default="signpost"),
    "immediate": read_bool("HUEY_IMMEDIATE", default=False),
    "results": True,
    "utc": True,
    "consumer": {"workers": read_int("HUEY_WORKERS", default=2), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.PriorityRedisHuey", "url": REDIS_URL})
else:
    HUEY.update(
        {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")}
    )
    # SQLite cannot block on an empty queue: each idle thread polls, backing off to this interval
    # (Huey's default, 10 s, would leave a victim's text waiting seconds after a quiet spell).
    HUEY["consumer"]["max_delay"] = float(read_str("HUEY_MAX_DELAY_S", default="0.5"))

# --- Auth ----------------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = read_int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locales"]

# --- Static files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = DEBUG  # local mode serves app static files without collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Security headers ----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = read_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = read_int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = read_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- The other processes and the providers -------------------------------------------------------
RASA_URL = read_str("RASA_URL", default="http://127.0.0.1:5005").rstrip("/")
# Every Rasa server (the scaled mode runs several behind one tracker and lock store).
RASA_URLS = [url.rstrip("/") for url in read_list("RASA_URLS", default=[RASA_URL])]
RASA_TOKEN = read_str("RASA_TOKEN", default="" if PRODUCTION else "dev-rasa-token")
ACTION_SERVER_URL = read_str("ACTION_SERVER_URL", default="http://127.0.0.1:5055").rstrip("/")
# The secret Rasa sends the action server (bot/endpoints.yml); signpost/action_server.py refuses
# every call without it. RASA_TOKEN is, likewise, the secret of Rasa's REST channel.
ACTION_SERVER_TOKEN = read_str("ACTION_SERVER_TOKEN",
                               default="" if PRODUCTION else "dev-action-server-token")
# Rasa's tracker store (bot/endpoints*.yml; the launcher sets these for every process), read by
# the retention purge and erasure on request (retention/trackers.py): the SQLite file, or with
# RASA_TRACKER_HOST set (the scaled mode) the PostgreSQL database of that name.
RASA_TRACKER_DB = read_str("RASA_TRACKER_DB", default=str(VAR_DIR / "rasa-tracker.sqlite3"))
RASA_TRACKER_HOST = read_str("RASA_TRACKER_HOST", default="")
RASA_TRACKER_PORT = read_int("RASA_TRACKER_PORT", default=5432)
RASA_TRACKER_USER = read_str("RASA_TRACKER_USER", default="")
RASA_TRACKER_PASSWORD = read_str("RASA_TRACKER_PASSWORD", default="")

TWILIO_ACCOUNT_SID = read_str(
    "TWILIO_ACCOUNT_SID", default="" if PRODUCTION else "ACdev00000000000000000000000000000"
)
TWILIO_AUTH_TOKEN = read_str(
    "TWILIO_AUTH_TOKEN", default="" if PRODUCTION else "dev-auth-token"
)
TWILIO_MESSAGING_SERVICE_SID = read_str("TWILIO_MESSAGING_SERVICE_SID", default="")
TWILIO_FROM_NUMBER = read_str(
    "TWILIO_FROM_NUMBER", default="" if PRODUCTION else "+447700900000"
)
# Set only in local/test mode: the base URL of the Twilio-API emulator.
TWILIO_API_BASE_URL = read_str(
    "TWILIO_API_BASE_URL", default="" if PRODUCTION else "http://127.0.0.1:8010"
).rstrip("/")

SMTP_HOST = read_str("SMTP_HOST", default="" if PRODUCTION else "127.0.0.1")
SMTP_PORT = read_int("SMTP_PORT", default=587 if PRODUCTION else 1025)
SMTP_USERNAME = read_str("SMTP_USERNAME", default="")
SMTP_PASSWORD = read_str("SMTP_PASSWORD", default="")
SMTP_TLS = read_str("SMTP_TLS", default="starttls" if PRODUCTION else "none")
EMAIL_FROM = read_str("EMAIL_FROM", default="" if PRODUCTION else "signpost@localhost")
# Web page of the SMTP sink (local mode only; its health is reported by /healthz).
SMTP_SINK_WEB_URL = read_str(
    "SMTP_SINK_WEB_URL", default="" if PRODUCTION else "http://127.0.0.1:8025"
).rstrip("/")

# GOV.UK Notify (channels/notify/, docs/gateway.md): the full API key as Notify shows it
# (key name, service id, secret), the two templates with a ((body)) placeholder, and the bearer
# token the force set in Notify for its delivery-receipt and inbound-SMS callbacks.
NOTIFY_API_KEY = read_str(
    "NOTIFY_API_KEY",
    default="" if PRODUCTION else "signpost_dev-26785a09-ab16-4eb0-8407-a37497a57506"
    "-3d844edf-8d35-48ac-975b-e847b4f122b0",
)
# Set only in local/test mode: the base URL of the Notify-API emulator.
NOTIFY_API_BASE_URL = read_str(
    "NOTIFY_API_BASE_URL",
    default="https://api.notifications.service.gov.uk" if PRODUCTION else "http://127.0.0.1:8020",
).rstrip("/")
NOTIFY_SMS_TEMPLATE_ID = read_str(
    "NOTIFY_SMS_TEMPLATE_ID", default="" if PRODUCTION else "f33517ff-2a88-4f6e-b855-c550268ce08a"
)
NOTIFY_EMAIL_TEMPLATE_ID = read_str(
    "NOTIFY_EMAIL_TEMPLATE_ID", default="" if PRODUCTION else "c6b9b3a1-5c1d-4d8e-9a43-2a6f0e4b7d10"
)
NOTIFY_SMS_SENDER_ID = read_str("NOTIFY_SMS_SENDER_ID", default="")
NOTIFY_EMAIL_REPLY_TO_ID = read_str("NOTIFY_EMAIL_REPLY_TO_ID", default="")
NOTIFY_CALLBACK_TOKEN = read_str(
    "NOTIFY_CALLBACK_TOKEN", default="" if PRODUCTION else "dev-notify-callback-token"
)
# Notify allows 3,000 messages a minute per API key; we stay under the configured figure.
NOTIFY_RATE_PER_MINUTE = read_int("NOTIFY_RATE_PER_MINUTE", default=3000)

HEALTH_PROBE_TIMEOUT = float(read_str("HEALTH_PROBE_TIMEOUT", default="2.0"))
# Who may read /metrics (Prometheus text): addresses on the private network, never the public
# proxy (a request with a forwarding header is refused). Parsed here so a typo stops the start.
SIGNPOST_METRICS_NETWORKS = [
    str(ipaddress.ip_network(net))
    for net in read_list("SIGNPOST_METRICS_NETWORKS", default=["127.0.0.0/8", "::1/128"])
]

# --- Message gateway (messaging/, channels/; docs/gateway.md) ------------------------------------
# Attempts per message before it ends technical-failure; the back-off ceiling doubles from the
# base up to the cap, and each wait is drawn from the ceiling's upper half (messaging.retry), so
# retries spread out without ever coming at once.
# The providers used when the force's settings name none: twilio or notify for SMS, smtp or
# notify for email (organisations.services.message_providers).
SIGNPOST_SMS_PROVIDER = read_str("SIGNPOST_SMS_PROVIDER", default="twilio")
SIGNPOST_EMAIL_PROVIDER = read_str("SIGNPOST_EMAIL_PROVIDER", default="smtp")
SIGNPOST_SEND_MAX_ATTEMPTS = read_int("SIGNPOST_SEND_MAX_ATTEMPTS", default=8)
SIGNPOST_RETRY_BASE_S = float(read_str("SIGNPOST_RETRY_BASE_S", default="5"))
SIGNPOST_RETRY_CAP_S = float(read_str("SIGNPOST_RETRY_CAP_S", default="600"))
# The sweep re-queues rows left in created/queued this long past due, and retries (after a check
# with the provider) rows left in sending without a provider reference this long.
SIGNPOST_SWEEP_STUCK_S = read_int("SIGNPOST_SWEEP_STUCK_S", default=300)
# A provider-accepted message with no final status after this long is closed temporary-failure.
SIGNPOST_SENDING_WINDOW_S = read_int("SIGNPOST_SENDING_WINDOW_S", default=72 * 60 * 60)
# A message still in flight this long after its last change is asked of its provider (a lost
# callback; messaging/polling.py).
SIGNPOST_POLL_AFTER_S = read_int("SIGNPOST_POLL_AFTER_S", default=30 * 60)
SIGNPOST_PROVIDER_TIMEOUT_S = float(read_str("SIGNPOST_PROVIDER_TIMEOUT_S", default="10"))
SIGNPOST_EMAIL_BURST = read_int("SIGNPOST_EMAIL_BURST", default=50)  # mails per SMTP connection
SIGNPOST_INBOUND_EMAIL_SECRET = read_str(
    "SIGNPOST_INBOUND_EMAIL_SECRET", default="" if PRODUCTION else "dev-inbound-email-secret"
)
SIGNPOST_RASA_TIMEOUT_S = float(read_str("SIGNPOST_RASA_TIMEOUT_S", default="20"))
# Relay requests one worker process keeps open at once per Rasa server (messaging/assistant.py).
SIGNPOST_RASA_IN_FLIGHT = read_int("SIGNPOST_RASA_IN_FLIGHT", default=3)
SIGNPOST_RELAY_MAX_ATTEMPTS = read_int("SIGNPOST_RELAY_MAX_ATTEMPTS", default=8)
# Texts of one conversation relayed per turn of the per-sender queue (messaging/turns.py) before
# the conversation goes to the back of the queue: 1 is strict round-robin among conversations.
SIGNPOST_RELAY_TEXTS_PER_TURN = read_int("SIGNPOST_RELAY_TEXTS_PER_TURN", default=1)
# One sender's texts relayed to the assistant per window (messaging/sender_limit.py): past it a
# text is stored but not relayed, the first gets one "slow down" reply, the rest silence.
SIGNPOST_INBOUND_PER_SENDER = read_int("SIGNPOST_INBOUND_PER_SENDER", default=30)
SIGNPOST_INBOUND_SENDER_WINDOW_S = read_int("SIGNPOST_INBOUND_SENDER_WINDOW_S", default=60)
# The web chat (chat/ratelimit.py): messages per client address and per conversation in
# SIGNPOST_CHAT_WINDOW_S; conversations one client address may start in
# SIGNPOST_CHAT_SESSION_WINDOW_S.
SIGNPOST_CHAT_WINDOW_S = read_int("SIGNPOST_CHAT_WINDOW_S", default=60)
SIGNPOST_CHAT_MESSAGES_PER_CLIENT = read_int("SIGNPOST_CHAT_MESSAGES_PER_CLIENT", default=60)
SIGNPOST_CHAT_MESSAGES_PER_SESSION = read_int("SIGNPOST_CHAT_MESSAGES_PER_SESSION", default=30)
SIGNPOST_CHAT_SESSION_WINDOW_S = read_int("SIGNPOST_CHAT_SESSION_WINDOW_S", default=3600)
SIGNPOST_CHAT_SESSIONS_PER_CLIENT = read_int("SIGNPOST_CHAT_SESSIONS_PER_CLIENT", default=20)
# Ofcom's drama range (07700 900000-900999) is not a real mobile range: accepted in local mode so
# the emulator's phones can be texted, refused in production.
SIGNPOST_ALLOW_DRAMA_NUMBERS = read_bool("SIGNPOST_ALLOW_DRAMA_NUMBERS", default=not PRODUCTION)

# --- Leaflet links and pages (leaflets/, locales/; docs/leaflet.md) ------------------------------
# The short link is LEAFLET_LINK_BASE_URL/l/<token>; keep the base short so link + message fit in
# one SMS segment. A link works for LEAFLET_LINK_TTL_DAYS days; after that it shows the picker.
LEAFLET_LINK_BASE_URL = read_str("LEAFLET_LINK_BASE_URL", default=PUBLIC_BASE_URL).rstrip("/")
LEAFLET_LINK_TTL_DAYS = read_int("LEAFLET_LINK_TTL_DAYS", default=90)
# Where "Exit this page" goes (GOV.UK's default: BBC Weather).
LEAFLET_EXIT_URL = read_str("LEAFLET_EXIT_URL", default="https://www.bbc.co.uk/weather")

# --- Hardening (messaging/crypto.py, retention/, leaflets/ratelimit.py; docs/security.md) -------
# Contact details are encrypted at rest: SIGNPOST_CONTACT_KEYS lists Fernet keys, newest first
# (the first encrypts, all decrypt; `manage.py rotate_contact_key` re-encrypts under the first).
# SIGNPOST_CONTACT_INDEX_KEY keys the HMAC index used to find a number or address again.
# Production has no defaults: the first use of a contact detail without them fails loudly.
SIGNPOST_CONTACT_KEYS = read_list(
    "SIGNPOST_CONTACT_KEYS",
    default=[] if PRODUCTION else ["gdzVQaxmOI42Mm2EYLmHNZOPLzfW8vHL5spula0Z0Ts="],
)
SIGNPOST_CONTACT_INDEX_KEY = read_str(
    "SIGNPOST_CONTACT_INDEX_KEY", default="" if PRODUCTION else "signpost-dev-contact-index-key"
)
# The audit chain's HMAC key (audit/chain.py): from the environment, never in the database, so
# the database's owner cannot re-chain the log after deleting an event. To rotate it, move the
# old key to SIGNPOST_AUDIT_PREVIOUS_KEYS (newest first: they only verify the events they
# signed) and run `manage.py rotate_audit_key` (docs/security.md, "Key rotation").
SIGNPOST_AUDIT_KEY = read_str("SIGNPOST_AUDIT_KEY",
                              default="" if PRODUCTION else "signpost-dev-audit-key")
SIGNPOST_AUDIT_PREVIOUS_KEYS = read_list("SIGNPOST_AUDIT_PREVIOUS_KEYS", default=[])
# Retention: days each kind of data is kept (retention/periods.py names the kinds); the purge
# runs daily at 03:17 (retention/tasks.py) and on demand (`manage.py purge_due`).
SIGNPOST_RETENTION_DAYS = {
    kind: read_int(f"SIGNPOST_RETENTION_{kind.upper().replace('-', '_')}_DAYS", default=days)
    for kind, days in {
        "message-bodies": 30, "inbound-messages": 30, "contact-details": 180,
        "leaflet-issues": 365, "link-opens": 365, "conversations": 90, "needs": 365,
        "referrals": 730, "audit": 2190, "case-events": 730, "case-update-texts": 90,
    }.items()
}
# Guessing link tokens: more than this many unknown tokens from one client within the window
# gets 429 for every token (known or not) until the window passes.
LEAFLET_LINK_FAILURES_PER_WINDOW = read_int("LEAFLET_LINK_FAILURES_PER_WINDOW", default=30)
LEAFLET_LINK_FAILURE_WINDOW_S = read_int("LEAFLET_LINK_FAILURE_WINDOW_S", default=600)
# The TLS proxies / load balancers in front of the web process (addresses or networks, comma
# separated). Only requests from these have their X-Forwarded-For believed, read right to left
# (ratelimits/client_address.py); every limiter keys on the address found that way.
SIGNPOST_TRUSTED_PROXIES = read_list("SIGNPOST_TRUSTED_PROXIES", default=[])

# --- Portal, audit and security headers (portal/, audit/; docs/portal.md) ------------------------
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:login"
# Log-in throttling: this many failures for one username, or from one address, within the window
# lock further attempts (for that username or address) until the window has passed.
PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME = read_int("PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME",
                                                  default=5)
PORTAL_LOGIN_MAX_FAILURES_PER_IP = read_int("PORTAL_LOGIN_MAX_FAILURES_PER_IP", default=20)
PORTAL_LOGIN_WINDOW_S = read_int("PORTAL_LOGIN_WINDOW_S", default=15 * 60)
# The second factor (portal/second_factor.py): the roles that must give a TOTP or recovery code
# after the password (admin accounts always do). Add "officer" to ask officers too.
SIGNPOST_SECOND_FACTOR_ROLES = read_list("SIGNPOST_SECOND_FACTOR_ROLES",
                                         default=["admin", "supervisor", "caseworker"])
OTP_TOTP_ISSUER = read_str("OTP_TOTP_ISSUER", default="Signpost")
# Single sign-on by OpenID Connect (portal/sso*.py, docs/portal.md): the forces (slugs) whose staff
# may sign in with their own identity provider, each set by SIGNPOST_OIDC_<FORCE>_ISSUER,
# _CLIENT_ID, _CLIENT_SECRET and optionally _LABEL, _CLAIM, _USER_FIELD, _MFA_AMR, _MFA_ACR.
SIGNPOST_OIDC_FORCES = read_list("SIGNPOST_OIDC_FORCES", default=[])
SIGNPOST_OIDC_PROVIDERS = read_identity_providers(SIGNPOST_OIDC_FORCES)
# Content-Security-Policy (portal.security): no inline script anywhere; nothing may frame us.
CSP_POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
CSP_INLINE_STYLE_PREFIXES: tuple[str, ...] = ("/admin/",)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
# Rows per page in "My leaflets" and the referral inbox.
PORTAL_PAGE_SIZE = read_int("PORTAL_PAGE_SIZE", default=50)
# The nightly rebuild of the dashboard's daily summaries covers this many days back (opens and
# delivery reports arrive after the day; a link works LEAFLET_LINK_TTL_DAYS).
PORTAL_SUMMARY_REFRESH_DAYS = read_int("PORTAL_SUMMARY_REFRESH_DAYS", default=90)

# --- API, crime reports, referral transfers (api/, crimes/, transfers/) --------------------------
# Requests per API key per minute (fixed window, counted in the database).
API_RATE_LIMIT_PER_MINUTE = read_int("API_RATE_LIMIT_PER_MINUTE", default=120)
# Referral webhooks: attempts before giving up, back-off base and cap (doubling), request timeout.
TRANSFER_WEBHOOK_MAX_ATTEMPTS = read_int("TRANSFER_WEBHOOK_MAX_ATTEMPTS", default=6)
TRANSFER_RETRY_BASE_S = float(read_str("TRANSFER_RETRY_BASE_S", default="30"))
TRANSFER_RETRY_CAP_S = float(read_str("TRANSFER_RETRY_CAP_S", default="3600"))
TRANSFER_TIMEOUT_S = float(read_str("TRANSFER_TIMEOUT_S", default="10"))
# Plain http:// webhook URLs are refused unless this is on (local mode and tests only).
TRANSFER_ALLOW_HTTP = read_bool("TRANSFER_ALLOW_HTTP", default=not PRODUCTION)
# Hour (UK time) of the daily batch of the previous day's referrals.
TRANSFER_BATCH_HOUR = read_int("TRANSFER_BATCH_HOUR", default=2)

# --- Logging: plain lines to stderr; no personal data is ever passed to a logger. -----------------
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
                   "json": {"()": "signpost.log_format.JsonLines"}},
    "filters": {"health_answers": {"()": "health.logging.DropHealthAnswers"}},
    # SIGNPOST_LOG_FORMAT=json: one JSON object per line, for a log shipper
    "handlers": {"stderr": {"class": "logging.StreamHandler",
                            "formatter": read_choice("SIGNPOST_LOG_FORMAT", ("plain", "json"),
                                                     default="plain")}},
    "root": {"handlers": ["stderr"], "level": read_str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's logger comes with a console handler in DEBUG and Huey's consumer adds its own
        # when "huey" has none: each line once, in one format.
        "django": {"handlers": [], "propagate": True},
        "django.request": {"handlers": [], "filters": ["health_answers"], "propagate": True},
        "huey": {"handlers": ["stderr"], "propagate": False},
        # The twilio library logs each request's URL and query string at INFO, and a list
        # request's query names a phone number: keep it to warnings.
        "twilio.http_client": {"level": "WARNING"},
    },
}

if PRODUCTION:
    production.refuse_unsafe(globals())
