"""What the API's views call: one function per operation, returning the answer to send."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from api.answers import event_body, issue_body, open_body
from api.auditing import record_api_call
from api.idempotency import StoredAnswer, create_once, find_answer
from api.issuing import check_request
from api.models import ApiKey
from audit.actions import AuditAction
from crimes.services import LoadResult, load_batch
from leaflets.delivery import ABOUT_TYPE
from leaflets.giving import give_leaflet
from leaflets.models import LeafletIssue
from messaging.models import Message
from messaging.statuses import Origin
from messaging.timeline import subject_timeline


def issue_for_api(*, api_key: ApiKey, body: Mapping[str, Any], idempotency_key: str | None,
                  fingerprint: str) -> StoredAnswer:
    """Issue and send a leaflet (IssueRejected for bad input); a repeated key replays the answer.

    Everything (issue, messages, audit event, remembered answer) commits together or not at all.
    """
    if idempotency_key is not None:
        stored = find_answer(api_key=api_key, key=idempotency_key, fingerprint=fingerprint)
        if stored is not None:
            return stored
    checked = check_request(
        organisation=api_key.organisation, language=str(body["language"]),
        crime_reference=str(body.get("crime_reference", "")),
        phone=str(body.get("phone", "")), email=str(body.get("email", "")),
        unit_name=str(body.get("unit_name", "")),
    )

    def create() -> StoredAnswer:
        outcome = give_leaflet(organisation=api_key.organisation, language=checked.language,
                               channels=checked.channels, origin=Origin.API,
                               phone=checked.phone, email=checked.email,
                               crime_reference=checked.crime_reference, unit=checked.unit)
        record_api_call(api_key=api_key, action=AuditAction.CREATE,
                        object_type="leaflets.leafletissue", object_id=outcome.issue.pk,
                        reason="leaflet issued by the crime-recording system")
        return StoredAnswer(status=201, body=issue_body(outcome.issue, list(outcome.messages)))

    return create_once(api_key=api_key, key=idempotency_key, fingerprint=fingerprint,
                       create=create)


def issue_detail(*, api_key: ApiKey, issue_id: int) -> dict[str, Any] | None:
    """An issue of the key's organisation with its messages, delivery events and opens; audited."""
    issue = (LeafletIssue.objects.select_related("unit")
             .filter(pk=issue_id, organisation=api_key.organisation).first())
    if issue is None:
        return None
    messages = list(Message.objects.filter(about_type=ABOUT_TYPE, about_id=str(issue.pk))
                    .order_by("created_at"))
    body = issue_body(issue, messages)
    body["events"] = [event_body(row) for row in
                      subject_timeline(about_type=ABOUT_TYPE, about_id=str(issue.pk))]
    body["opens"] = [open_body(link_open) for link_open in issue.opens.all()]
    record_api_call(api_key=api_key, action=AuditAction.VIEW_ISSUE,
                    object_type="leaflets.leafletissue", object_id=issue.pk,
                    reason="delivery status read by the crime-recording system")
    return body


def load_crime_reports(*, api_key: ApiKey, reports: Sequence[Mapping[str, object]]) -> LoadResult:
    """Load a batch for the key's force (ReportsRejected for bad rows; nothing stored then)."""
    return load_batch(organisation=api_key.organisation, rows=reports)
