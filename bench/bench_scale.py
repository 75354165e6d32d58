"""`review-app report` at corpus scale: speed with --jobs 1 and 2, peak memory by format and
size, cost per sentence as the input grows, and the share of time spent segmenting.

Usage: python bench/bench_scale.py [--sizes 10000,100000,300000] [--only speed,memory,...]

Inputs are built from the six WMT24 system outputs in ../shared/corpora/wmt24-en-de/systems/
(each file's line 1, a canary, skipped): their sentences, one a line, repeated to N sentences,
as one big file and as many files of 1,000 sentences. The real command runs in a child process
(`python -m review_app report … -q`), with a fresh config and result cache, the offline
checker. Memory is sampled every 50 ms over the report process and its workers (psutil): the
report process's peak, the largest worker's peak and the peak of their sum; `maxrss` is
resource.getrusage(RUSAGE_CHILDREN).ru_maxrss of a wrapper that runs only this report: the
largest single process, exactly. CPU is user + system of all of them. Timings on a busy
machine are noisy: the load average is printed with each figure.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SYSTEMS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de" / "systems"
PER_FILE = 1_000  # sentences a file in the "many files" layout
MIB = 1024 * 1024


def sentences() -> list[str]:
    from review_app.document.segment import segment_text

    found: list[str] = []
    for path in sorted(SYSTEMS.glob("*.de.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        found += [s.text for s in segment_text("\n".join(lines) + "\n").segments]
    return found


def unique_sentences(pool: list[str], count: int) -> list[str]:
    """`count` sentences, no two alike: the pool once, then new sentences made of the first
    half of one pool sentence and the second half of another (a different pairing each pass).
    A real corpus rarely repeats whole sentences, but its words recur as in the pool: this keeps
    the per-sentence cache from turning repeated input into cache hits while the vocabulary and
    sentence shapes stay those of real MT output."""
    halves = []
    for sentence in pool:
        words = sentence.split(" ")
        middle = len(words) // 2
        halves.append((" ".join(words[:middle]), " ".join(words[middle:])))
    found: list[str] = []
    seen: set[str] = set()
    step = 0
    while len(found) < count:
        for i, (head, _) in enumerate(halves):
            # step 0 pairs each sentence with itself: the pool as it is
            tail = halves[(i + step * 7919) % len(halves)][1]
            candidate = f"{head} {tail}".strip() if head else tail
            if candidate not in seen:
                seen.add(candidate)
                found.append(candidate)
                if len(found) == count:
                    break
        step += 1
    return found


def build_inputs(
    folder: Path, count: int, pool: list[str], *, unique: bool = False
) -> tuple[Path, Path]:
    """`count` sentences as one file, and as files of PER_FILE sentences in a folder: the pool
    repeated, or (`unique`) without repeats (see `unique_sentences`)."""
    if unique:
        lines = unique_sentences(pool, count)
    else:
        lines = list(itertools.islice(itertools.cycle(pool), count))
    big = folder / f"one-{count}.txt"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    many = folder / f"many-{count}"
    many.mkdir()
    for start in range(0, count, PER_FILE):
        part = many / f"part-{start // PER_FILE:05d}.txt"
        part.write_text("\n".join(lines[start : start + PER_FILE]) + "\n", encoding="utf-8")
    return big, many


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system of the child and its workers
    parent_cpu: float  # of the child alone (sampled: the last 50 ms may be missing)
    parent_mb: float
    worker_mb: float
    total_mb: float
    maxrss_mb: float
    load: float
    output_mb: float


class TreeMemory(threading.Thread):
    """Samples the RSS and CPU time of the report (the child of the wrapper `pid`) and of its
    workers until they end."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.report_pid = 0
        self.parent = self.worker = self.total = 0
        self.cpu: dict[int, float] = {}  # last CPU seconds seen of each process
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            wrapper = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            workers: list[int] = []
            parent = 0
            with contextlib.suppress(psutil.Error):
                for process in wrapper.children(recursive=True):
                    rss = process.memory_info().rss
                    times = process.cpu_times()
                    self.cpu[process.pid] = times.user + times.system
                    if process.ppid() == self.pid:
                        self.report_pid, parent = process.pid, rss
                    else:
                        workers.append(rss)
            self.parent = max(self.parent, parent)
            self.worker = max([self.worker, *workers])
            self.total = max(self.total, parent + sum(workers))
            self.stop.wait(0.05)


