"""The audit log: appended in a chain, verified, and impossible to change or delete."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.test import Client

from audit.chain import GENESIS
from audit.models import AuditEvent, AuditImmutable
from audit.services import record_event, verify_chain
from tests.second_factor import verified_login


def _three(user: User | None = None) -> list[AuditEvent]:
    return [
        record_event(actor=user, role="caseworker", action="view-contact",
                     object_type="referral", object_id=f"R-{n}", reason="calling back",
                     detail={"fields": ["phone"]})
        for n in range(3)
    ]


@pytest.mark.django_db
def test_each_event_carries_the_hash_of_the_one_before() -> None:
    first, second, third = _three()
    assert first.previous_hash == GENESIS
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    assert verify_chain().ok
    assert verify_chain().checked == 3


@pytest.mark.django_db
def test_the_actor_is_kept_by_id_and_name() -> None:
    user = User.objects.create_user("cw-audit")
    event = record_event(actor=user, role="caseworker", action="export", object_type="csv")
    assert (event.actor_id, event.actor_username) == (user.pk, "cw-audit")


@pytest.mark.django_db
def test_the_application_refuses_edits_and_deletes() -> None:
    event = _three()[0]
    event.reason = "changed"
    with pytest.raises(AuditImmutable):
        event.save()
    with pytest.raises(AuditImmutable):
        event.delete()
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db
def test_the_database_refuses_edits() -> None:
    event = _three()[0]
    sql = f"UPDATE {AuditEvent._meta.db_table} SET reason = 'x' WHERE id = %s"  # noqa: S608
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == "calling back"


def _drop_guards() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_event_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update ON audit_auditevent")


@pytest.mark.django_db
def test_verification_finds_a_change_made_behind_the_applications_back() -> None:
    _first, second, _third = _three()
    _drop_guards()  # an attacker with database access (rolled back with the test)
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET object_id = 'R-other' WHERE id = %s",  # noqa: S608
                       [second.pk])
    report = verify_chain()
    assert not report.ok
    assert report.broken_at == second.pk
    assert report.checked == 1
    assert "changed" in report.problem


@pytest.mark.django_db
def test_verification_finds_a_removed_event() -> None:
    _first, second, third = _three()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s",  # noqa: S608
                       [second.pk])
    report = verify_chain()
    assert (report.ok, report.broken_at) == (False, third.pk)
    assert "removed" in report.problem


@pytest.mark.django_db
def test_the_admin_page_shows_the_verification_and_offers_no_changes(client: Client) -> None:
    admin = User.objects.create_superuser("audit-admin", password="x" * 16)
    _three()
    verified_login(client, admin)
    page = client.get("/admin/audit/auditevent/")
    assert page.status_code == 200
    count = AuditEvent.objects.exclude(action="verify").count()  # 3, and the log-in
    assert f"Audit chain verified: {count} events" in page.content.decode()
    assert client.get(f"/admin/audit/auditevent/{AuditEvent.objects.earliest('id').pk}/delete/"
                      ).status_code == 403
    assert AuditEvent.objects.filter(action="verify", actor_id=admin.pk).exists()
    assert verify_chain().ok


@pytest.mark.django_db
def test_a_writer_that_read_a_stale_head_retries_instead_of_forking(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writers that read the same head: the unique previous hash stops the second, which
    reads the new head and appends after it."""
    from audit import services

    first = _three()[0]
    real = services._head_hash
    calls = iter([first.previous_hash])  # the head as it was before the others were written
    monkeypatch.setattr(services, "_head_hash", lambda: next(calls, None) or real())
    event = record_event(actor=None, role="system", action="erasure", object_type="recipient")
    assert event.previous_hash == AuditEvent.objects.exclude(pk=event.pk).latest("id").hash
    assert verify_chain().ok


@pytest.mark.django_db
def test_retention_deletes_the_oldest_events_and_the_chain_still_verifies() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from audit.retention import purge_audit_events

    old = timezone.now() - timedelta(days=3000)
    for n in range(3):
        record_event(actor=None, role="system", action="export", object_type="csv",
                     object_id=n, at=old)
    recent = _three()
    cutoff = timezone.now() - timedelta(days=2190)
    assert purge_audit_events(before=cutoff, now=timezone.now(), dry_run=True).records == 3
    assert AuditEvent.objects.count() == 6
    assert purge_audit_events(before=cutoff, now=timezone.now(), dry_run=False).records == 3
    assert list(AuditEvent.objects.values_list("pk", flat=True)[:3]) == [e.pk for e in recent]
    purge = AuditEvent.objects.get(action="retention-purge")
    assert purge.detail["deleted"] == 3
    report = verify_chain()
    assert report.ok, report
    assert report.checked == 4


@pytest.mark.django_db
def test_removing_the_first_events_without_a_purge_record_is_caught() -> None:
    first, second, _third = _three()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s",  # noqa: S608
                       [first.pk])
    report = verify_chain()
    assert (report.ok, report.broken_at) == (False, second.pk)


def _rechain_with_plain_hashes() -> None:
    """What a database owner without the key can do: recompute every hash in order."""
    from audit.chain import plain_hash

    previous = GENESIS
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        for event in AuditEvent.objects.order_by("id"):
            new = plain_hash(previous, event.chained_fields())
            cursor.execute(f"UPDATE {table} SET previous_hash = %s, hash = %s "  # noqa: S608
                           "WHERE id = %s", [f"tmp-{event.pk}", f"tmp-{event.pk}", event.pk])
            cursor.execute(f"UPDATE {table} SET previous_hash = %s, hash = %s "  # noqa: S608
                           "WHERE id = %s", [previous, new, event.pk])
            previous = new


@pytest.mark.django_db
def test_a_log_re_chained_without_the_key_after_a_deletion_fails_verification() -> None:
    first, second, _third = _three()
    _drop_guards()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s",  # noqa: S608
                       [second.pk])
    _rechain_with_plain_hashes()
    report = verify_chain()
    assert not report.ok
    assert report.broken_at == first.pk
    assert "without the key" in report.problem


@pytest.mark.django_db
def test_a_chain_verifies_only_under_its_key(settings: Any) -> None:
    _three()
    assert verify_chain().ok
    settings.SIGNPOST_AUDIT_KEY = "another-key"
    assert not verify_chain().ok


@pytest.mark.django_db
def test_unkeyed_events_from_before_the_key_verify_up_to_the_anchor_only() -> None:
    from audit.services import anchor_keyed_chain

    _three()
    _drop_guards()
    _rechain_with_plain_hashes()  # as the events were written before the key existed
    assert not verify_chain().ok  # no anchor: every event must be keyed
    anchor = anchor_keyed_chain()
    assert anchor is not None
    assert anchor_keyed_chain() is None  # once
    record_event(actor=None, role="system", action="export", object_type="csv")
    assert verify_chain().ok
    # An event deleted and the whole log re-chained without the key: the anchor fails.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s",  # noqa: S608
                       [AuditEvent.objects.order_by("id").values_list("id", flat=True)[1]])
    _rechain_with_plain_hashes()
    report = verify_chain()
    assert (report.ok, report.broken_at) == (False, anchor.pk)
