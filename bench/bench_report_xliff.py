"""`review-app report` on a 10,000-unit XLIFF 1.2 (built by bench_bilingual.py from the WMT24
source and a system output, with inline tags): units/s with --jobs 1 and --jobs 2, grammar
and source-aware checks, process start included; peak RSS; the two reports compared.

Usage: python bench/bench_report_xliff.py [--units 10000]

Each report runs in a child process (`python -m review_app report FILE -f jsonl -q`) with a
fresh config and cache and the offline checker. Timings on a busy machine are noisy: the load
average is printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_bilingual import build  # noqa: E402


def report(path: Path, jobs: int, tmp: Path) -> tuple[float, float, bytes]:
    """Wall seconds, peak RSS (MB) of the largest process, and the JSONL written."""
    out = tmp / f"report-{jobs}.jsonl"
    out.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "REVIEW_APP_CONFIG_DIR": str(tmp / "config"),
        "REVIEW_APP_CACHE_DIR": str(tmp / f"cache-{jobs}"),
        "REVIEW_APP_CHECKER": "offline",
    }
    command = [sys.executable, "-m", "review_app", "report", str(path), "-f", "jsonl"]
    command += ["-o", str(out), "-q", "-j", str(jobs), "--fail-on", "never"]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, out.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        path = tmp / "units.xlf"
        path.write_text(build(args.units), encoding="utf-8")
        size = path.stat().st_size / 1e6
        print(f"{args.units:,} XLIFF units, {size:.1f} MB; {os.cpu_count()} cores; "
              f"load {os.getloadavg()[0]:.2f}")  # fmt: skip
        outputs = {}
        for jobs in (1, 2):
            seconds, peak, outputs[jobs] = report(path, jobs, tmp)
            print(
                f"--jobs {jobs}: {seconds:6.2f} s, {args.units / seconds:7,.0f} units/s "
                f"(target >= 1,000), peak RSS so far {peak:.0f} MB, "
                f"load {os.getloadavg()[0]:.2f}"
            )
        flags = sum(1 for line in outputs[1].splitlines() if b'"rule_id"' in line)
        same = "identical" if outputs[1] == outputs[2] else "DIFFERENT"
        print(f"{flags:,} flags; the two reports are {same}")


if __name__ == "__main__":
    main()
