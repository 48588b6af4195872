"""Queue a new referral's webhook transfer once it is committed. Connected in ``apps.ready``."""

from __future__ import annotations

from typing import Any

from referrals.models import Referral
from transfers.queue import webhook_after_commit


def referral_saved(sender: type[Referral], instance: Referral, created: bool,
                   **kwargs: Any) -> None:
    if created:
        webhook_after_commit(str(instance.pk), target_id=instance.target_id)
