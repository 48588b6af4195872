"""A force's crime-reference pattern, tried before it is saved: refused when it is not a regular
expression, is too long, or could take too long to match (catastrophic backtracking); tried on
sample references with the one rule the portal applies when an officer gives a leaflet
(``crimes.references.normalise_for_force``).

Python's ``re`` cannot be stopped mid-match, so a pattern such as ``(\\d+)+/`` would hang a
worker on a 64-character reference. Two guards: a repeat inside a repeat of variable length is
refused outright, and every other pattern is run by ``re`` itself against reference-length probe
strings in a forked child process, which is killed if it has not finished in time.

>>> check_pattern(r"\\d{2}/\\d{6}/\\d{2}")
>>> check_pattern(r"(\\d+)+/")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
portal.reference_patterns.PatternRefused: That pattern could take too long ... inside a repeat)...
>>> [trial.matches for trial in try_pattern(pattern=r"\\d{2}/\\d{6}/\\d{2}",
...                                         samples=["01/234567/26", "1/2/3"])]
[True, False]
"""

from __future__ import annotations

import multiprocessing
import re
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterable
from dataclasses import dataclass

from crimes.references import MAX_LENGTH as MAX_REFERENCE_LENGTH
from crimes.references import CrimeReferenceError, normalise, normalise_for_force
from organisations.models import Organisation

MAX_PATTERN_LENGTH = 100
MAX_SAMPLES = 20
PROBE_TIMEOUT_S = 0.5  # for every probe together; a safe pattern needs microseconds
# Characters crime references are made of; each is repeated to a reference's full length.
PROBE_CHARACTERS = "A0a/-._ "
EXAMPLE = r"\d{2}/\d{6}/\d{2}"
REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT",
                                                                sre_parse.MAX_REPEAT)}


class PatternRefused(ValueError):
    """A pattern that may not be saved; the message says why in plain words."""


@dataclass(frozen=True)
class SampleTrial:
    sample: str
    normalised: str
    matches: bool


def _nested_repeat(parsed: object, *, inside_repeat: bool = False) -> bool:
    """Whether a variable-length repeat sits inside another repeat of more than once."""
    if isinstance(parsed, (list, tuple, sre_parse.SubPattern)):
        items = list(parsed)
        if len(items) == 2 and items[0] in REPEATS and isinstance(items[1], tuple):
            low, high, inner = items[1]
            if inside_repeat and low != high:
                return True
            return _nested_repeat(inner, inside_repeat=inside_repeat or high > 1)
        return any(_nested_repeat(item, inside_repeat=inside_repeat) for item in items)
    return False


def _probes(pattern: str) -> Iterable[str]:
    letters = {char for char in pattern if char.isalnum()} | set(PROBE_CHARACTERS)
    for char in sorted(letters):
        yield char * MAX_REFERENCE_LENGTH + "!"
    yield "0A/" * (MAX_REFERENCE_LENGTH // 3) + "!"


def _match_probes(pattern: str) -> None:
    compiled = re.compile(pattern)
    for probe in _probes(pattern):
        compiled.fullmatch(probe)


def _finishes_in_time(pattern: str) -> bool:
    """Whether ``re`` matches every probe within PROBE_TIMEOUT_S (in a child it can kill)."""
    child = multiprocessing.get_context("fork").Process(target=_match_probes, args=(pattern,),
                                                         daemon=True)
    child.start()
    child.join(PROBE_TIMEOUT_S)
    if child.is_alive():
        child.kill()
        child.join()
        return False
    return child.exitcode == 0


def check_pattern(pattern: str) -> None:
    """Return quietly for a pattern safe to save (blank: any reference); else PatternRefused."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternRefused(f"That pattern is {len(pattern)} characters long; the most is "
                             f"{MAX_PATTERN_LENGTH}.")
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as error:
        raise PatternRefused(f"That is not a valid pattern: {error}.") from error
    if _nested_repeat(parsed):
        raise PatternRefused("That pattern could take too long to check a reference (a repeat "
                             f"inside a repeat). Write each part once, for example {EXAMPLE}.")
    if not _finishes_in_time(pattern):
        raise PatternRefused("That pattern takes too long to check a reference. Make it "
                             f"simpler, for example {EXAMPLE}.")


def try_pattern(*, pattern: str, samples: Iterable[str]) -> list[SampleTrial]:
    """Each sample, normalised as the portal stores it, and whether the force would accept it.

    Call only with a pattern ``check_pattern`` accepted.
    """
    force = Organisation(crime_reference_pattern=pattern)
    trials = []
    for sample in list(samples)[:MAX_SAMPLES]:
        try:
            normalised = normalise_for_force(organisation=force, reference=sample)
        except CrimeReferenceError:
            trials.append(SampleTrial(sample=sample, normalised=normalise(sample),
                                      matches=False))
        else:
            trials.append(SampleTrial(sample=sample, normalised=normalised, matches=True))
    return trials
