"""Speed and memory of the offline checker on real MT output, suggestions for every error.

Checks all six WMT24 system outputs (each file a document: prepare, then check with
suggest=True) and prints sentences/s and peak memory (RSS); then the interactive path on one
file: screens of 20 sentences with suggest=False, and `suggest` for each error (Hunspell's
own suggest runs in worker processes, whose peak RSS is printed separately).

    python bench/bench_offline.py [--systems DIR] [--repeat-warm]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.checking.flag import Severity  # noqa: E402
from review_app.checking.offline import OfflineChecker  # noqa: E402
from review_app.checking.wordlists import WordLists  # noqa: E402
from review_app.config import OfflineSettings  # noqa: E402
from review_app.document import segment_text  # noqa: E402

DEFAULT_SYSTEMS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de" / "systems"


def load_segments(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    text = text.split("\n", 1)[1] if "\n" in text else ""  # line 1 is the canary
    return [segment.text for segment in segment_text(text).segments]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", type=Path, default=DEFAULT_SYSTEMS)
    args = parser.parse_args()

    files = sorted(args.systems.glob("*.de.txt"))
    documents = {path.name: load_segments(path) for path in files}
    total = sum(len(texts) for texts in documents.values())

    words = WordLists(personal_path=Path("/nonexistent"), personal=set(), project=set())
    started = time.perf_counter()
    checker = OfflineChecker(OfflineSettings(), words)
    load_time = time.perf_counter() - started

    print(
        f"{'file':28s} {'sentences':>9s} {'seconds':>8s} {'sent/s':>8s} {'errors':>7s} "
        f"{'warnings':>8s} {'hints':>6s} {'no sugg.':>8s}"
    )
    started = time.perf_counter()
    for name, texts in documents.items():
        begin = time.perf_counter()
        checker.prepare(texts)
        results = checker.check(texts, suggest=True)
        elapsed = time.perf_counter() - begin
        counts: Counter[Severity] = Counter()
        missing = 0
        for flags in results:
            for flag in flags:
                counts[flag.severity] += 1
                if flag.severity == Severity.ERROR and not flag.suggestions:
                    missing += 1
        print(
            f"{name:28s} {len(texts):9d} {elapsed:8.2f} {len(texts) / elapsed:8.0f} "
            f"{counts[Severity.ERROR]:7d} {counts[Severity.WARNING]:8d} "
            f"{counts[Severity.HINT]:6d} {missing:8d}"
        )
    elapsed = time.perf_counter() - started
    checker.close()

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nchecker start-up: {load_time:.2f} s")
    print(
        f"all files: {total} sentences in {elapsed:.2f} s = {total / elapsed:,.0f} sentences/s "
        "(suggestions for every error and warning, one process)"
    )
    print(f"peak RSS after the batch run: {own:.0f} MB")
    interactive(documents.get("GPT-4.de.txt", texts), words)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS at the end: main process {own:.0f} MB (two checkers' caches)")
    return 0


def children_rss_mb() -> list[float]:
    """Current RSS of this process's child processes (the suggestion workers), from /proc."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in lines if ":" in line)
        if fields.get("PPid", "").strip() == str(os.getpid()) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sizes


def interactive(texts: list[str], words: WordLists) -> None:
    """The TUI's way, on a fresh checker: screens of 20 sentences with suggest=False, in this
    process; then `suggest` for each error flag (thorough search, Hunspell in a worker)."""
    checker = OfflineChecker(OfflineSettings(), words)
    checker.prepare(texts)
    started = time.perf_counter()
    screens = [checker.check(texts[i : i + 20], suggest=False) for i in range(0, len(texts), 20)]
    elapsed = time.perf_counter() - started
    print(
        f"\ninteractive: {len(texts)} sentences in screens of 20, suggest=False: "
        f"{len(texts) / elapsed:,.0f} sentences/s ({1000 * elapsed / len(screens):.1f} ms a screen)"
    )
    latencies = []
    for offset, flags in enumerate(screens):
        for index, segment_flags in enumerate(flags):
            for flag in segment_flags:
                if flag.severity >= Severity.WARNING and flag.word:
                    begin = time.perf_counter()
                    checker.suggest(texts[offset * 20 + index], flag)
                    latencies.append(time.perf_counter() - begin)
    workers = children_rss_mb()
    checker.close()
    if latencies:
        latencies.sort()
        p50 = latencies[len(latencies) // 2] * 1000
        p95 = latencies[int(len(latencies) * 0.95)] * 1000
        print(
            f"suggest() for {len(latencies)} error/warning flags: p50 {p50:.1f} ms, "
            f"p95 {p95:.1f} ms, max {latencies[-1] * 1000:.0f} ms (first call starts the workers)"
        )
    print("suggestion worker processes, RSS: " + ", ".join(f"{mb:.0f} MB" for mb in workers))


if __name__ == "__main__":
    raise SystemExit(main())
