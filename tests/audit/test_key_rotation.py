"""The audit chain's key rotates: the new key signs from an anchor on, the old key verifies only
the events before it, and neither a re-chained log nor events forged with a leaked old key
verify."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit.chain import GENESIS, event_hash
from audit.keys import key_id
from audit.models import AuditEvent
from audit.services import (
    KEY_ROTATED,
    ChainReport,
    anchor_key_rotation,
    record_event,
    verify_chain,
)

pytestmark = pytest.mark.django_db

OLD, NEW = "old-audit-key-" + "o" * 32, "new-audit-key-" + "n" * 32


def _events(count: int, start: int = 0) -> list[AuditEvent]:
    return [record_event(actor=None, role="caseworker", action="view-contact",
                         object_type="referral", object_id=f"R-{start + n}")
            for n in range(count)]


def _rotate(settings: Any) -> None:
    """What the operator does: the new key signs, the old one is kept for verifying."""
    settings.SIGNPOST_AUDIT_KEY = NEW
    settings.SIGNPOST_AUDIT_PREVIOUS_KEYS = [OLD]


@pytest.fixture
def old_chain(settings: Any) -> list[AuditEvent]:
    settings.SIGNPOST_AUDIT_KEY = OLD
    settings.SIGNPOST_AUDIT_PREVIOUS_KEYS = []
    return _events(3)


def _write_raw(rows: list[tuple[AuditEvent, str, str]]) -> None:
    """Rewrite hashes behind the application's back (guards dropped, as a database owner)."""
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_event_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update ON audit_auditevent")
        for event, _previous, _hash in rows:
            cursor.execute(f"UPDATE {table} SET previous_hash = %s, hash = %s "  # noqa: S608
                           "WHERE id = %s", [f"tmp-{event.pk}", f"tmp-{event.pk}", event.pk])
        for event, previous, new in rows:
            cursor.execute(f"UPDATE {table} SET previous_hash = %s, hash = %s "  # noqa: S608
                           "WHERE id = %s", [previous, new, event.pk])


def _rechain(events: list[AuditEvent], key: str, previous: str = GENESIS) -> None:
    rows = []
    for event in events:
        new = event_hash(previous, event.chained_fields(), key=key.encode())
        rows.append((event, previous, new))
        previous = new
    _write_raw(rows)


def test_a_rotated_chain_verifies_under_both_keys(settings: Any,
                                                  old_chain: list[AuditEvent]) -> None:
    assert verify_chain().ok
    _rotate(settings)
    assert not verify_chain().ok  # rotated, not yet anchored: the new key did not sign the head
    out = StringIO()
    call_command("rotate_audit_key", stdout=out)
    anchor = AuditEvent.objects.get(action=KEY_ROTATED)
    assert anchor.previous_hash == old_chain[-1].hash
    assert anchor.detail == {"key_id": key_id(NEW.encode()),
                             "previous_key_id": key_id(OLD.encode())}
    assert OLD not in str(anchor.detail)
    assert NEW not in str(anchor.detail)
    assert f"rotation anchored at event {anchor.pk}" in out.getvalue()
    assert "audit chain verified: 4 events" in out.getvalue()
    _events(2, start=3)
    assert verify_chain() == ChainReport(True, 6)
    call_command("rotate_audit_key", stdout=StringIO())  # again: nothing to anchor
    assert AuditEvent.objects.filter(action=KEY_ROTATED).count() == 1


def test_the_first_event_after_the_key_changed_is_preceded_by_the_anchor(
        settings: Any, old_chain: list[AuditEvent]) -> None:
    _rotate(settings)
    event = _events(1)[0]
    anchor = AuditEvent.objects.get(action=KEY_ROTATED)
    assert (anchor.previous_hash, event.previous_hash) == (old_chain[-1].hash, anchor.hash)
    assert verify_chain().ok
    assert anchor_key_rotation() is None