# Runs the report and says the peak RSS of the largest process it and its workers had
# (resource.getrusage of the wrapper's children: this run's alone).
WRAPPER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run_report(inputs: Path, fmt: str, jobs: int, tmp: Path) -> Run:
    out = tmp / f"report.{fmt}"
    env = dict(os.environ)
    env.update(
        REVIEW_APP_CONFIG_DIR=str(tmp / "config"),
        REVIEW_APP_CACHE_DIR=str(tmp / "cache"),
        REVIEW_APP_CHECKER="offline",
    )
    command = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "review_app", "report"]
    command += [str(inputs), "-f", fmt, "-o", str(out), "-q", "--fail-on", "never"]
    command += ["--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(child.pid)
    memory.start()
    _, stderr = child.communicate()
    elapsed = time.perf_counter() - started
    memory.stop.set()
    memory.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        sys.exit(f"report failed ({child.returncode}): {stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    size = out.stat().st_size / MIB
    out.unlink()
    return Run(
        seconds=elapsed,
        cpu_seconds=cpu,
        parent_cpu=memory.cpu.get(memory.report_pid, 0.0),
        parent_mb=memory.parent / MIB,
        worker_mb=memory.worker / MIB,
        total_mb=memory.total / MIB,
        maxrss_mb=int(stderr.split()[-1]) / 1024,  # KiB on Linux
        load=load,
        output_mb=size,
    )


def describe(label: str, count: int, run: Run) -> str:
    return (
        f"{label:<34} {count / run.seconds:>7,.0f} sent/s  {run.seconds:>7.1f} s "
        f"(cpu {run.cpu_seconds:>6.1f} s, parent {run.parent_cpu:>5.1f})  "
        f"parent {run.parent_mb:>5.0f} MiB  worker {run.worker_mb:>5.0f} MiB  "
        f"sum {run.total_mb:>5.0f} MiB  maxrss {run.maxrss_mb:>5.0f} MiB  "
        f"out {run.output_mb:>6.1f} MiB  load {run.load:.1f}"
    )


def segmentation_share(big: Path, count: int, jobs1: Run) -> str:
    """segment_text over the chunks of `big`, timed alone, against the CPU time of a
    one-process report of the same file."""
    from review_app.batch.chunks import CHUNK_CHARACTERS, plan_cuts
    from review_app.document.segment import segment_text

    text = big.read_text(encoding="utf-8")
    started = time.process_time()
    segments = 0
    for cut in plan_cuts(text, CHUNK_CHARACTERS):
        segments += len(segment_text(text[cut.start : cut.end]))
    seconds = time.process_time() - started
    return (
        f"segmentation of {count:,} sentences ({segments:,} segments): {seconds:.1f} s CPU, "
        f"{100 * seconds / jobs1.cpu_seconds:.0f} % of the --jobs 1 report's "
        f"{jobs1.cpu_seconds:.1f} s CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,300000")
    parser.add_argument(
        "--only",
        default="speed,memory,formats,linear,segmentation",
        help="comma-separated parts: speed, memory, formats, linear, segmentation",
    )
    parser.add_argument("--speed-size", type=int, default=100_000)
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each report N times, keep the fastest"
    )
    parser.add_argument(
        "--unique", action="store_true", help="no repeated sentences (see unique_sentences)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    parts = set(args.only.split(","))
    pool = sentences()
    shape = "recombined without repeats" if args.unique else "repeated"
    print(f"{len(pool):,} WMT24 sentences, {shape}; {os.cpu_count()} cores; {_uptime()}")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        inputs = {
            n: build_inputs(tmp, n, pool, unique=args.unique)
            for n in sorted({*sizes, args.speed_size})
        }
        largest = max(sizes)
        runs: dict[tuple[int, str, str, int], Run] = {}

        def measure(count: int, layout: str, fmt: str, jobs: int) -> Run:
            key = (count, layout, fmt, jobs)
            if key not in runs:
                big, many = inputs[count]
                tries = [
                    run_report(big if layout == "one" else many, fmt, jobs, tmp)
                    for _ in range(args.repeat)
                ]
                runs[key] = min(tries, key=lambda r: r.seconds)
                label = f"{count:,} {layout} file(s) {fmt} --jobs {jobs}"
                print(describe(label, count, runs[key]), flush=True)
            return runs[key]

        if "speed" in parts:
            print("\n# speed: --jobs 1 and --jobs 2 (jsonl)")
            n = args.speed_size
            for layout in ("one", "many"):
                one = measure(n, layout, "jsonl", 1)
                two = measure(n, layout, "jsonl", 2)
                print(f"  {layout}: --jobs 2 is {one.seconds / two.seconds:.2f}x --jobs 1")
        if "memory" in parts:
            print("\n# memory: jsonl as the input grows (--jobs 2 and 1, one file)")
            for jobs in (2, 1):
                peaks = [measure(n, "one", "jsonl", jobs) for n in sizes]
                low = min(p.total_mb for p in peaks)
                high = max(p.total_mb for p in peaks)
                spread = f"{high / low - 1:+.0%}"
                print(f"  --jobs {jobs}: sum of RSS {low:.0f}–{high:.0f} MiB ({spread})")
        if "formats" in parts:
            print(f"\n# formats at {largest:,} (one file)")
            for fmt in ("json", "html"):
                for jobs in (2, 1):
                    measure(largest, "one", fmt, jobs)
        if "linear" in parts:
            print("\n# cost per sentence, smallest against largest (jsonl, one file)")
            for jobs in (1, 2):
                small = measure(min(sizes), "one", "jsonl", jobs)
                large = measure(largest, "one", "jsonl", jobs)
                a = small.seconds / min(sizes) * 1e3
                b = large.seconds / largest * 1e3
                cpu_a = small.cpu_seconds / min(sizes) * 1e3
                cpu_b = large.cpu_seconds / largest * 1e3
                print(
                    f"  --jobs {jobs}: {a:.3f} ms/sentence at {min(sizes):,}, {b:.3f} at "
                    f"{largest:,} ({b / a - 1:+.0%}); CPU {cpu_a:.3f} vs {cpu_b:.3f} ms "
                    f"({cpu_b / cpu_a - 1:+.0%})"
                )
        if "segmentation" in parts:
            print("\n# segmentation")
            jobs1 = measure(largest, "one", "jsonl", 1)
            print("  " + segmentation_share(inputs[largest][0], largest, jobs1))
    print(f"\n{_uptime()}")


def _uptime() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


if __name__ == "__main__":
    main()
