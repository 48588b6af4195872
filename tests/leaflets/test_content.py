"""The English text stays plain: a reading age under the ceiling."""

from __future__ import annotations

from i18n.catalogs import catalog
from leaflets.readability import reading_age_of
from leaflets.rendering import render_leaflet, section_texts
from leaflets.values import ContactValues

# Measured 10.0 (Flesch-Kincaid grade + 5) for content 2026.2; docs/leaflet.md records it. The
# ceiling stops the text drifting harder; proper names (Ombudsman, Authority) keep it above 9.
READING_AGE_CEILING = 10.5


def test_english_reading_age_stays_low(contacts: ContactValues) -> None:
    age = reading_age_of(section_texts(render_leaflet(catalog("en"), contacts)))
    assert age <= READING_AGE_CEILING