def test_a_second_rotation_keeps_every_earlier_key_verifying(
        settings: Any, old_chain: list[AuditEvent]) -> None:
    _rotate(settings)
    _events(1)
    settings.SIGNPOST_AUDIT_KEY = "third-audit-key-" + "t" * 32
    settings.SIGNPOST_AUDIT_PREVIOUS_KEYS = [NEW, OLD]
    _events(1)
    assert AuditEvent.objects.filter(action=KEY_ROTATED).count() == 2
    assert verify_chain().ok
    settings.SIGNPOST_AUDIT_PREVIOUS_KEYS = [NEW]  # the oldest events' key dropped too early
    report = verify_chain()
    assert (report.ok, report.broken_at) == (False, old_chain[0].pk)
    assert "not configured" in report.problem


def test_a_log_re_chained_with_the_old_key_after_a_deletion_fails_at_the_anchor(
        settings: Any, old_chain: list[AuditEvent]) -> None:
    """A leaked old key lets its holder re-chain the events it signed, but not the anchor the
    new key signed over their last hash."""
    _rotate(settings)
    _events(1)
    anchor = AuditEvent.objects.get(action=KEY_ROTATED)
    AuditEvent.objects.filter(pk=old_chain[1].pk)._raw_delete(connection.alias)
    _rechain([old_chain[0], old_chain[2]], OLD)
    report = verify_chain()
    assert (report.ok, report.broken_at) == (False, anchor.pk)


def test_a_log_re_chained_after_the_anchor_with_the_old_key_fails(
        settings: Any, old_chain: list[AuditEvent]) -> None:
    _rotate(settings)
    newer = _events(2)
    anchor = AuditEvent.objects.get(action=KEY_ROTATED)
    _rechain([anchor, *newer], OLD, previous=old_chain[-1].hash)
    report = verify_chain()
    assert (report.ok, report.broken_at) == (False, anchor.pk)
    assert "without the key" in report.problem


def test_an_anchor_forged_back_to_the_old_key_fails(settings: Any,
                                                     old_chain: list[AuditEvent]) -> None:
    """With the old key leaked, a forged rotation back to it, signed by it, then events."""
    _rotate(settings)
    _events(1)
    settings.SIGNPOST_AUDIT_KEY = OLD
    settings.SIGNPOST_AUDIT_PREVIOUS_KEYS = [NEW]
    _events(1)  # the forger's writes, with the old key and an anchor back to it
    forged = AuditEvent.objects.filter(action=KEY_ROTATED).latest("id")
    _rotate(settings)  # the service's real configuration
    report = verify_chain()
    assert (report.ok, report.broken_at) == (False, forged.pk)
    assert "rotation" in report.problem


def test_the_command_fails_loudly_on_a_broken_chain_and_prints_a_new_key(
        settings: Any, old_chain: list[AuditEvent]) -> None:
    _rotate(settings)
    settings.SIGNPOST_AUDIT_PREVIOUS_KEYS = []  # the old key forgotten
    with pytest.raises(CommandError, match="does not verify"):
        call_command("rotate_audit_key", stdout=StringIO())
    out = StringIO()
    call_command("rotate_audit_key", "--new-key", stdout=out)
    assert len(out.getvalue().strip()) >= 32


def test_two_writers_after_the_change_write_one_anchor(
        settings: Any, monkeypatch: pytest.MonkeyPatch, old_chain: list[AuditEvent]) -> None:
    """The second writer read the head from before the first one's anchor: its own anchor
    collides with the first's (one successor per event), and it retries on the new head."""
    from audit import services

    _rotate(settings)
    _events(1)  # the first writer: anchor, then its event
    stale_head, stale_key = iter([old_chain[-1].hash]), iter([key_id(OLD.encode())])
    real_head, real_key = services._head_hash, services._head_signed_by_a_previous_key
    monkeypatch.setattr(services, "_head_hash", lambda: next(stale_head, None) or real_head())
    monkeypatch.setattr(services, "_head_signed_by_a_previous_key",
                        lambda: next(stale_key, None) or real_key())
    _events(1, start=10)
    assert AuditEvent.objects.filter(action=KEY_ROTATED).count() == 1
    assert verify_chain() == ChainReport(True, 6)
