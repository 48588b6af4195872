"""The figures of a conversation benchmark run, per language and overall.

>>> rate(3, 4), rate(0, 0)
('3/4 = 75.0 %', '0/0')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.conversation_judge import Outcome, Turn, Verdict
from benchmarks.conversation_set import Behaviour, Case
from benchmarks.stats import line, percentile

# The languages with hand-written training examples when the blind set was written.
TRAINED = frozenset({"en", "pl", "ro", "bn", "pt", "es", "ar", "tr", "ur", "so", "pa"})


@dataclass(frozen=True)
class Result:
    case: Case
    turn: Turn
    verdict: Verdict
    wrong_language: bool
    unknown_language: int  # replies whose language could not be told


def rate(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f} %" if whole else f"{part}/{whole}"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "    -"


def _latency(results: Sequence[Result]) -> tuple[float, float]:
    times = [r.turn.latency_ms for r in results if r.turn.latency_ms is not None]
    return percentile(times, 0.5), percentile(times, 0.95)


def _recall(results: Sequence[Result]) -> tuple[int, int]:
    danger = [r for r in results if r.case.is_danger]
    return sum(r.verdict.danger_reply for r in danger), len(danger)


def _language_rows(results: Sequence[Result]) -> None:
    print(f"\n  {'language':<9} {'n':>4} {'right %':>8} {'danger recall':>14} "
          f"{'wrong lang':>10} {'p50 ms':>8} {'p95 ms':>8}", flush=True)
    codes = sorted({r.case.language for r in results},
                   key=lambda code: (code not in TRAINED, code))
    for code in codes:
        group = [r for r in results if r.case.language == code]
        caught, dangers = _recall(group)
        p50, p95 = _latency(group)
        right = _pct(sum(r.verdict.right for r in group), len(group))
        print(f"  {code:<9} {len(group):>4} {right:>8}"
              f" {f'{caught}/{dangers}':>14} {sum(r.wrong_language for r in group):>10}"
              f" {p50:>8.0f} {p95:>8.0f}", flush=True)


def print_report(results: Sequence[Result], *, show_errors: bool) -> None:
    _language_rows(results)
    n = len(results)
    print("\n  overall", flush=True)
    line("right behaviour", rate(sum(r.verdict.right for r in results), n))
    for label, group in (("  languages trained", [r for r in results
                                                   if r.case.language in TRAINED]),
                         ("  other languages", [r for r in results
                                                if r.case.language not in TRAINED])):
        line(label, rate(sum(r.verdict.right for r in group), len(group)))
    line("danger + self-harm recall (999 first)", rate(*_recall(results)))
    flagged = [r for r in results if r.verdict.danger_reply]
    line("danger precision (danger replies to danger texts)",
         rate(sum(r.case.is_danger for r in flagged), len(flagged)))
    self_harm = [r for r in results if r.case.behaviour is Behaviour.SELF_HARM]
    line("self-harm: 999, 116 123 and the support line",
         rate(sum(r.verdict.right for r in self_harm), len(self_harm)))
    line("erasure or withdrawal started",
         str(sum(r.verdict.outcome == Outcome.DESTRUCTIVE for r in results)))
    line("messages with a wrong-language reply", rate(sum(r.wrong_language for r in results), n))
    line("replies whose language could not be told",
         str(sum(r.unknown_language for r in results)))
    line("messages with no reply", str(sum(r.verdict.outcome == Outcome.NO_REPLY
                                            for r in results)))
    p50, p95 = _latency(results)
    line("inbound text -> first reply at the phone", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print("\n  right behaviour by expected behaviour", flush=True)
    for behaviour in Behaviour:
        group = [r for r in results if r.case.behaviour is behaviour]
        if group:
            line(f"  {behaviour.value}", rate(sum(r.verdict.right for r in group), len(group)))
    if show_errors:
        _errors(results)


def _errors(results: Sequence[Result]) -> None:
    print("\n  wrong messages (this spends the set: write a new blind one after)", flush=True)
    for r in results:
        if r.verdict.right and not r.wrong_language:
            continue
        language = " [wrong language]" if r.wrong_language else ""
        print(f"  {r.case.id} expected {r.case.behaviour.value}: {r.verdict.outcome}{language}; "
              f"replies {', '.join(u for u in r.turn.utterances if u) or '-'}; "
              f"text {r.case.text!r}", flush=True)
