"""Huge and identical input stays bounded: time, peak memory and output size of `review-app
report` on generated files (figures, not a timed test).

Usage: python bench/bench_hostile.py [--mb 50] [--formats text,json,html]
                                     [--inputs line-1mb,sentence-1mb,lines,repeated]

Inputs, generated into a temporary folder from the WMT24 German texts in
../shared/corpora/wmt24-en-de (or corpus/*.txt when that is missing):
- line-1mb:       1 MB on one line, real sentences joined by spaces (many segments on one line)
- sentence-1mb:   1 MB on one line with no sentence end: a single 1 MB segment
- lines:          NN MB of lines (--mb, default 50), each a corpus line with one word swapped,
                  so nearly every sentence is new (the honest cost of checking)
- repeated:       NN MB of the corpus lines repeated unchanged (identical units are checked
                  once; reading, segmenting and writing the report still cost their share)

Each runs the real command in a child process (offline checker, fresh cache and config);
peak RSS is that child's own (os.wait4), not the maximum over all children.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT24 = ROOT.parent / "shared" / "corpora" / "wmt24-en-de"
MB = 1_000_000


def corpus_lines() -> list[str]:
    files = [WMT24 / "reference-A.de.txt", *sorted((WMT24 / "systems").glob("*.de.txt"))]
    files = [f for f in files if f.is_file()] or sorted((ROOT / "corpus").glob("*.mt.de.txt"))
    lines = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and "CANARY" not in line:
                lines.append(line.strip())
    return lines


def _until(size: int, pieces: Iterator[str], join: str) -> str:
    parts, total = [], 0
    for piece in pieces:
        parts.append(piece)
        total += len(piece.encode("utf-8")) + len(join)
        if total >= size:
            break
    return join.join(parts)


def _cycle(lines: list[str]) -> Iterator[str]:
    while True:
        yield from lines


def _swapped(lines: list[str], rng: random.Random) -> Iterator[str]:
    vocabulary = sorted({w for line in lines[:2000] for w in line.split() if w.isalpha()})
    while True:
        words = rng.choice(lines).split()
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
        yield " ".join(words)


def generate(folder: Path, mb: int, inputs: list[str]) -> list[Path]:
    lines = corpus_lines()
    rng = random.Random(8)
    makers = {
        "line-1mb": lambda: _until(MB, _cycle(lines), " ") + "\n",
        "sentence-1mb": lambda: (
            _until(MB, _cycle(lines), " ").translate(str.maketrans("", "", ".!?…")) + "\n"
        ),
        "lines": lambda: _until(mb * MB, _swapped(lines, rng), "\n") + "\n",
        "repeated": lambda: _until(mb * MB, _cycle(lines), "\n") + "\n",
    }
    paths = []
    for name in inputs:
        make = makers[name]
        path = folder / (f"{name}-{mb}mb.txt" if name in ("lines", "repeated") else f"{name}.txt")
        path.write_text(make(), encoding="utf-8")
        paths.append(path)
    return paths


def run(command: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    """(exit code, wall seconds, peak RSS in MB of this child, last stderr line)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        err.seek(0)
        last = (err.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    return child.returncode, elapsed, usage.ru_maxrss / 1024, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=50, help="size of the many-lines files")
    parser.add_argument("--formats", default="text,json,html")
    parser.add_argument("--inputs", default="line-1mb,sentence-1mb,lines,repeated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ)
        env.update(
            REVIEW_APP_CONFIG_DIR=f"{tmp}/config",
            REVIEW_APP_CACHE_DIR=f"{tmp}/cache",
            REVIEW_APP_CHECKER="offline",
        )
        print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
        header = f"{'input':<16}{'MB':>6} {'format':<6}{'wall s':>9}{'s/MB':>7}"
        print(f"{header}{'peak RSS MB':>13}{'report MB':>11}  exit")
        for path in generate(folder, args.mb, args.inputs.split(",")):
            size = path.stat().st_size / MB
            for fmt in args.formats.split(","):
                out = folder / f"{path.stem}.{fmt}"
                command = [sys.executable, "-m", "review_app", "report", str(path), "-q"]
                command += ["-f", fmt, "-o", str(out), "--fail-on", "never"]
                code, wall, rss, last = run(command, env)
                written = out.stat().st_size / MB if out.exists() else 0.0
                print(
                    f"{path.stem:<16}{size:>6.1f} {fmt:<6}{wall:>9.1f}{wall / size:>7.1f}"
                    f"{rss:>13.0f}{written:>11.1f}  {code}" + (f"  {last}" if code else ""),
                    flush=True,
                )
                out.unlink(missing_ok=True)
        print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
