"""What a support service receives about one referral: the same record in the webhook's JSON, the
batch's JSON and (flattened) the batch's CSV. Contact details are included: passing them to the
service is what the victim consented to. They never go to a log.
"""

from __future__ import annotations

import json
from typing import Any

from referrals.models import Referral

PAYLOAD_VERSION = "referral-2026.1"

CSV_COLUMNS = (
    "reference", "id", "created_at", "source", "status", "referrer_unit", "crime_reference",
    "crime_type", "language", "interpreter_needed", "enhanced_rights", "enhanced_rights_reasons",
    "data_quality_flags", "phone", "email", "safe_phone", "consent_decision",
    "consent_wording_version", "consent_language", "consent_channel", "consent_recorded_at",
    "needs_question_set_version", "needs_answers",
)
E164_COLUMNS = frozenset({"phone", "safe_phone"})


def referral_record(referral: Referral) -> dict[str, Any]:
    """The referral as the service sees it (the caller has checked consent)."""
    recipient, safe, consent = referral.recipient, referral.safe_recipient, referral.consent
    snapshot = referral.needs_snapshot or {}
    return {
        "id": str(referral.pk),
        "reference": referral.reference,
        "created_at": referral.created_at.isoformat(),
        "source": referral.source,
        "status": referral.status,
        "referrer_unit": referral.referrer_unit_name,
        "crime_reference": referral.crime_reference,
        "crime_type": referral.crime_type,
        "language": referral.language,
        "interpreter_needed": referral.interpreter_needed,
        "enhanced_rights": referral.enhanced_rights,
        "enhanced_rights_reasons": list(referral.enhanced_rights_reasons),
        "data_quality_flags": list(referral.data_quality_flags),
        "contact": {
            "phone": recipient.phone,
            "email": recipient.email,
            "safe_phone": safe.phone if safe is not None else "",
        },
        "consent": {
            "decision": consent.decision,
            "wording_version": consent.wording_version,
            "language": consent.language,
            "channel": consent.channel,
            "recorded_at": consent.recorded_at.isoformat(),
        },
        "needs": {
            "question_set_version": snapshot.get("question_set_version", ""),
            "answers": snapshot.get("answers", {}),
        },
    }


def webhook_body(referral: Referral, *, attempt: int) -> bytes:
    body = {"type": "referral.created", "version": PAYLOAD_VERSION, "attempt": attempt,
            "referral": referral_record(referral)}
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _safe_cell(value: str) -> str:
    """A spreadsheet never runs a cell as a formula: one starting = + - @ gets a quote."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_row(record: dict[str, Any]) -> list[str]:
    contact, consent, needs = record["contact"], record["consent"], record["needs"]
    values: dict[str, Any] = {
        **{name: record[name] for name in CSV_COLUMNS if name in record},
        "enhanced_rights_reasons": ";".join(record["enhanced_rights_reasons"]),
        "data_quality_flags": ";".join(record["data_quality_flags"]),
        "phone": contact["phone"], "email": contact["email"], "safe_phone": contact["safe_phone"],
        **{f"consent_{name}": value for name, value in consent.items()},
        "needs_question_set_version": needs["question_set_version"],
        "needs_answers": json.dumps(needs["answers"], ensure_ascii=False, sort_keys=True),
    }
    out = []
    for name in CSV_COLUMNS:
        value = values[name]
        text = ("yes" if value else "no") if isinstance(value, bool) else str(value)
        # E.164 numbers are validated digits after "+": quoting them would only corrupt them
        out.append(text if name in E164_COLUMNS else _safe_cell(text))
    return out
