"""JSON Schemas (2020-12) of the API's request and response bodies. The OpenAPI document
(``api.openapi``) publishes them; ``api.requests`` checks request bodies against the same ones.
"""

from __future__ import annotations

from typing import Any

from api.problems import PROBLEM_TYPE_BASE
from caseupdates.kinds import RIGHT_6, EventKind
from caseupdates.statuses import UpdateStatus
from crimes.services import MAX_BATCH
from i18n.languages import all_languages
from leaflets.statuses import IssueStatus
from messaging.statuses import Channel, MessageStatus

DATE_TIME = {"type": "string", "format": "date-time"}
NULLABLE_DATE_TIME = {"type": ["string", "null"], "format": "date-time"}
TEXT_100 = {"type": "string", "maxLength": 100}

SCHEMAS: dict[str, dict[str, Any]] = {
    "Problem": {
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "pattern": "^" + PROBLEM_TYPE_BASE},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {"type": "array", "items": {
                "type": "object", "required": ["field", "message"],
                "properties": {
                    "field": {"type": "string", "description": "JSON pointer into the body"},
                    "message": {"type": "string"},
                },
            }},
        },
    },
    "IssueRequest": {
        "type": "object",
        "description": "Give a phone number (a mobile, for SMS), an email address, or both.",
        "examples": [{"language": "pl", "phone": "07700 900123", "crime_reference": "AB/123/26"},
                     {"language": "en-easy", "email": "victim@example.org"}],
        "required": ["language"],
        "anyOf": [{"required": ["phone"]}, {"required": ["email"]}],
        "additionalProperties": False,
        "properties": {
            "language": {"enum": [language.code for language in all_languages()],
                         "description": "A language code of the leaflet, e.g. en, pl, fa_AF"},
            "crime_reference": {"type": "string", "maxLength": 64},
            "unit_name": {"type": "string", "maxLength": 200,
                          "description": "The force's unit (borough, team) the crime belongs to"},
            "phone": {"type": "string", "minLength": 1, "maxLength": 64},
            "email": {"type": "string", "minLength": 1, "maxLength": 254},
        },
    },
    "Message": {
        "type": "object",
        "required": ["id", "channel", "status", "reason", "updated_at"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "channel": {"enum": [c.value for c in Channel]},
            "status": {"enum": [s.value for s in MessageStatus]},
            "reason": {"type": "string", "description": "Why it failed, in plain words"},
            "updated_at": DATE_TIME,
        },
    },
    "Issue": {
        "type": "object",
        "required": ["id", "status", "language", "content_version", "crime_reference",
                     "unit_name", "channels", "created_at", "expires_at", "first_opened_at",
                     "messages"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"enum": [s.value for s in IssueStatus]},
            "language": {"type": "string"},
            "content_version": {"type": "string"},
            "crime_reference": {"type": "string"},
            "unit_name": {"type": "string"},
            "channels": {"type": "array", "items": {"type": "string"}},
            "created_at": DATE_TIME,
            "expires_at": DATE_TIME,
            "first_opened_at": NULLABLE_DATE_TIME,
            "messages": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}},
        },
    },
    "DeliveryEvent": {
        "type": "object",
        "required": ["at", "message", "channel", "kind", "previous_status", "status",
                     "provider_status", "error_code", "detail"],
        "properties": {
            "at": DATE_TIME,
            "message": {"type": "string", "format": "uuid"},
            "channel": {"type": "string"},
            "kind": {"type": "string"},
            "previous_status": {"type": "string"},
            "status": {"type": "string"},
            "provider_status": {"type": "string"},
            "error_code": {"type": "string"},
            "detail": {"type": "string"},
        },
    },
    "IssueDetail": {
        "allOf": [{"$ref": "#/components/schemas/Issue"}],
        "type": "object",
        "required": ["events", "opens"],
        "properties": {
            "events": {"type": "array", "items": {"$ref": "#/components/schemas/DeliveryEvent"}},
            "opens": {"type": "array", "items": {
                "type": "object", "required": ["at", "language"],
                "properties": {"at": DATE_TIME, "language": {"type": "string"}},
            }},
        },
    },
    "CrimeReport": {
        "type": "object",
        "required": ["crime_reference", "reported_at"],
        "additionalProperties": False,
        "properties": {
            "crime_reference": {"type": "string", "minLength": 1, "maxLength": 64,
                                "description": "Letters, digits and / - _ . (case ignored)"},
            "reported_at": {"type": "string", "maxLength": 40,
                            "description": "ISO 8601 date or date-time; UK time without offset"},
            "unit_name": TEXT_100,
            "crime_type": TEXT_100,
        },
    },
    "CrimeReportBatch": {
        "type": "object",
        "required": ["reports"],
        "additionalProperties": False,
        "properties": {"reports": {"type": "array", "minItems": 1, "maxItems": MAX_BATCH,
                                   "items": {"$ref": "#/components/schemas/CrimeReport"}}},
    },
    "CrimeReportLoadResult": {
        "type": "object",
        "required": ["created", "updated"],
        "properties": {"created": {"type": "integer"}, "updated": {"type": "integer"}},
    },
    "CaseEventRequest": {
        "type": "object",
        "description": "A key decision in the investigation (Victims' Code, Right 6).",
        "required": ["crime_reference", "kind", "decided_at"],
        "additionalProperties": False,
        "properties": {
            "crime_reference": {"type": "string", "minLength": 1, "maxLength": 64},
            "kind": {"enum": [k.value for k in EventKind],
                     "description": "; ".join(f"{k.value}: {RIGHT_6[k]}" for k in EventKind)},
            "decided_at": {**DATE_TIME, "description": "When the decision was made (with offset)"},
            "court_at": {**DATE_TIME,
                         "description": "The hearing's date and time (court-date-set)"},
            "court_place": {"type": "string", "maxLength": 200},
            "officer_note": {"type": "string", "maxLength": 1000,
                             "description": "Plain English; added to the victim's text as is"},
        },
    },
    "CaseEvent": {
        "type": "object",
        "required": ["id", "crime_reference", "kind", "decided_at", "held", "updates"],
        "properties": {
            "id": {"type": "integer"},
            "crime_reference": {"type": "string"},
            "kind": {"enum": [k.value for k in EventKind]},
            "decided_at": DATE_TIME,
            "held": {"type": "boolean", "description": "No victim with this crime reference "
                                                       "yet: matched when the leaflet is given"},
            "updates": {"type": "array", "items": {
                "type": "object", "required": ["id", "due_at", "enhanced_rights", "status"],
                "properties": {
                    "id": {"type": "integer"},
                    "due_at": DATE_TIME,
                    "enhanced_rights": {"type": "boolean"},
                    "status": {"enum": [s.value for s in UpdateStatus]},
                },
            }},
        },
    },
}
