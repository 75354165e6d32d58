"""Source-aware QA on real data: false alarms on a professional translation, hits on MQM
annotations, and how many name hints copied names cost the offline checker.

1. WMT24 reference-A read with its source (professional, should be nearly silent):
   error+warning flags per 100 segments, per rule; the length-ratio distribution.
2. MQM (WMT21 TED): how many "Accuracy/Mistranslation, Omission, Untranslated, Addition" and
   "Fluency/Punctuation" annotations a QA flag hits (span overlap; an omission, which has no
   span, counts as hit when its segment has an error or warning QA flag).
3. The offline checker's name/spelling hints on reference-A per 100 segments, with and
   without `drop_copied_names`.

    python bench/qa_false_alarms.py [--mqm-limit N] [--skip-names]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.checking.flag import Flag, Severity  # noqa: E402
from review_app.qa import check_file, drop_copied_names  # noqa: E402
from review_app.qa.names import is_spelling_flag  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
WMT24 = SHARED / "wmt24-en-de"
MQM = SHARED / "mqm-ted21-en-de" / "segments.jsonl"
MQM_CATEGORIES = (
    "Accuracy/Mistranslation",
    "Accuracy/Omission",
    "Accuracy/Untranslated text",
    "Accuracy/Addition",
    "Fluency/Punctuation",
)


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[1:]  # line 1 is the canary


def loud(flags: list[Flag]) -> list[Flag]:
    return [flag for flag in flags if flag.severity >= Severity.WARNING]


def reference_figures(sources: list[str], targets: list[str]) -> None:
    # a pair that reaches the identifier, so that its 0.3 s load is not in the timed run
    check_file(
        [("This is what we have done for you.", "This is what we have done for all of you now.")]
    )
    started = time.perf_counter()
    results = check_file(list(zip(sources, targets, strict=True)))
    elapsed = time.perf_counter() - started
    n = len(sources)
    by_rule: Counter[tuple[str, str]] = Counter()
    for flags in results:
        for flag in flags:
            by_rule[(flag.rule_id, flag.severity.label)] += 1
    total = sum(len(loud(flags)) for flags in results)
    hints = sum(flag.severity == Severity.HINT for flags in results for flag in flags)
    print(
        f"WMT24 reference-A with source: {n} segments, checked in {elapsed:.2f} s "
        f"({n / elapsed:,.0f} segments/s)"
    )
    print(f"  error+warning flags: {total} = {100 * total / n:.1f} per 100 segments")
    print(f"  hints:               {hints} = {100 * hints / n:.1f} per 100 segments")
    for (rule, severity), count in sorted(by_rule.items(), key=lambda item: -item[1]):
        print(f"    {rule:30s} {severity:8s} {count:5d} = {100 * count / n:5.1f} per 100")
    ratios = sorted(
        len(t.strip()) / len(s.strip())
        for s, t in zip(sources, targets, strict=True)
        if len(s.strip()) >= 20
    )

    def percentile(p: float) -> float:
        return ratios[min(len(ratios) - 1, int(p * len(ratios)))]

    marks = ", ".join(f"{p:g}%: {percentile(p / 100):.3f}" for p in (0.5, 1, 50, 99, 99.5))
    print(f"  length ratio (target/source, sources of 20+ characters, {len(ratios)}): {marks}")


def _overlaps(start: int, end: int, flag: Flag) -> bool:
    if flag.start == flag.end:
        return start <= flag.start <= end
    return start < flag.end and flag.start < end


def mqm_figures(limit: int | None) -> None:
    records = [json.loads(line) for line in MQM.read_text(encoding="utf-8").splitlines()]
    records = records[:limit] if limit else records
    results = check_file([(r["source"], r["text"]) for r in records])
    annotations: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    for record, flags in zip(records, results, strict=True):
        loud_flags = loud(flags)
        for category, _severity, start, end, _rater in record["errors"]:
            if category not in MQM_CATEGORIES:
                continue
            annotations[category] += 1
            if start is None:
                found = loud_flags
            else:
                found = [f for f in loud_flags if _overlaps(start, end, f)]
            if found:
                hit[category] += 1
                by_rule.update({f.rule_id for f in found})
    clean = [
        f for r, flags in zip(records, results, strict=True) if r["clean"] for f in loud(flags)
    ]
    n_clean = sum(r["clean"] for r in records)
    print(f"\nMQM (WMT21 TED en-de): {len(records)} segments")
    for category in MQM_CATEGORIES:
        total = annotations[category]
        share = 100 * hit[category] / total if total else 0.0
        print(f"  {category:28s} {hit[category]:4d} of {total:5d} annotations hit ({share:.1f}%)")
    print("  rules that hit: " + ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common()))
    print(
        f"  error+warning flags on the {n_clean} segments raters found clean: {len(clean)} "
        f"= {100 * len(clean) / max(n_clean, 1):.1f} per 100"
    )


def name_hint_figures(sources: list[str], targets: list[str]) -> None:
    from review_app.checking.select import make_checker
    from review_app.config import CheckSettings, Settings

    checker = make_checker(Settings(check=CheckSettings(checker="offline")))
    try:
        checker.prepare(targets)
        results = checker.check(targets, suggest=False)
    finally:
        checker.close()
    n = len(targets)
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    for source, target, flags in zip(sources, targets, results, strict=True):
        kept = drop_copied_names(flags, target, source)
        for key, found in ((before, flags), (after, kept)):
            for flag in found:
                if is_spelling_flag(flag):
                    key[flag.severity.label] += 1
                    key[f"rule {flag.rule_id}"] += 1
        for flag in set(flags) - set(kept):
            dropped[flag.flagged(target)] += 1
    print(f"\nOffline checker's spelling/name flags on reference-A ({n} segments), per 100:")
    print(f"  {'':30s} {'target alone':>12s} {'with source':>12s}")
    rows = ["hint", "warning", "error", *sorted(k for k in before if k.startswith("rule "))]
    for key in rows:
        print(f"  {key:30s} {100 * before[key] / n:12.1f} {100 * after[key] / n:12.1f}")
    print("  most dropped: " + ", ".join(f"{w} {c}" for w, c in dropped.most_common(15)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mqm-limit", type=int, default=None, help="first N MQM segments")
    parser.add_argument("--skip-names", action="store_true", help="skip the offline checker")
    args = parser.parse_args()
    sources = read_lines(WMT24 / "source.en.txt")
    targets = read_lines(WMT24 / "reference-A.de.txt")
    reference_figures(sources, targets)
    mqm_figures(args.mqm_limit)
    if not args.skip_names:
        name_hint_figures(sources, targets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
