"""The kinds of personal data Signpost keeps, and how long each is kept (from settings).

>>> DataKind("message-bodies").setting_name
'SIGNPOST_RETENTION_MESSAGE_BODIES_DAYS'
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings


class DataKind(StrEnum):
    MESSAGE_BODIES = "message-bodies"  # outbound SMS/email text (messaging.Message)
    INBOUND_MESSAGES = "inbound-messages"  # texts and mails victims sent (messaging.InboundMessage)
    CONTACT_DETAILS = "contact-details"  # phone and email (messaging.Recipient)
    LEAFLET_ISSUES = "leaflet-issues"  # crime reference of a leaflet issue
    LINK_OPENS = "link-opens"  # "opened" events (leaflets.LinkOpen)
    CONVERSATIONS = "conversations"  # Rasa trackers and web-chat sessions
    NEEDS = "needs"  # needs assessments (referrals.NeedsAssessment)
    REFERRALS = "referrals"  # referrals, their notes and consent evidence
    AUDIT = "audit"  # the audit log (audit.AuditEvent)
    CASE_EVENTS = "case-events"  # investigation decisions and notes (caseupdates.CaseEvent)
    CASE_UPDATE_TEXTS = "case-update-texts"  # texts of case updates sent (messaging.Message)

    @property
    def setting_name(self) -> str:
        return f"SIGNPOST_RETENTION_{self.value.upper().replace('-', '_')}_DAYS"


def retention_days(kind: DataKind) -> int:
    days: int = settings.SIGNPOST_RETENTION_DAYS[kind.value]
    return days


def cutoff(kind: DataKind, *, now: datetime) -> datetime:
    """Data of this kind recorded before this moment is due for erasure."""
    return now - timedelta(days=retention_days(kind))
