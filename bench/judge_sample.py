"""A reproducible sample of the offline checker's error and warning flags on weak MT, for
judging precision by hand (is the flag a real error? is its first suggestion the right fix?).

Flags come from the weak WMT24 systems (CycleL2, TSU-HITs, Phi-3-Medium; line 1 of each file is
a canary and is skipped), each document (documents.tsv) checked as one document. Every flag
gets a stable pseudo-random priority from the seed and its key (system, line, rule, span), and
the N with the lowest priority form the sample: a new rule adds its flags to the draw without
reshuffling the flags already judged. Verdicts of flags already judged are carried over from
the judged file (by key; `first_right` only while the first suggestion is unchanged).

    python bench/judge_sample.py [--size 100] [--seed 1] [--rules GERMAN_SPELLING,...]
        [--judged bench/judged_precision.tsv ...] [--out FILE]
    python bench/judge_sample.py --score bench/judged_precision.tsv

Columns: system, line, span, rule, flagged, first_suggestion, context, verdict (yes: a real
error / no: a false alarm), first_right (yes / no; n/a when the flag is a false alarm or no
single right fix exists, e.g. a garbled word), note.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.checking.flag import Severity  # noqa: E402
from review_app.checking.offline import OfflineChecker  # noqa: E402
from review_app.checking.offline.registry import all_rules  # noqa: E402
from review_app.checking.wordlists import WordLists  # noqa: E402
from review_app.config import OfflineSettings  # noqa: E402
from review_app.document import segment_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de"
SYSTEMS = ("CycleL2", "TSU-HITs", "Phi-3-Medium")
DEFAULT_JUDGED = ROOT / "bench" / "judged_precision.tsv"
COLUMNS = (
    "system",
    "line",
    "span",
    "rule",
    "flagged",
    "first_suggestion",
    "context",
    "verdict",
    "first_right",
    "note",
)
CONTEXT = 50  # characters of context either side of the flag


@dataclass(frozen=True)
class Row:
    system: str
    line: int  # 1-based line of the system file
    span: str  # "start-end", character offsets in that line
    rule: str
    flagged: str
    first_suggestion: str
    context: str
    verdict: str = ""
    first_right: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.system, self.line, self.rule, self.span)

    def cells(self) -> list[str]:
        values = [getattr(self, name) for name in COLUMNS]
        return [_clean(str(value)) for value in values]


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _documents() -> list[str]:
    """The document id of every line of a system file (line 1: the canary)."""
    lines = (CORPUS / "documents.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[1] if "\t" in line else "" for line in lines]


def collect(rules: frozenset[str]) -> list[Row]:
    """Every error and warning flag (of `rules` only, when given) on the weak systems."""
    disabled = tuple(rule.id for rule in all_rules() if rules and rule.id not in rules)
    words = WordLists(personal_path=Path("/nonexistent"), personal=set(), project=set())
    checker = OfflineChecker(OfflineSettings(disabled_rules=disabled), words)
    documents = _documents()
    rows: list[Row] = []
    try:
        for system in SYSTEMS:
            lines = (CORPUS / "systems" / f"{system}.de.txt").read_text("utf-8").split("\n")
            by_document: dict[str, list[tuple[int, int, str]]] = {}
            for number, line in enumerate(lines[1:], start=2):
                document = documents[number - 1] if number - 1 < len(documents) else ""
                for segment in segment_text(line).segments:
                    item = (number, segment.start, segment.text)
                    by_document.setdefault(document, []).append(item)
            for items in by_document.values():
                texts = [text for _, _, text in items]
                checker.prepare(texts)
                results = checker.check(texts, suggest=True)
                for (number, offset, text), flags in zip(items, results, strict=True):
                    for flag in flags:
                        if flag.severity < Severity.WARNING:
                            continue
                        if rules and flag.rule_id not in rules:
                            continue
                        rows.append(_row(system, number, offset, text, flag))
    finally:
        checker.close()
    return rows


def _row(system: str, number: int, offset: int, text: str, flag) -> Row:
    context = (
        text[max(0, flag.start - CONTEXT) : flag.start]
        + "«"
        + text[flag.start : flag.end]
        + "»"
        + text[flag.end : flag.end + CONTEXT]
    )
    return Row(
        system,
        number,
        f"{offset + flag.start}-{offset + flag.end}",
        flag.rule_id,
        text[flag.start : flag.end],
        flag.suggestions[0] if flag.suggestions else "",
        context,
    )


def priority(seed: int, row: Row) -> str:
    key = "|".join(str(part) for part in (seed, *row.key))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def sample(rows: list[Row], size: int, seed: int) -> list[Row]:
    chosen = sorted(rows, key=lambda row: priority(seed, row))[:size]
    return sorted(chosen, key=lambda row: (SYSTEMS.index(row.system), row.line, row.span))


def read(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            if not line.strip():
                continue
            cells = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
            values = {name: cells.get(name, "") for name in COLUMNS}
            rows.append(Row(**{**values, "line": int(values["line"])}))
    return rows


def carry_over(rows: list[Row], judged: list[Row]) -> list[Row]:
    """Verdicts of flags judged before; the first suggestion's verdict only if unchanged."""
    known = {row.key: row for row in judged}
    result = []
    for row in rows:
        old = known.get(row.key)
        if old is None or old.flagged != row.flagged:
            result.append(row)
            continue
        same = old.first_suggestion == row.first_suggestion
        result.append(
            Row(
                **{
                    **row.__dict__,
                    "verdict": old.verdict,
                    "first_right": old.first_right if same else "",
                    "note": old.note,
                }
            )
        )
    return result


