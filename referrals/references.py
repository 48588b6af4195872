"""Short, human references for referrals: "R-" and six characters nobody confuses.

>>> ref = new_reference()
>>> len(ref), ref[:2]
(8, 'R-')
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U


def new_reference() -> str:
    return "R-" + "".join(secrets.choice(ALPHABET) for _ in range(6))
