"""False alarms of the offline checker on clean German (the WMT24 human reference).

Prints error+warning flags per 100 segments beside the same figure for raw Hunspell (every
word token it rejects), the figures per rule, and the most flagged words, so the checker's
false-alarm handling can be pushed further.

    python bench/false_alarms.py [--corpus PATH] [--top 40] [--show-hints]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.checking.flag import Severity  # noqa: E402
from review_app.checking.offline import OfflineChecker  # noqa: E402
from review_app.checking.offline.engine import Engine, EngineConfig  # noqa: E402
from review_app.checking.offline.names import DocumentStats  # noqa: E402
from review_app.checking.offline.speller import Speller, find_dictionary, load_hunspell  # noqa: E402
from review_app.checking.offline.tokens import tokenize  # noqa: E402
from review_app.checking.wordlists import WordLists  # noqa: E402
from review_app.config import OfflineSettings  # noqa: E402
from review_app.document import segment_text  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de" / "reference-A.de.txt"
_RAW_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def load_segments(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    text = text.split("\n", 1)[1] if "\n" in text else ""  # line 1 is the canary
    return [segment.text for segment in segment_text(text).segments]


def raw_hunspell(texts: list[str]) -> Counter[str]:
    """Every word token raw Hunspell rejects (a word it cannot encode counts as rejected)."""
    speller = Speller(load_hunspell(find_dictionary(None)))
    rejected: Counter[str] = Counter()
    for text in texts:
        for word in _RAW_WORD.findall(text):
            if speller.spell(word) is not True:
                rejected[word] += 1
    return rejected


def ablations(texts: list[str], words: WordLists) -> list[tuple[str, int]]:
    """Error+warning flags with one false-alarm signal switched off at a time (in process)."""
    rows = []
    for label in ("all signals", "no English dictionary", "no recurring-name signal"):
        engine = Engine(EngineConfig(find_dictionary(None)))
        stats = DocumentStats()
        if label != "no recurring-name signal":
            for text in texts:
                stats.add(tokenize(text))
        if label == "no English dictionary":
            engine.judge.english = None
            engine.speller.english = None
        results = engine.check(texts, words, stats, suggest=False)
        loud = sum(flag.severity >= Severity.WARNING for flags in results for flag in flags)
        rows.append((label, loud))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--show-hints", action="store_true", help="also list the top hints")
    parser.add_argument(
        "--ablations", action="store_true", help="also measure each signal's share (slower)"
    )
    args = parser.parse_args()

    texts = load_segments(args.corpus)
    n = len(texts)
    raw = raw_hunspell(texts)

    words = WordLists(personal_path=Path("/nonexistent"), personal=set(), project=set())
    checker = OfflineChecker(OfflineSettings(), words)
    started = time.perf_counter()
    checker.prepare(texts)
    results = checker.check(texts, suggest=False)
    elapsed = time.perf_counter() - started
    checker.close()

    loud = Counter()
    by_rule: Counter[tuple[str, str]] = Counter()
    hints: Counter[str] = Counter()
    for text, flags in zip(texts, results, strict=True):
        for flag in flags:
            by_rule[(flag.rule_id, flag.severity.label)] += 1
            if flag.severity >= Severity.WARNING:
                loud[f"{flag.rule_id}: {text[flag.start : flag.end]}"] += 1
            else:
                hints[f"{flag.rule_id}: {text[flag.start : flag.end]}"] += 1

    print(f"corpus: {args.corpus} ({n} segments)")
    for label, total in (
        ("raw Hunspell rejections", sum(raw.values())),
        ("offline error+warning flags", sum(loud.values())),
        ("offline hints", sum(hints.values())),
    ):
        print(f"{label + ':':32s}{total:6d}  = {100 * total / n:6.1f} per 100 segments")
    print(f"check time (suggest=False):     {elapsed:.2f} s = {n / elapsed:,.0f} segments/s")
    print("\nflags by rule and severity:")
    for (rule, severity), count in sorted(by_rule.items(), key=lambda item: -item[1]):
        print(f"  {rule:34s} {severity:8s} {count:5d}")
    print(f"\ntop {args.top} error+warning flags:")
    for key, count in loud.most_common(args.top):
        print(f"  {count:4d}  {key}")
    if args.show_hints:
        print(f"\ntop {args.top} hints:")
        for key, count in hints.most_common(args.top):
            print(f"  {count:4d}  {key}")
    if args.ablations:
        print("\nerror+warning flags per 100 segments with one signal off:")
        for label, count in ablations(texts, words):
            print(f"  {label:28s} {count:5d} = {100 * count / n:5.1f}")
    print(f"\ntop {min(args.top, 20)} raw Hunspell rejections:")
    print("  " + ", ".join(f"{word} {count}" for word, count in raw.most_common(min(args.top, 20))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
