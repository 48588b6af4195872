"""The per-language safety messages of the two development sets, for tests and figures.

``safety_cases.tsv`` is the first set; ``safety_cases_2.tsv`` was written later, before the
lexicons were tuned on it, by the same hand that then tuned them (so it is no blind judge).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES_TSV = REPO / "tests" / "nlu" / "data" / "safety_cases.tsv"
CASES_2_TSV = REPO / "tests" / "nlu" / "data" / "safety_cases_2.tsv"
LANGUAGES_TSV = REPO / "locales" / "languages.tsv"


@dataclass(frozen=True)
class SafetyCase:
    language: str  # a code of locales/languages.tsv, or "<base>-Latn" for a romanised form
    kind: str  # "danger", "self_harm", "leaflet" (asks for the leaflet) or "safe"
    text: str


def safety_cases(path: Path = CASES_TSV) -> list[SafetyCase]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            language, kind, text = line.split("\t")
            cases.append(SafetyCase(language=language, kind=kind, text=text))
    return cases


def leaflet_languages() -> list[str]:
    return [line.split("\t")[0] for line in LANGUAGES_TSV.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
