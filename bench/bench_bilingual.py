"""Speed of the bilingual reader and writer on a large XLIFF 1.2 file.

Usage: python bench/bench_bilingual.py [--units 10000] [--edits 10] [--repeat 3] [--formats]
Input: WMT24 source.en.txt beside a system output (systems/GPT-4.de.txt; line 1 of each, the
canary, left out), repeated up to --units trans-units; every third unit has inline tags (<g>
around a word, an <x/>), every seventh has a note, every eleventh no target. The file is
written to a temporary folder and read back with review-app's own text reader.
Prints: file size, read time (read_text + read_bilingual), write-back time for --edits edited
targets (with state changes), and the write time of the untouched file (checked byte-identical).
With --formats, also read and write-back times of PO, TSV and TMX files of the same lines.
Times are the best of --repeat runs, in CPU seconds of this process (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de"

from review_app.bilingual.formats import read_bilingual, write_bilingual  # noqa: E402
from review_app.bilingual.model import State  # noqa: E402
from review_app.document.textio import read_text  # noqa: E402

T = TypeVar("T")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tagged(text: str, number: int) -> str:
    """`text` escaped, with a <g> around its second word and an <x/> at its end."""
    words = [escape(w) for w in text.split(" ")]
    if len(words) > 2:
        words[1] = f'<g id="{number}">{words[1]}</g>'
    return " ".join(words) + f'<x id="{number + 1}"/>'


def build(units: int) -> str:
    sources = (CORPUS / "source.en.txt").read_text(encoding="utf-8").splitlines()[1:]
    targets = (CORPUS / "systems" / "GPT-4.de.txt").read_text(encoding="utf-8").splitlines()[1:]
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="en" target-language="de" datatype="plaintext" original="wmt24">\n'
        "    <body>\n"
    ]
    for i in range(units):
        source, target = sources[i % len(sources)], targets[i % len(targets)]
        if i % 3 == 0:
            source, target = tagged(source, 1), tagged(target, 1)
        else:
            source, target = escape(source), escape(target)
        parts.append(f'      <trans-unit id="u{i + 1}">\n        <source>{source}</source>\n')
        if i % 11:
            parts.append(f'        <target state="translated">{target}</target>\n')
        if i % 7 == 0:
            parts.append(f"        <note>Line {i % len(sources) + 2} of WMT24</note>\n")
        parts.append("      </trans-unit>\n")
    parts.append("    </body>\n  </file>\n</xliff>\n")
    return "".join(parts)


def po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tsv_field(text: str) -> str:
    return text.replace("\t", " ")


def other_formats(units: int) -> dict[str, tuple[str, str]]:
    """The same lines as a PO, a TSV and a TMX file: format -> (file name, text)."""
    sources = (CORPUS / "source.en.txt").read_text(encoding="utf-8").splitlines()[1:]
    targets = (CORPUS / "systems" / "GPT-4.de.txt").read_text(encoding="utf-8").splitlines()[1:]
    pairs = [(sources[i % len(sources)], targets[i % len(targets)]) for i in range(units)]
    po = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for i, (source, target) in enumerate(pairs):
        flags = "#, fuzzy\n" if i % 5 == 0 else ""
        po.append(f'\n#. line {i + 2}\n{flags}msgctxt "u{i + 1}"\n')
        po.append(f"msgid {po_quote(source)}\nmsgstr {po_quote(target)}\n")
    tsv = ["id\tsource\ttarget\n"]
    tsv += [f"u{i + 1}\t{tsv_field(s)}\t{tsv_field(t)}\n" for i, (s, t) in enumerate(pairs)]
    tmx = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '  <header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"'
        ' creationtool="bench" creationtoolversion="1" o-tmf="none"/>\n  <body>\n'
    ]
    for i, (source, target) in enumerate(pairs):
        tmx.append(
            f'    <tu tuid="u{i + 1}">\n'
            f'      <tuv xml:lang="en"><seg>{escape(source)}</seg></tuv>\n'
            f'      <tuv xml:lang="de"><seg>{escape(target)}</seg></tuv>\n    </tu>\n'
        )
    tmx.append("  </body>\n</tmx>\n")
    return {
        "po": ("wmt24.po", "".join(po)),
        "tsv": ("wmt24.tsv", "".join(tsv)),
        "tmx": ("wmt24.tmx", "".join(tmx)),
    }


def bench_format(fmt: str, name: str, text: str, edits: int, repeat: int) -> None:
    read_time, file = best(repeat, lambda: read_bilingual(text, name, fmt))
    chosen = [u for u in file.units if u.target][:: max(1, len(file.units) // edits)][:edits]
    targets = {u.index: u.target + " (geprüft & <ok>)" for u in chosen}
    states = {u.index: State.REVIEWED for u in chosen}
    write_time, out = best(repeat, lambda: write_bilingual(text, file, targets, states))
    check = read_bilingual(out, name, fmt)
    assert all(check.units[i].target == t for i, t in targets.items())
    print(
        f"{fmt.upper()}: {len(file.units):,} units, {len(text.encode()) / 1e6:.1f} MB: "
        f"read {read_time:.3f} s, write back {len(chosen)} edits {write_time:.3f} s"
    )


def best(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        result = None  # the previous run's result is freed here, not inside the next timing
        start = time.process_time()
        result = work()
        times.append(time.process_time() - start)
    assert result is not None
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--formats", action="store_true", help="also PO, TSV and TMX files of the same lines"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wmt24.xlf"
        path.write_text(build(args.units), encoding="utf-8")
        size = os.path.getsize(path)

        def read() -> tuple[str, object]:
            text = read_text(path).text
            return text, read_bilingual(text, path.name, "xliff")

        read_time, (text, file) = best(args.repeat, read)
    units = file.units  # type: ignore[attr-defined]
    with_target = [u for u in units if u.target]
    chosen = with_target[:: max(1, len(with_target) // args.edits)][: args.edits]
    targets = {u.index: u.target.replace("die", "die neue") + " (geprüft & <ok>)" for u in chosen}
    states = {u.index: State.REVIEWED for u in chosen}
    write_time, out = best(args.repeat, lambda: write_bilingual(text, file, targets, states))
    same_time, same = best(args.repeat, lambda: write_bilingual(text, file, {}, {}))
    assert same == text
    check = read_bilingual(out, "out.xlf", "xliff")
    assert all(check.units[i].target == t for i, t in targets.items())
    tags = sum(len(u.tags) for u in units)
    print(f"XLIFF 1.2: {len(units):,} units, {tags:,} inline tags, {size / 1e6:.1f} MB")
    print(
        f"read (read_text + read_bilingual): {read_time:.3f} s "
        f"({len(units) / read_time:,.0f} units/s)"
    )
    print(f"write back, {len(chosen)} edits + states: {write_time:.3f} s")
    print(f"write back, untouched (byte-identical): {same_time:.3f} s")
    if args.formats:
        for fmt, (name, other) in other_formats(args.units).items():
            bench_format(fmt, name, other, args.edits, args.repeat)
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
