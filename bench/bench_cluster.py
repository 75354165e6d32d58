"""`review-app report --cluster` through a Dask LocalCluster of 2 worker processes (one thread
each) against `--jobs 1` (and `--jobs 2` at the same moment): sentences/s and the ratios, on the
input of bench_scale.py.

Usage: python bench/bench_cluster.py [--size 100000] [--layouts one,many] [--runs 1] [--reuse]
                                     [--unique]

Input (bench_scale.build_inputs): the sentences of the six WMT24 system outputs (line 1 of
each, a canary, skipped), one a line, repeated to --size sentences, as one file ("one") and as
files of 1,000 sentences ("many"). Each report runs in a child process (`python -m review_app
report … -f jsonl -q`, offline checker, fresh config and cache). A fresh cluster is started
before each cluster run, outside the timing, as a running cluster would be; its workers import
review-app and build their checker during the run, as the worker processes of --jobs 2 do.
Its workers run without Dask's statistical profiler (DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=
False, as the README starts them; it costs ~15 % of a worker's CPU): --dask-profile keeps it.
--reuse adds a second run on the same cluster: its workers' per-word caches then already hold
this corpus, which is why it is faster (an upper bound, not a fair comparison).
CPU time: the report process, plus the cluster's worker processes and this process (the
scheduler, and the memory sampling) for a cluster run; "ceiling" is --jobs 1's CPU time over
the busiest worker's, the most two idle cores could give. The reports are compared byte for
byte with --jobs 1's. Timings on a busy machine are noisy: the load average is printed with
each figure.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import dask
import psutil
from distributed import LocalCluster

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_scale import build_inputs, sentences  # noqa: E402  (the same input)

WORKERS = 2
PROFILE_SETTING = "distributed.worker.profile.enabled"


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    client_mb: float  # peak RSS of the report process
    worker_mb: float  # peak RSS of the largest cluster worker (0 for a local run)
    worker_cpu: list[float]  # CPU seconds of each cluster worker process
    load: float
    output: bytes


class Peaks(threading.Thread):
    """Peak RSS of some processes, sampled every 50 ms until stopped."""

    def __init__(self, client: int, workers: list[psutil.Process]) -> None:
        super().__init__(daemon=True)
        self.client, self.workers = client, workers
        self.client_peak = self.worker_peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        client = psutil.Process(self.client)
        while not self.stop.is_set():
            try:
                self.client_peak = max(self.client_peak, client.memory_info().rss)
                for worker in self.workers:
                    self.worker_peak = max(self.worker_peak, worker.memory_info().rss)
            except psutil.Error:
                pass
            self.stop.wait(0.05)


def cpu(processes: list[psutil.Process]) -> float:
    times = [p.cpu_times() for p in processes]
    return sum(t.user + t.system for t in times)


def report(inputs: Path, options: list[str], tmp: Path, workers: list[psutil.Process]) -> Run:
    out = tmp / "report.jsonl"
    command = [sys.executable, "-m", "review_app", "report", str(inputs), "-f", "jsonl"]
    command += ["-o", str(out), "-q", "--fail-on", "never", *options]
    load = os.getloadavg()[0]
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    workers_before = [cpu([w]) for w in workers]
    started = time.perf_counter()
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peaks = Peaks(child.pid, workers)
    peaks.start()
    _, stderr = child.communicate()
    elapsed = time.perf_counter() - started
    peaks.stop.set()
    peaks.join()
    if child.returncode != 0:
        sys.exit(f"report failed ({child.returncode}): {stderr.strip()}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = children.ru_utime - children_before.ru_utime + children.ru_stime
    spent -= children_before.ru_stime
    if workers:  # the scheduler runs in this process
        own = resource.getrusage(resource.RUSAGE_SELF)
        spent += own.ru_utime - self_before.ru_utime + own.ru_stime - self_before.ru_stime
    worker_cpu = [cpu([w]) - before for w, before in zip(workers, workers_before, strict=True)]
    spent += sum(worker_cpu)
    output = out.read_bytes()
    out.unlink()
    return Run(
        elapsed, spent, peaks.client_peak / 1e6, peaks.worker_peak / 1e6, worker_cpu, load, output
    )


def describe(label: str, count: int, run: Run) -> str:
    worker = ""
    if run.worker_mb:
        each = " + ".join(f"{c:.1f}" for c in run.worker_cpu if c >= 0.1)
        worker = f"  largest worker {run.worker_mb:>4.0f} MB, workers' cpu {each} s"
    return (
        f"{label:<40} {count / run.seconds:>6,.0f} sent/s  {run.seconds:>6.1f} s  "
        f"(cpu {run.cpu_seconds:>6.1f} s)  report process {run.client_mb:>4.0f} MB{worker}  "
        f"load {run.load:.1f}"
    )


def fresh_cluster() -> LocalCluster:
    return LocalCluster(
        n_workers=WORKERS,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="sentences")
    parser.add_argument("--layouts", default="one,many", help="one, many or both")
    parser.add_argument("--runs", type=int, default=1, help="rounds of all the measurements")
    parser.add_argument(
        "--reuse", action="store_true", help="also a second run on the same cluster (warm)"
    )
    parser.add_argument(
        "--unique", action="store_true", help="no repeated sentences (bench_scale.unique_sentences)"
    )
    parser.add_argument(
        "--dask-profile",
        action="store_true",
        help="keep Dask's statistical profiler on in the workers (its default; ~15%% slower)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        # the report processes and the cluster's workers: this checkout, fresh settings
        os.environ.update(
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            REVIEW_APP_CONFIG_DIR=str(tmp / "config"),
            REVIEW_APP_CACHE_DIR=str(tmp / "cache"),
            REVIEW_APP_CHECKER="offline",
        )
        if not args.dask_profile:  # as the README starts workers (a Nanny hands its config on)
            dask.config.set({PROFILE_SETTING: False})
        pool = sentences()
        big, many = build_inputs(tmp, args.size, pool, unique=args.unique)
        inputs = {"one": big, "many": many}
        profiler = "on" if args.dask_profile else "off"
        print(
            f"{len(pool):,} WMT24 sentences, {'recombined' if args.unique else 'repeated'} to "
            f"{args.size:,}; {os.cpu_count()} cores; "
            f"Dask {dask.__version__}, the workers' profiler {profiler}; {_uptime()}"
        )
        for round_number in range(1, args.runs + 1):
            for layout in args.layouts.split(","):
                shape = "one file" if layout == "one" else "files of 1,000 sentences"
                print(f"\n# {args.size:,} sentences, {shape} (round {round_number})")
                local = report(inputs[layout], ["--jobs", "1"], tmp, [])
                print(describe("--jobs 1", args.size, local), flush=True)
                pool_run = report(inputs[layout], ["--jobs", "2"], tmp, [])
                print(describe("--jobs 2", args.size, pool_run), flush=True)
                with fresh_cluster() as cluster:
                    workers = psutil.Process().children(recursive=True)
                    runs = [
                        (
                            "fresh",
                            report(
                                inputs[layout],
                                ["--cluster", cluster.scheduler_address],
                                tmp,
                                workers,
                            ),
                        )
                    ]
                    if args.reuse:
                        runs.append(
                            (
                                "reused",
                                report(
                                    inputs[layout],
                                    ["--cluster", cluster.scheduler_address],
                                    tmp,
                                    workers,
                                ),
                            )
                        )
                for state, remote in runs:
                    same = "identical" if remote.output == local.output else "DIFFERENT"
                    label = f"--cluster ({WORKERS} workers, {state})"
                    print(describe(label, args.size, remote))
                    # what two cores could give at best: no worker ends before its own CPU time
                    ceiling = local.cpu_seconds / max(remote.worker_cpu)
                    print(
                        f"  {local.seconds / remote.seconds:.2f}x --jobs 1 (target >= 1.5x; "
                        f"--jobs 2: {local.seconds / pool_run.seconds:.2f}x; ceiling from CPU "
                        f"times: {ceiling:.2f}x); reports {same}",
                        flush=True,
                    )
    print(f"\n{_uptime()}")


def _uptime() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


if __name__ == "__main__":
    main()
