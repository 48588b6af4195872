"""What happens after an update is handed over: a text that failed becomes an officer's task,
an officer records giving an update by phone, and the victim's choices are changed."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from audit.actions import AuditAction
from audit.services import record_event
from caseupdates import compliance_facts
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import OPEN, CallReason, UpdateFrequency, UpdateStatus
from messaging.statuses import MessageStatus as M

FAILED = (M.UNDELIVERED.value, M.PERMANENT_FAILURE.value, M.TEMPORARY_FAILURE.value,
          M.TECHNICAL_FAILURE.value)


def flag_failed_texts() -> int:
    """Texted updates whose message failed become tasks to call; how many."""
    with transaction.atomic():
        failed = list(CaseUpdate.objects.select_for_update().filter(
            status=UpdateStatus.TEXTED.value, message__status__in=FAILED)
            .values_list("pk", "case_id"))
        compliance_facts.forget(case_ids={case for _, case in failed})
        return CaseUpdate.objects.filter(pk__in=[pk for pk, _ in failed]).update(
            status=UpdateStatus.CALL_NEEDED.value, call_reason=CallReason.SEND_FAILED.value,
            given_at=None)


class NotOpen(ValueError):
    """The update was already given."""


def given_by_phone(*, update: CaseUpdate, officer: User, role: str) -> CaseUpdate:
    """Close an update the officer gave by phone (NotOpen if it was given already)."""
    with transaction.atomic():
        changed = CaseUpdate.objects.filter(
            pk=update.pk, status__in=[s.value for s in (*OPEN, UpdateStatus.TEXTED)]).update(
            status=UpdateStatus.GIVEN_BY_PHONE.value, given_at=timezone.now(), given_by=officer)
        if not changed:
            raise NotOpen("This update was already given.")
        compliance_facts.forget(case_ids=[update.case_id])
        record_event(actor=officer, role=role, action=AuditAction.CHANGE,
                     object_type="caseupdates.caseupdate", object_id=update.pk,
                     reason="update given by phone")
    update.refresh_from_db()
    return update


def set_choices(*, case: VictimCase, frequency: UpdateFrequency, shared_with_suspect: bool,
                officer: User, role: str) -> None:
    """The victim's chosen frequency and whether their number is shared with the suspect."""
    with transaction.atomic():
        VictimCase.objects.filter(pk=case.pk).update(update_frequency=frequency.value,
                                                     shared_with_suspect=shared_with_suspect)
        record_event(actor=officer, role=role, action=AuditAction.CHANGE,
                     object_type="caseupdates.victimcase", object_id=case.pk,
                     reason="update choices changed")
