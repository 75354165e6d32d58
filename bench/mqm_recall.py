"""What the offline checker finds on professional MQM annotations (the development set).

For each MQM category, the share of the raters' error spans that an error or warning flag
overlaps (recall), and error+warning flags per 100 segments the raters found clean (false
alarms). Per rule: flags that hit an annotated span, flags on clean segments, hints. Each
talk of each system is one document (prepare, then check), as in a real review.

    python bench/mqm_recall.py [--corpus PATH] [--show-missed Fluency/Spelling] [--show-clean]
        [--rule RULE_ID] [--limit 40] [--sample-clean 50 --seed 1 > bench/x.tsv]
    python bench/mqm_recall.py --score-clean bench/judged_clean_mqm.tsv

--score-clean reads such a sample once judged by hand (the verdict column starts with
"missed", a real error the raters missed; "false", a false alarm; or "debatable", then a
reason) and prints the counts per verdict and per rule, without running the checker.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.checking.flag import Flag, Severity  # noqa: E402
from review_app.checking.offline import OfflineChecker  # noqa: E402
from review_app.checking.wordlists import WordLists  # noqa: E402
from review_app.config import OfflineSettings  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "mqm-ted21-en-de" / "segments.jsonl"
CATEGORIES = ("Fluency/Spelling", "Fluency/Grammar", "Fluency/Punctuation")
TARGETS = {"Fluency/Spelling": 50.0, "Fluency/Grammar": 10.0, "Fluency/Punctuation": 60.0}
CLEAN_LIMIT = 2.0
VERDICTS = ("missed", "false", "debatable")


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def check_all(segments: list[dict]) -> list[list[Flag]]:
    """Flags for every segment, each (system, talk) checked as one document."""
    documents: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, segment in enumerate(segments):
        documents[(segment["system"], segment["doc"])].append(index)
    words = WordLists(personal_path=Path("/nonexistent"), personal=set(), project=set())
    checker = OfflineChecker(OfflineSettings(), words)
    results: list[list[Flag]] = [[] for _ in segments]
    try:
        for indexes in documents.values():
            texts = [segments[i]["text"] for i in indexes]
            checker.prepare(texts)
            for i, flags in zip(indexes, checker.check(texts, suggest=True), strict=True):
                results[i] = flags
    finally:
        checker.close()
    return results


def overlaps(flag: Flag, start: int, end: int) -> bool:
    return flag.start < max(end, start + 1) and start < flag.end


def score_clean(path: Path) -> int:
    """Counts per verdict and per rule of a judged --sample-clean file."""
    by_verdict: Counter[str] = Counter()
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        if "rule" not in header or "verdict" not in header:
            print(f"{path}: no rule/verdict columns in the header", file=sys.stderr)
            return 2
        for line in handle:
            if not line.strip():
                continue
            cells = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
            words = cells.get("verdict", "").split()
            verdict = words[0].lower() if words else ""
            if verdict not in VERDICTS:
                verdict = "unjudged" if not verdict else f"other ({verdict})"
            by_verdict[verdict] += 1
            by_rule[cells.get("rule", "")][verdict] += 1
    total = sum(by_verdict.values())
    print(f"{total} flags on clean segments judged in {path}")
    columns = [*VERDICTS, *sorted(set(by_verdict) - set(VERDICTS))]
    for verdict in columns:
        share = 100 * by_verdict[verdict] / total if total else 0.0
        print(f"  {verdict:12s} {by_verdict[verdict]:4d}  {share:5.1f} %")
    print(f"\n{'rule':36s}" + "".join(f" {verdict[:10]:>10s}" for verdict in columns))
    for rule in sorted(by_rule, key=lambda r: (-sum(by_rule[r].values()), r)):
        print(f"{rule:36s}" + "".join(f" {by_rule[rule][verdict]:10d}" for verdict in columns))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show-missed", metavar="CATEGORY", help="print missed spans")
    parser.add_argument("--show-clean", action="store_true", help="print flags on clean segments")
    parser.add_argument("--rule", help="only this rule in --show-clean / hits listings")
    parser.add_argument("--show-hits", action="store_true", help="print flags that hit a span")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument(
        "--sample-clean", type=int, default=0, help="print N random e+w flags on clean segments"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--score-clean",
        type=Path,
        metavar="FILE",
        help="count the verdicts (missed / false / debatable) of a judged --sample-clean file",
    )
    args = parser.parse_args()

    if args.score_clean:
        return score_clean(args.score_clean)

    segments = load(args.corpus)
    started = time.perf_counter()
    results = check_all(segments)
    elapsed = time.perf_counter() - started

    spans: Counter[str] = Counter()
    found: Counter[str] = Counter()
    missed: dict[str, list[tuple[dict, list]]] = defaultdict(list)
    hits_by_rule: Counter[str] = Counter()
    clean_by_rule: Counter[str] = Counter()
    hints_by_rule: Counter[str] = Counter()
    clean_flags: list[tuple[dict, Flag]] = []
    hit_flags: list[tuple[dict, Flag]] = []
    clean_segments = 0
    for segment, flags in zip(segments, results, strict=True):
        strong = [flag for flag in flags if flag.severity >= Severity.WARNING]
        for flag in flags:
            if flag.severity == Severity.HINT:
                hints_by_rule[flag.rule_id] += 1
        for error in segment["errors"]:
            category, _severity, start, end, _rater = error
            if start is None:
                continue
            spans[category] += 1
            if any(overlaps(flag, start, end) for flag in strong):
                found[category] += 1
            else:
                missed[category].append((segment, error))
        if segment["clean"]:
            clean_segments += 1
            for flag in strong:
                clean_by_rule[flag.rule_id] += 1
                clean_flags.append((segment, flag))
        else:
            for flag in strong:
                if any(e[2] is not None and overlaps(flag, e[2], e[3]) for e in segment["errors"]):
                    hits_by_rule[flag.rule_id] += 1
                    hit_flags.append((segment, flag))

    print(f"{len(segments)} segments checked in {elapsed:.1f} s ({len(segments) / elapsed:,.0f}/s)")
    print(f"\n{'category':32s} {'spans':>6s} {'found':>6s} {'recall':>7s} {'target':>7s}")
    for category in (*CATEGORIES, *sorted(set(spans) - set(CATEGORIES))):
        share = 100 * found[category] / spans[category] if spans[category] else 0.0
        target = f"{TARGETS[category]:.0f} %" if category in TARGETS else ""
        print(
            f"{category:32s} {spans[category]:6d} {found[category]:6d} {share:6.1f}% {target:>7s}"
        )
    total_clean = sum(clean_by_rule.values())
    print(
        f"\nerror+warning flags on {clean_segments} clean segments: {total_clean} = "
        f"{100 * total_clean / clean_segments:.2f} per 100 (limit {CLEAN_LIMIT})"
    )
    rules = sorted(set(hits_by_rule) | set(clean_by_rule) | set(hints_by_rule))
    print(f"\n{'rule':36s} {'hits':>6s} {'on clean':>9s} {'hints':>6s}")
    for rule in sorted(rules, key=lambda r: -(hits_by_rule[r] + clean_by_rule[r])):
        print(
            f"{rule:36s} {hits_by_rule[rule]:6d} {clean_by_rule[rule]:9d} {hints_by_rule[rule]:6d}"
        )

    if args.show_missed:
        print(f"\nmissed {args.show_missed} spans:")
        for segment, error in missed[args.show_missed][: args.limit]:
            text, start, end = segment["text"], error[2], error[3]
            print(f"  «{text[start:end]}» in …{text[max(0, start - 40) : end + 40]}…")
    if args.show_clean:
        print("\ne+w flags on clean segments:")
        shown = [(s, f) for s, f in clean_flags if not args.rule or f.rule_id == args.rule]
        for segment, flag in shown[: args.limit]:
            print(
                f"  {flag.rule_id}: «{flag.flagged(segment['text'])}» {flag.suggestions[:2]}"
                f" in …{segment['text'][max(0, flag.start - 40) : flag.end + 40]}…"
            )
    if args.show_hits:
        print("\ne+w flags hitting an annotated span:")
        shown = [(s, f) for s, f in hit_flags if not args.rule or f.rule_id == args.rule]
        for segment, flag in shown[: args.limit]:
            print(f"  {flag.rule_id}: «{flag.flagged(segment['text'])}» {flag.suggestions[:2]}")
    if args.sample_clean:
        rng = random.Random(args.seed)
        sample = rng.sample(clean_flags, min(args.sample_clean, len(clean_flags)))
        print("\nsystem\tdoc\tseg\trule\tflagged\tsuggestion\tcontext\tverdict")
        for segment, flag in sample:
            context = segment["text"][max(0, flag.start - 50) : flag.end + 50]
            first = flag.suggestions[0] if flag.suggestions else ""
            print(
                f"{segment['system']}\t{segment['doc']}\t{segment['seg']}\t{flag.rule_id}\t"
                f"{flag.flagged(segment['text'])}\t{first}\t{context}\t"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
