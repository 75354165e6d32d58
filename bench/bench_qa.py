"""Speed of the source-aware QA stage: segments/s of `check_file` on the WMT24 reference-A with
its source (997 pairs) and on the MQM WMT21 TED segments (7,406 pairs), the time share of each
rule (each rule function timed on its own, the reading of numbers/dates/URLs apart), and the
peak RSS. Caches are cleared before each timed run, so every run reads every text afresh.

    python bench/bench_qa.py [--repeat N] [--dump FILE]

--dump writes every flag of both corpora, one JSON line each (corpus, unit, rule, start, end,
severity, message, suggestions), to compare the flags before and after a change.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.checking.flag import Flag  # noqa: E402
from review_app.qa import (  # noqa: E402
    check_file,
    consistency,
    language,
    reading,
    rules,
    rules_text,
)
from review_app.qa.registry import Pair  # noqa: E402
from review_app.qa.settings import QaSettings  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
WMT24 = SHARED / "wmt24-en-de"
MQM = SHARED / "mqm-ted21-en-de" / "segments.jsonl"

Units = list[tuple[str, str]]


def wmt24_pairs() -> Units:
    def lines(name: str) -> list[str]:
        return (WMT24 / name).read_text(encoding="utf-8").splitlines()[1:]  # line 1: canary

    return list(zip(lines("source.en.txt"), lines("reference-A.de.txt"), strict=True))


def mqm_pairs() -> Units:
    records = [json.loads(line) for line in MQM.read_text(encoding="utf-8").splitlines()]
    return [(record["source"], record["text"]) for record in records]


def clear_caches() -> None:
    """Forget every text the QA modules have read (not the language model nor compiled
    patterns), so that a timed run pays for all its reading."""
    import review_app.qa as qa

    for module in list(sys.modules.values()):
        if module is None or not getattr(module, "__name__", "").startswith(qa.__name__):
            continue
        for name, value in list(vars(module).items()):
            keep = name in ("_identifier",) or name.endswith("_pattern")
            if callable(getattr(value, "cache_clear", None)) and not keep:
                value.cache_clear()


def timed_run(units: Units, repeat: int) -> tuple[float, list[list[Flag]]]:
    """The best time of `repeat` cold runs of check_file, and its flags."""
    best = float("inf")
    found: list[list[Flag]] = []
    for _ in range(repeat):
        clear_caches()
        started = time.perf_counter()
        found = check_file(units)
        best = min(best, time.perf_counter() - started)
    return best, found


class Stopwatch:
    """Wraps a function and adds up the time spent in it and its calls."""

    def __init__(self, function: Callable) -> None:
        self.function = function
        self.seconds = 0.0
        self.calls = 0

    def __call__(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return self.function(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1


def rule_shares(units: Units) -> tuple[Counter[str], float, Stopwatch]:
    """Seconds per rule over `units` (reading apart), the total, and the language
    identifier's stopwatch (its time is inside ENGLISH_IN_TARGET)."""
    clear_caches()
    settings = QaSettings()
    spent: Counter[str] = Counter()
    identifier = Stopwatch(rules_text.english_probability)
    rules_text.english_probability = identifier
    clock = time.perf_counter
    try:
        started = clock()
        for source, target in units:
            pair = Pair(source, target, settings, ())
            t0 = clock()
            reading.read_source(source)
            reading.read_target(target)
            spent["(reading: URLs, numbers, dates, times)"] += clock() - t0
            empty = not target.strip()
            for rule in rules.UNIT_RULES:
                if empty and rule.id not in rules._ON_EMPTY:
                    continue
                t0 = clock()
                rule.check(pair)
                spent[rule.id] += clock() - t0
        t0 = clock()
        consistency.consistency_flags(units, settings)
        spent["(consistency, file-wide)"] += clock() - t0
        total = clock() - started
    finally:
        rules_text.english_probability = identifier.function
    return spent, total, identifier


def report(name: str, units: Units, repeat: int) -> list[list[Flag]]:
    elapsed, found = timed_run(units, repeat)
    n = len(units)
    flags = sum(len(unit_flags) for unit_flags in found)
    print(
        f"{name}: {n} pairs, check_file {elapsed:.3f} s (best of {repeat}) = "
        f"{n / elapsed:,.0f} segments/s, {1000 * elapsed / n:.3f} ms/segment; {flags} flags"
    )
    spent, total, identifier = rule_shares(units)
    for _ in range(repeat - 1):  # the least time of each rule over the runs
        more, _, more_identifier = rule_shares(units)
        spent = Counter({rule: min(seconds, more[rule]) for rule, seconds in spent.items()})
        if more_identifier.seconds < identifier.seconds:
            identifier = more_identifier
    total = sum(spent.values())
    print(f"  per-rule time (each rule timed alone, least of {repeat} runs, {total:.3f} s in all):")
    for rule_id, seconds in spent.most_common():
        print(f"    {rule_id:40s} {1000 * seconds:8.1f} ms {100 * seconds / total:5.1f}%")
    print(
        f"    of which the language identifier:       {1000 * identifier.seconds:8.1f} ms "
        f"{100 * identifier.seconds / total:5.1f}% ({identifier.calls} calls)"
    )
    return found


def dump(path: Path, corpora: dict[str, list[list[Flag]]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for corpus, found in corpora.items():
            for unit, flags in enumerate(found):
                for f in flags:
                    row = [corpus, unit, f.rule_id, f.start, f.end, f.severity.label, f.message]
                    out.write(json.dumps([*row, list(f.suggestions)], ensure_ascii=False) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs, best kept")
    parser.add_argument("--dump", type=Path, help="write every flag here (JSON lines)")
    args = parser.parse_args()
    started = time.perf_counter()
    language.english_probability("Load the language model first.")
    print(f"loading the language model: {time.perf_counter() - started:.2f} s")
    corpora = {
        "wmt24": report("WMT24 reference-A", wmt24_pairs(), args.repeat),
        "mqm": report("MQM WMT21 TED", mqm_pairs(), args.repeat),
    }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")
    if args.dump:
        dump(args.dump, corpora)
        print(f"flags written to {args.dump}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
