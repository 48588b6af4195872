"""Which catalogs this deployment uses, and which languages a force offers victims.

A catalog a translator reviewed for this deployment (``ReviewedCatalog``, imported on the
force administrator's translations page) is used in preference to the repository's file, which
every deployment shares. :func:`reviewed_source` is what ``i18n.catalogs`` asks; it reads the
table's versions at most once every few seconds per process, so a page costs no query.

A force that publishes only reviewed languages offers victims English and the languages whose
leaflet catalog is reviewed (here or in the repository); see docs/portal.md.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from i18n.catalogs import DOMAIN, ReviewStatus, catalog, clear_cache
from i18n.languages import SOURCE_LANGUAGE, Language, all_languages
from leaflets.models import LanguagePublishing, ReviewedCatalog
from organisations.models import Organisation

VERSIONS_MAX_AGE_S = 10.0
# The catalogs a deployment can have reviewed: the ones the web app reads. The assistant's is
# read by the Rasa processes from the repository's files.
REVIEWABLE_DOMAINS = frozenset({DOMAIN, "updates"})


@dataclass
class _Versions:
    read_at: float = float("-inf")
    versions: dict[tuple[str, str], str] | None = None
    texts: dict[tuple[str, str, str], str] | None = None


_state = _Versions()


def forget() -> None:
    """Read the table again at the next use (after an import; tests)."""
    _state.read_at = float("-inf")
    clear_cache()


def _versions() -> dict[tuple[str, str], str]:
    now = time.monotonic()
    if _state.versions is None or now - _state.read_at > VERSIONS_MAX_AGE_S:
        rows = ReviewedCatalog.objects.values_list("language", "domain", "pk", "imported_at")
        _state.versions = {(language, domain): f"{pk}:{at.isoformat()}"
                           for language, domain, pk, at in rows}
        _state.read_at = now
    return _state.versions


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def reviewed_source(code: str, domain: str) -> tuple[str, str] | None:
    """The version and ``.po`` text of this deployment's reviewed catalog, or None.

    Called from async code (the action server's handlers), where Django refuses a query, it
    answers from what this process last read and otherwise leaves the repository's file.
    """
    if domain not in REVIEWABLE_DOMAINS:
        return None
    if _in_event_loop():
        cached = _state.versions or {}
        version = cached.get((code, domain))
        text = (_state.texts or {}).get((code, domain, version or ""))
        return (version, text) if version is not None and text is not None else None
    version = _versions().get((code, domain))
    if version is None:
        return None
    texts = _state.texts if _state.texts is not None else {}
    text = texts.get((code, domain, version))
    if text is None:
        text = ReviewedCatalog.objects.values_list("po_text", flat=True).filter(
            language=code, domain=domain).first()
        if text is None:  # deleted since the versions were read
            return None
        texts = {key: value for key, value in texts.items() if key[:2] != (code, domain)}
        texts[(code, domain, version)] = text
        _state.texts = texts
    return version, text


def is_reviewed(code: str, domain: str = DOMAIN) -> bool:
    """The catalog a victim would read is the English original or reviewed by a person."""
    if code == SOURCE_LANGUAGE:
        return True
    return catalog(code, domain=domain).review_status in {ReviewStatus.SOURCE,
                                                           ReviewStatus.REVIEWED}


def reviewed_only(force: Organisation | None) -> bool:
    if force is None:
        return False
    return LanguagePublishing.objects.filter(organisation=force, reviewed_only=True).exists()


def offered_languages(force: Organisation | None) -> tuple[Language, ...]:
    """The languages the force offers victims: all of them, or only reviewed ones."""
    languages = all_languages()
    if not reviewed_only(force):
        return languages
    return tuple(lang for lang in languages if is_reviewed(lang.code))
