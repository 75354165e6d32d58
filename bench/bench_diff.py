"""Speed of `review-app diff` on the six WMT24 systems against the human reference.

Usage: python bench/bench_diff.py [--jobs N] [--check] [SYSTEM...]
Times compare_files (read, segment, align, word diff, line- and sentence-level scores) per
pair, with a breakdown, and with --check also runs sacrebleu's command line on the same two
files and says whether the document TER (case-sensitive), chrF and BLEU are equal.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from review_app.compare import compare_files

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de"
SYSTEMS = ["CycleL2", "GPT-4", "ONLINE-B", "Phi-3-Medium", "TSU-HITs", "Unbabel-Tower70B"]


def sacrebleu_cli(reference: Path, hypothesis: Path) -> tuple[dict[str, float], float]:
    start = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sacrebleu",
            str(reference),
            "-i",
            str(hypothesis),
            "-m",
            "bleu",
            "chrf",
            "ter",
            "--ter-case-sensitive",
            "-b",
            "-w",
            "6",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    bleu, chrf, ter = json.loads(out)
    return {"HTER": ter, "chrF": chrf, "BLEU": bleu}, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("systems", nargs="*", default=SYSTEMS)
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument("--check", action="store_true", help="compare with sacrebleu's CLI")
    args = parser.parse_args()
    reference = CORPUS / "reference-A.de.txt"
    print(f"jobs={args.jobs}  reference={reference.name}")
    header = f"{'system':<18}{'seconds':>8}{'lines':>7}{'sent.':>7}{'edited':>8}"
    header += f"{'HTER':>8}{'chrF':>7}{'chrF++':>8}{'BLEU':>7}"
    print(header + ("   sacrebleu CLI (s)  equal" if args.check else ""))
    total = 0.0
    for system in args.systems:
        hypothesis = CORPUS / "systems" / f"{system}.de.txt"
        start = time.perf_counter()
        c = compare_files(hypothesis, reference, workers=args.jobs)
        seconds = time.perf_counter() - start
        total += seconds
        v = {s.name: s.value for s in c.scores}
        line = (
            f"{system:<18}{seconds:>8.1f}{len(c.units):>7}{len(c.sentences):>7}"
            f"{c.counts.sentences_edited:>8}{v['HTER']:>8.2f}{v['chrF']:>7.2f}"
            f"{v['chrF++']:>8.2f}{v['BLEU']:>7.2f}"
        )
        if args.check:
            expected, cli_seconds = sacrebleu_cli(reference, hypothesis)
            equal = all(round(v[k], 6) == round(x, 6) for k, x in expected.items())
            line += f"   {cli_seconds:>17.1f}  {'yes' if equal else 'NO ' + str(expected)}"
        print(line, flush=True)
    print(f"total {total:.1f} s, {total / len(args.systems):.1f} s per pair")


if __name__ == "__main__":
    main()
