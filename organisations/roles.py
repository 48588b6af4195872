"""The portal's roles, and what each may reach. No Django model here: models and views import it.

An officer sees their own issues; a supervisor sees their units; a caseworker sees only referrals
addressed to their service; a force's admin sets the force up on the portal's setup page and
manages users and units in Django's admin. Roles live here and in Membership.role only (no Django
Groups).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    CASEWORKER = "caseworker"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# Which organisation kind each role belongs to (an admin may belong to either).
FORCE_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})
SERVICE_ROLES = frozenset({Role.CASEWORKER})
