"""The force-specific values that fill the catalogs' placeholders. No Django dependency."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from i18n.languages import SOURCE_LANGUAGE, babel_locale_code
from i18n.opening_hours import OpeningPeriod, format_opening_hours

# (language code, name in that language) pairs: hashable, so pages can be cached by their values.
NameTranslations = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ContactValues:
    """Values for the catalogs' placeholders. A blank one hides the paragraphs that need it.

    Built language-neutral from the force (names in English with their translations, hours as
    days and times); :meth:`for_language` gives the values one language shows.
    """

    force_name: str = ""
    force_web_address: str = ""
    complaints_web_address: str = ""
    support_name: str = ""
    support_phone: str = ""
    # Free text, English only: shown on English pages when no structured hours are set.
    support_hours: str = ""
    support_web_address: str = ""
    opening_hours: tuple[OpeningPeriod, ...] = ()
    force_name_translations: NameTranslations = ()
    support_name_translations: NameTranslations = ()
    language: str = ""  # set by for_language: the values are already in this language

    def as_dict(self) -> dict[str, str]:
        # Read directly: asdict() would first deep-copy every field, opening hours included,
        # on every token link view, to keep only these strings.
        return {name: getattr(self, name) for name in PLACEHOLDERS}

    def for_language(self, code: str) -> ContactValues:
        """The values shown in one catalog language: translated names (the English name when
        the force gave none), hours written out in that language, and never the English free
        text of the hours in another language.

        >>> from datetime import time
        >>> values = ContactValues(force_name="Northbridge Police",
        ...     force_name_translations=(("cy", "Heddlu Northbridge"),),
        ...     support_hours="Monday to Friday 8am to 8pm")
        >>> values.for_language("cy").force_name, values.for_language("cy").support_hours
        ('Heddlu Northbridge', '')
        >>> values.for_language("en").support_hours
        'Monday to Friday 8am to 8pm'
        >>> values.for_language("cy").for_language("en").force_name  # already in Welsh
        'Heddlu Northbridge'
        """
        if self.language:
            return self
        if self.opening_hours:
            hours = format_opening_hours(self.opening_hours, code)
        elif babel_locale_code(code) == SOURCE_LANGUAGE:
            hours = self.support_hours
        else:
            hours = ""
        return replace(
            self,
            force_name=dict(self.force_name_translations).get(code, self.force_name),
            support_name=dict(self.support_name_translations).get(code, self.support_name),
            support_hours=hours,
            language=code,
        )

    @property
    def web_addresses(self) -> frozenset[str]:
        """Placeholder names whose values are web addresses (shown as links)."""
        return frozenset({"force_web_address", "complaints_web_address", "support_web_address"})

    @property
    def phone_numbers(self) -> frozenset[str]:
        return frozenset({"support_phone"})


PLACEHOLDERS = ("force_name", "force_web_address", "complaints_web_address", "support_name",
                "support_phone", "support_hours", "support_web_address")


@dataclass(frozen=True)
class IssueDetails:
    """What one victim's leaflet, SMS and email say about their report (blank: left out)."""

    crime_reference: str = ""
    officer: str = ""  # name, collar number, or both
    site_address: str = ""  # this site's host, which the force's website names

    def as_dict(self) -> dict[str, str]:
        return asdict(self)