def write(rows: list[Row], out) -> None:
    out.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        out.write("\t".join(row.cells()) + "\n")


def score(rows: list[Row]) -> None:
    judged = [row for row in rows if row.verdict in ("yes", "no")]
    right = [row for row in judged if row.verdict == "yes"]
    fixable = [row for row in right if row.first_right in ("yes", "no")]
    first = [row for row in fixable if row.first_right == "yes"]
    print(f"flags: {len(rows)}, judged: {len(judged)}")
    if judged:
        print(f"precision: {len(right)}/{len(judged)} = {100 * len(right) / len(judged):.1f} %")
    if fixable:
        print(
            f"first suggestion right: {len(first)}/{len(fixable)} = "
            f"{100 * len(first) / len(fixable):.1f} % of true errors with a single right fix"
        )
    if right:
        print(
            f"  (strict, every true error counted: {len(first)}/{len(right)} = "
            f"{100 * len(first) / len(right):.1f} %)"
        )
    by_rule: Counter[tuple[str, str]] = Counter((row.rule, row.verdict) for row in judged)
    print(f"\n{'rule':32s} {'flags':>6s} {'real':>6s}")
    for rule in sorted({row.rule for row in judged}):
        total = by_rule[(rule, "yes")] + by_rule[(rule, "no")]
        print(f"{rule:32s} {total:6d} {by_rule[(rule, 'yes')]:6d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rules", default="", help="only these rule ids (comma-separated)")
    parser.add_argument(
        "--judged",
        type=Path,
        action="append",
        help=f"judged files whose verdicts to keep (default: {DEFAULT_JUDGED.name})",
    )
    parser.add_argument("--out", type=Path, help="write here (default: stdout)")
    parser.add_argument("--score", type=Path, metavar="FILE", help="score a judged file")
    args = parser.parse_args()

    if args.score:
        score(read(args.score))
        return 0
    rules = frozenset(rule for rule in args.rules.split(",") if rule)
    rows = collect(rules)
    chosen = sample(rows, args.size, args.seed)
    paths = args.judged or [DEFAULT_JUDGED]
    judged = [row for path in paths if path.is_file() for row in read(path)]
    chosen = carry_over(chosen, judged)
    print(f"{len(rows)} error+warning flags; {len(chosen)} sampled", file=sys.stderr)
    if args.out:
        with args.out.open("w", encoding="utf-8") as handle:
            write(chosen, handle)
    else:
        write(chosen, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
