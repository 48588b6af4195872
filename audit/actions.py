"""The audit log's vocabulary: what was done, and the object types it was done to.

``record_event`` accepts any short string, so a new app can log a new action without a change
here; these are the names the portal and the services use, kept in one place so reports agree.
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    VIEW_CONTACT = "view-contact"  # a victim's phone number or email address was shown
    VIEW_REFERRAL = "view-referral"
    VIEW_ISSUE = "view-issue"
    VIEW_RECORD = "view-record"  # a staff member opened a victim's record in the admin
    VIEW_LIST = "view-list"  # ... or a list of such records
    EXPORT = "export"  # a CSV or file left the service
    CREATE = "create"
    CHANGE = "change"
    IMPORT = "import"  # accounts (counts only) or a reviewed catalog from a file
    DELETE = "delete"
    STATUS_CHANGE = "status-change"
    NOTE = "note"
    CONSENT = "consent"
    ERASURE = "erasure"
    ERASURE_LOOKUP = "erasure-lookup"  # staff looked a victim up to erase their records
    SEND = "send"
    LOGIN = "login"
    LOGIN_FAILED = "login-failed"
    LOGIN_THROTTLED = "login-throttled"
    SSO_SIGN_IN = "sso-sign-in"  # signed in through the force's identity provider
    SSO_REFUSED = "sso-refused"  # ... or refused after it (reason code only)
    SECOND_FACTOR = "second-factor"  # a TOTP or recovery code was accepted after the password
    SECOND_FACTOR_FAILED = "second-factor-failed"
    SECOND_FACTOR_ENROLLED = "second-factor-enrolled"
    VERIFY = "verify"  # someone checked the chain
    RETENTION_PURGE = "retention-purge"  # events past the retention period were deleted


class AuditRole(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    CASEWORKER = "caseworker"
    ADMIN = "admin"
    SYSTEM = "system"  # the worker, a periodic task, the assistant
    VICTIM = "victim"  # the victim's own act (through the assistant or a leaflet page)
    API = "api"
