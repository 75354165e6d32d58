"""Speed of segmentation (`segment_text`): lines/s and segments/s, the fast path and the old one.

Usage: python bench/bench_segment.py [--lines 300000] [--sentences] [--old] [--report]
       [--repeat 1]
Input: the six WMT24 system outputs in ../shared/corpora/wmt24-en-de/systems/ (line 1 of each,
the canary, left out), their lines repeated up to --lines lines; with --sentences their
sentences, one a line (the layout of bench/bench_scale.py), repeated up to --lines lines.
  --old     also time the old path (choppa's own SrxTextIterator on every line) and check that
            both give the same segments
  --report  also run `review-app report FILE --jobs 1 --format jsonl` on the same text in a child
            process (fresh config and cache) and print segmentation's share of its CPU time
Times are CPU seconds of this process (the machine may be shared); the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SYSTEMS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de" / "systems"

from review_app.document import Document, read_text  # noqa: E402
from review_app.document.segment import (  # noqa: E402
    _rules,
    segment_text,
    split_sentences,
    split_sentences_reference,
)
from review_app.errors import InputError  # noqa: E402


def corpus_text(lines: int, sentences: bool) -> str:
    found: list[str] = []
    for path in sorted(SYSTEMS.glob("*.de.txt")):
        found += path.read_text(encoding="utf-8").splitlines()[1:]
    if not found:
        sys.exit(f"no system files in {SYSTEMS}")
    if sentences:
        found = [s.text for s in segment_text("\n".join(found) + "\n").segments]
    repeated = (found * (lines // len(found) + 1))[:lines]
    return "\n".join(repeated) + "\n"


def timed(run: Callable[[], Document], repeat: int) -> tuple[float, Document]:
    best, document = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        document = run()
        best = min(best, time.process_time() - started)
    assert document is not None
    return best, document


def show(label: str, seconds: float, lines: int, document: Document) -> None:
    print(
        f"{label:34s} {seconds:7.2f} s CPU  {lines / seconds:9,.0f} lines/s  "
        f"{len(document) / seconds:9,.0f} segments/s"
    )


def report_cpu(text: str) -> float:
    """CPU seconds of `review-app report --jobs 1 --format jsonl` on `text` (child process)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.de.txt"
        source.write_text(text, encoding="utf-8")
        env = dict(os.environ)
        env.update(REVIEW_APP_CONFIG_DIR=f"{tmp}/config", REVIEW_APP_CACHE_DIR=f"{tmp}/cache")
        command = [sys.executable, "-m", "review_app", "report", str(source), "--jobs", "1"]
        command += ["--checker", "offline", "--format", "jsonl", "-o", f"{tmp}/out.jsonl", "-q"]
        command += ["--fail-on", "never"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            sys.exit(f"report failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{'review-app report --jobs 1 (jsonl)':34s} {cpu:7.2f} s CPU  ({wall:.1f} s wall)")
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--sentences", action="store_true", help="one sentence a line")
    parser.add_argument("--old", action="store_true", help="also time choppa's iterator")
    parser.add_argument("--report", action="store_true", help="also time review-app report")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    args = parser.parse_args()
    started = time.process_time()
    _rules("de")
    compiling = time.process_time() - started
    text = corpus_text(args.lines, args.sentences)
    layout = "sentence lines" if args.sentences else "lines"
    print(f"load average {os.getloadavg()[0]:.2f}; {args.lines:,} {layout}, {len(text):,} chars")
    print(f"{'compiling the SRX rules (once)':34s} {compiling:7.2f} s CPU")

    seconds, fast = timed(lambda: segment_text(text, splitter=split_sentences), args.repeat)
    show("segment_text (fast path)", seconds, args.lines, fast)
    if args.old:
        old_seconds, old = timed(
            lambda: segment_text(text, splitter=split_sentences_reference), args.repeat
        )
        show("segment_text (old: choppa per line)", old_seconds, args.lines, old)
        same = old.segments == fast.segments
        print(f"speed-up {old_seconds / seconds:.1f}x; the same segments: {same}")
    if args.report:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            started = time.process_time()
            try:
                read = read_text(Path(handle.name))
            except InputError as error:  # e.g. 300,000 whole lines: over the input size limit
                sys.exit(f"report not run: {error}")
            read_seconds = time.process_time() - started
        print(f"{'read_text (decode, limits)':34s} {read_seconds:7.2f} s CPU")
        assert read.text == text
        total = report_cpu(text)
        print(
            f"segmentation {seconds / total:.0%} of report CPU time "
            f"(read+segment {(read_seconds + seconds) / total:.0%})"
        )


if __name__ == "__main__":
    main()
