"""`review-app diff` on huge and hostile input: time and peak memory (figures, not a test).

Usage: python bench/bench_diff_hostile.py [--mb 49] [--formats text,json] [--only NAME]
       [--sacrebleu]

Inputs, generated into a temporary folder from the WMT24 German texts in
../shared/corpora/wmt24-en-de (reference and the six systems, 5,988 distinct lines; each
generated line starts with its own number, so no line repeats):
- identical-NNmb:   two identical files of NN MB (default 49), one paragraph a line
- line-5mb:         one 5 MB line against the same line with 12 word edits
- sentences-10k:    10,000 sentences (system output lines) against a revision in which 3 %
                    of the sentences carry a small edit, the "lightly post-edited" case

Each runs the real command in a child process; peak RSS is that child's own (GNU time, which
must be installed as /usr/bin/time).
With --sacrebleu the 10k-sentence pair also goes through sacrebleu's command line
(`sacrebleu REVISED -i ORIGINAL -m bleu chrf ter --ter-case-sensitive`) for comparison of
time and of the scores (TER, chrF, BLEU). Not the others: sacrebleu's TER takes minutes on the
49 MB pair, and on the 5 MB line it fills all memory (its edit-distance matrix is quadratic).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT24 = ROOT.parent / "shared" / "corpora" / "wmt24-en-de"
MB = 1_000_000


def corpus_lines() -> list[str]:
    files = [WMT24 / "reference-A.de.txt", *sorted((WMT24 / "systems").glob("*.de.txt"))]
    lines = []
    for path in files:
        lines += [line for line in path.read_text(encoding="utf-8").splitlines()[1:] if line]
    return lines


def numbered(lines: list[str], size: int) -> list[str]:
    """Numbered corpus lines, cycling, until `size` bytes."""
    out, total, number = [], 0, 0
    while total < size:
        line = f"{number + 1}. {lines[number % len(lines)]}"
        out.append(line)
        total += len(line.encode("utf-8")) + 1
        number += 1
    return out


def edit_words(text: str, edits: int, rng: random.Random) -> str:
    """`edits` small word edits: a substitution, a deletion or an insertion each."""
    words = text.split(" ")
    for _ in range(edits):
        i = rng.randrange(len(words))
        kind = rng.randrange(3)
        if kind == 0:
            words[i] = words[i] + "e"
        elif kind == 1 and len(words) > 1:
            del words[i]
        else:
            words.insert(i, "auch")
    return " ".join(words)


def make_inputs(folder: Path, mb: int) -> dict[str, tuple[Path, Path]]:
    from review_app.document.segment import split_sentences

    lines = corpus_lines()
    rng = random.Random(8)
    cases: dict[str, tuple[Path, Path]] = {}

    big = "\n".join(numbered(lines, mb * MB - 1)) + "\n"
    a, b = folder / f"identical-{mb}mb.mt.txt", folder / f"identical-{mb}mb.rev.txt"
    a.write_text(big, encoding="utf-8")
    b.write_text(big, encoding="utf-8")
    cases[f"identical-{mb}mb"] = (a, b)
    del big

    line = " ".join(numbered(lines, 5 * MB))
    a, b = folder / "line-5mb.mt.txt", folder / "line-5mb.rev.txt"
    a.write_text(line + "\n", encoding="utf-8")
    b.write_text(edit_words(line, 12, rng) + "\n", encoding="utf-8")
    cases["line-5mb"] = (a, b)

    mt, revised, sentences = [], [], 0
    for text in lines[998:]:  # the six systems: MT output
        spans = list(split_sentences(text))
        if sentences + len(spans) > 10_000:
            break
        sentences += len(spans)
        out = text
        for start, end in reversed(spans):
            if rng.random() < 0.03:
                out = out[:start] + edit_words(out[start:end], 1, rng) + out[end:]
        mt.append(text)
        revised.append(out)
    a, b = folder / "sentences-10k.mt.txt", folder / "sentences-10k.rev.txt"
    a.write_text("\n".join(mt) + "\n", encoding="utf-8")
    b.write_text("\n".join(revised) + "\n", encoding="utf-8")
    cases["sentences-10k"] = (a, b)
    return cases


def run(command: list[str]) -> tuple[float, float, int, str]:
    """Seconds, peak RSS (MB) of the child, its exit code, and its stderr.

    The peak comes from GNU time: a child forked from this (large) process would report this
    process's memory as its own peak (Linux keeps the high-water mark across exec)."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss_file:
        timed = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name, *command]
        started = time.perf_counter()
        done = subprocess.run(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - started
        kilobytes = Path(rss_file.name).read_text().split()[-1]
    return seconds, int(kilobytes) / 1024, done.returncode, done.stderr.decode("utf-8", "replace")


def sacrebleu_cli(original: Path, revised: Path) -> tuple[float, float, dict[str, float]]:
    started = time.perf_counter()
    metrics = ["-m", "bleu", "chrf", "ter", "--ter-case-sensitive", "-b", "-w", "6"]
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", str(revised), "-i", str(original), *metrics],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds = time.perf_counter() - started
    bleu, chrf, ter = json.loads(out)
    return seconds, 0.0, {"HTER": ter, "chrF": chrf, "BLEU": bleu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=49)
    parser.add_argument("--formats", default="text,json")
    parser.add_argument("--only", default="")
    parser.add_argument("--sacrebleu", action="store_true")
    parser.add_argument("--keep", metavar="FOLDER", help="generate the inputs there and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        cases = make_inputs(folder, args.mb)
        print(f"{'input':<18}{'format':<8}{'seconds':>9}{'peak MB':>9}{'exit':>6}  scores / notes")
        for name, (a, b) in cases.items():
            if args.only and args.only not in name:
                continue
            for fmt in args.formats.split(","):
                out = folder / f"{name}.{fmt}"
                command = [sys.executable, "-m", "review_app", "diff", str(a), str(b)]
                seconds, rss, code, stderr = run([*command, "-f", fmt, "-o", str(out)])
                detail = stderr.strip().splitlines()[-1] if stderr.strip() else ""
                if fmt == "json" and code == 0:
                    data = json.loads(out.read_text(encoding="utf-8"))
                    scores = {s["name"]: s["value"] for s in data["scores"]}
                    detail = ", ".join(f"{k} {v:.4f}" for k, v in scores.items())
                    detail += f"; {len(data['sentences'])} pairs"
                    detail += f"; output {out.stat().st_size / MB:.1f} MB"
                    detail += "".join(f"\n{'':<50}note: {n}" for n in data["notes"])
                print(f"{name:<18}{fmt:<8}{seconds:>9.1f}{rss:>9.0f}{code:>6}  {detail}")
            if args.sacrebleu and name == "sentences-10k":  # TER on the 5 MB line never ends
                seconds, _, scores = sacrebleu_cli(a, b)
                values = ", ".join(f"{k} {v:.4f}" for k, v in scores.items())
                print(f"{name:<18}{'sacreb.':<8}{seconds:>9.1f}{'':>9}{'':>6}  {values}")


if __name__ == "__main__":
    main()
