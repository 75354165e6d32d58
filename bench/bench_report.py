"""Speed of `review-app report` end to end: sentences/s and peak memory of the process.

Usage: python bench/bench_report.py [--checker offline] [--format json] [FILES...]
Default input: the six WMT24 system outputs in ../shared/corpora/wmt24-en-de/systems/.
Runs the real command in a child process with a fresh cache and config, so nothing is warm.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYSTEMS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de" / "systems"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--checker", default="offline")
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    files = args.files or sorted(SYSTEMS.glob("*.de.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.update(REVIEW_APP_CONFIG_DIR=f"{tmp}/config", REVIEW_APP_CACHE_DIR=f"{tmp}/cache")
        out = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "review_app", "report", *map(str, files)]
        command += ["--checker", args.checker, "--format", args.format, "-o", str(out), "-q"]
        command += ["--fail-on", "never"]
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if result.returncode != 0:
            sys.exit(f"report failed ({result.returncode}): {result.stderr.strip()}")
        data = json.loads(out.read_text()) if args.format == "json" else None
    if data is None:
        print(f"{len(files)} files in {elapsed:.2f} s, peak RSS {peak_mb:.0f} MB")
        return
    summary = data["summary"]
    flags = [f for file in data["files"] for f in file["flags"]]
    errors = [f for f in flags if f["severity"] == "error"]
    with_suggestions = sum(1 for f in errors if f["suggestions"])
    print(f"checker:        {data['checker']['description']}")
    print(f"files:          {summary['files']}")
    print(f"sentences:      {summary['segments']}")
    print(f"wall time:      {elapsed:.2f} s (process start included)")
    print(f"speed:          {summary['segments'] / elapsed:,.0f} sentences/s")
    print(f"peak RSS:       {peak_mb:.0f} MB")
    print(f"flags:          {summary['by_severity']}")
    print(f"errors with a suggestion: {with_suggestions} of {len(errors)}")


if __name__ == "__main__":
    main()
