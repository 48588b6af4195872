"""The force-specific values that fill the catalogs' placeholders. No Django dependency."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ContactValues:
    """Values for the catalogs' placeholders. A blank one hides the paragraphs that need it."""

    force_name: str = ""
    force_web_address: str = ""
    complaints_web_address: str = ""
    support_name: str = ""
    support_phone: str = ""
    support_hours: str = ""
    support_web_address: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def web_addresses(self) -> frozenset[str]:
        """Placeholder names whose values are web addresses (shown as links)."""
        return frozenset({"force_web_address", "complaints_web_address", "support_web_address"})

    @property
    def phone_numbers(self) -> frozenset[str]:
        return frozenset({"support_phone"})
