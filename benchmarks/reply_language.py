"""Which language a text the phone received is in, from what the victim sees.

Each reply is matched against every text the service can send, rendered in every language:
the assistant's responses (``bot/domain``, translated through the ``assistant`` catalogs as
``assistant.nlg`` does, placeholders matching anything) and the leaflet's SMS. A language whose
catalog has no translation for a text would show the English, so it is not a match there: the
victim saw English. A reply that matches no rendered text (a wording changed since the catalogs
were built, a gateway text) falls back to lingua's detector when it is confident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.translate import translate
from i18n.catalogs import catalog
from i18n.languages import EASY_READ, SOURCE_LANGUAGE, all_languages
from leaflets.content import TEXTS

DOMAIN_DIR = Path(__file__).resolve().parent.parent / "bot" / "domain"
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}|%\([a-z_]+\)s")
MIN_LITERAL = 8  # a rendered text with fewer fixed characters than this would match anything
URL = re.compile(r"https?://\S+")
LINGUA_CONFIDENCE = 0.8


def domain_texts(domain_dir: Path = DOMAIN_DIR) -> list[str]:
    """The English text of every response variant in the domain files."""
    texts = []
    for path in sorted(domain_dir.glob("*.yml")):
        loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for variants in (loaded.get("responses") or {}).values():
            texts += [v["text"] for v in variants if isinstance(v.get("text"), str)]
    return texts


def pattern_of(rendered: str) -> re.Pattern[str] | None:
    """A rendered text as a pattern: placeholders match anything, whitespace any whitespace."""
    parts = PLACEHOLDER.split(rendered)
    if sum(len(part.strip()) for part in parts) < MIN_LITERAL:
        return None
    escaped = [r"\s+".join(re.escape(word) for word in part.split()) for part in parts]
    glue = [r"\s*" + "(?s:.*?)" + r"\s*"] * (len(parts) - 1)
    body = "".join(piece for pair in zip(escaped, [*glue, ""], strict=True) for piece in pair)
    return re.compile(body, re.DOTALL)


def _leaflet_sms(code: str) -> str:
    return catalog(code).text(TEXTS.sms, force_name="{force_name}", link="{link}")


@dataclass
class ReplyLanguages:
    """Rendered texts per language; ``of(text)`` names the languages a reply is in."""

    patterns: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    detector: Any = None  # lingua's LanguageDetector, built on first use
    lingua_codes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, texts: Iterable[str] | None = None) -> ReplyLanguages:
        english = list(texts if texts is not None else domain_texts())
        english_sms = _leaflet_sms(SOURCE_LANGUAGE)
        built = cls()
        for language in all_languages():
            code = language.code
            rendered = [translate(text, code) for text in english]
            if code not in (SOURCE_LANGUAGE, EASY_READ):
                rendered = [text for text, source in zip(rendered, english, strict=True)
                            if text != source]
            sms = _leaflet_sms(code)
            if code == SOURCE_LANGUAGE or sms != english_sms:
                rendered.append(sms)
            built.patterns[code] = [p for p in map(pattern_of, rendered) if p is not None]
        return built

    def of(self, text: str) -> frozenset[str]:
        """The languages ``text`` is a rendering in; empty when it cannot be told."""
        body = text.strip()
        found = frozenset(code for code, patterns in self.patterns.items()
                          if any(p.fullmatch(body) for p in patterns))
        return found or self._detected(body)

    def _detected(self, text: str) -> frozenset[str]:
        words = URL.sub(" ", text)
        if len(re.findall(r"\w{2,}", words)) < 3:
            return frozenset()
        detector = self._detector()
        values = detector.compute_language_confidence_values(words)
        if not values or values[0].value < LINGUA_CONFIDENCE:
            return frozenset()
        code = self.lingua_codes.get(values[0].language.iso_code_639_1.name.lower())
        return frozenset({code}) if code else frozenset()

    def _detector(self) -> Any:
        if self.detector is None:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            ours = {language.code.split("_")[0].split("-")[0]: language.code
                    for language in all_languages() if "-" not in language.code}
            chosen = []
            for iso, code in ours.items():
                try:
                    chosen.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, iso.upper())))
                except (AttributeError, ValueError):
                    continue  # a language lingua does not know
                self.lingua_codes[iso] = code
            self.detector = LanguageDetectorBuilder.from_languages(*chosen).build()
        return self.detector


def same_language(found: Iterable[str], allowed: Iterable[str]) -> bool:
    """English Easy Read counts as English."""
    def plain(codes: Iterable[str]) -> set[str]:
        return {SOURCE_LANGUAGE if code == EASY_READ else code for code in codes}

    return bool(plain(found) & plain(allowed))
