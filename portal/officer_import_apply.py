"""Apply a previewed officer file: the rows are checked again against the database as it is now
(``portal.officer_import.plan_import``), rows still in error are left out, and the accounts are
created or updated in one transaction with one audit event of counts (never a name or address).

A created account has an unusable password: the portal has no password-reset email, so it cannot
sign in until an administrator sets a password in the admin; its second factor is then asked for
at the first sign-in as for anyone of its role (``portal.second_factor.required_for``).
Applying the same file again changes nothing and writes no event.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import transaction

from audit.actions import AuditAction, AuditRole
from audit.services import record_event
from organisations.models import Membership, Organisation
from portal.officer_import import Outcome, Planned, Row, plan_import

OBJECT_TYPE = "organisations.organisation"
REASON = "officers from a file"


@dataclass(frozen=True)
class Applied:
    created: int
    updated: int
    unchanged: int
    refused: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _split_name(full_name: str) -> tuple[str, str]:
    """"Sam de Jones" -> ("Sam", "de Jones"): ``get_full_name`` gives the name back whole."""
    first, _, last = full_name.partition(" ")
    return first, last


def _create(force: Organisation, planned: list[Planned]) -> None:
    users = []
    for item in planned:
        first, last = _split_name(item.row.full_name)
        user = User(username=item.row.username, first_name=first, last_name=last,
                    email=item.row.email, is_active=True)
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    memberships = Membership.objects.bulk_create([
        Membership(user=user, organisation=force, role=item.row.role,
                   collar_number=item.row.collar_number)
        for user, item in zip(users, planned, strict=True)])
    _set_units(memberships, planned)


def _update(force: Organisation, planned: list[Planned]) -> None:
    by_user = {item.user_id: item for item in planned}
    memberships = list(Membership.objects.select_for_update()
                       .filter(organisation=force, user_id__in=by_user).order_by("user_id"))
    for membership in memberships:
        row: Row = by_user[membership.user_id].row
        membership.role = row.role
        membership.collar_number = row.collar_number or membership.collar_number
    Membership.objects.bulk_update(memberships, ["role", "collar_number"])
    Membership.units.through.objects.filter(membership__in=memberships).delete()
    _set_units(memberships, [by_user[membership.user_id] for membership in memberships])


def _set_units(memberships: list[Membership], planned: list[Planned]) -> None:
    through = Membership.units.through
    through.objects.bulk_create([
        through(membership_id=membership.pk, unit_id=unit_id)
        for membership, item in zip(memberships, planned, strict=True)
        for unit_id in sorted(item.unit_ids)])


@transaction.atomic
def apply_import(*, force: Organisation, rows: list[Row], actor: AbstractBaseUser) -> Applied:
    """Create and update the force's accounts the rows describe; the rest is left as it is."""
    plan = plan_import(force=force, rows=rows)
    creating, updating = plan.of(Outcome.CREATE), plan.of(Outcome.UPDATE)
    applied = Applied(created=len(creating), updated=len(updating),
                      unchanged=plan.counts[Outcome.UNCHANGED], refused=plan.counts[Outcome.ERROR])
    if not applied.changed:
        return applied
    _create(force, creating)
    _update(force, updating)
    record_event(actor=actor, role=AuditRole.ADMIN, action=AuditAction.IMPORT,
                 object_type=OBJECT_TYPE, object_id=force.pk, reason=REASON,
                 detail={"created": applied.created, "updated": applied.updated,
                         "unchanged": applied.unchanged, "refused": applied.refused})
    return applied
