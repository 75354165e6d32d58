"""The HTML report: one self-contained file (inline CSS, no scripts, no external assets).

Flags are grouped by sentence: one block per flagged segment (file, 1-based number, line:col,
the source in a bilingual file, the sentence once with every flagged span marked, then its
flags; hints folded in a <details>). Checkboxes filter by severity with CSS alone (`:checked`
and sibling selectors), so the filter costs nothing at 300,000 segments, and blocks off screen
are not laid out (`content-visibility`). The page is written as the report is made, a chunk of
a file at a time: no file is held whole.

Every outside string goes through `_h`: hidden characters made visible (a reviewer sees the
bidi override or the escape character the file holds, and the page printed on a terminal
cannot act on it), then `html.escape(quote=True)`, so it is safe in text and in attributes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from html import escape
from itertools import combinations, groupby, pairwise
from typing import TextIO

from review_app import __version__
from review_app.checking.flag import Severity
from review_app.document.visible import escaped
from review_app.report.model import (
    CONTEXT_RADIUS,
    FileChunk,
    FileDone,
    FileFailure,
    FlagRecord,
    Report,
    ReportEnd,
    SentenceRecord,
    counted,
)
from review_app.report.stream import replay, write_events

SEVERITIES = ("error", "warning", "hint")  # the filter's order (the CSS relies on it)
# A sentence longer than this is shown as windows around its flags, "…" between them.
WHOLE_SENTENCE = 2_000
_GAP_MARK = "‸"  # where a flag of zero width (something missing) is


def _filter_css() -> str:
    """Hide what an unchecked severity box leaves: its flags, its marks, and blocks whose
    flags are all of unchecked severities (a block's class names the set it has)."""
    off = {s: f"#show-{s}:not(:checked)" for s in SEVERITIES}
    rules = [f"{off[s]}~.report li.{s}{{display:none}}" for s in SEVERITIES]
    rules += [f"{off[s]}~.report mark.{s}{{background:none}}" for s in SEVERITIES]
    rules.append(f"{off['hint']}~.report details.hints{{display:none}}")
    for size in (1, 2, 3):
        for subset in combinations(SEVERITIES, size):
            chain = "~".join(off[s] for s in subset)
            rules.append(f"{chain}~.report .{_set_class(subset)}{{display:none}}")
    return "\n".join(rules)


def _set_class(severities: Iterable[str]) -> str:
    present = set(severities)
    return "has-" + "".join(s[0] for s in SEVERITIES if s in present)


_CSS = f"""
body{{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:75rem;padding:0 1rem;
color:#222}}
h1{{font-size:1.5rem}}h2{{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}}
table{{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}}
th,td{{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}}
th{{background:#f4f4f4}}td.n{{text-align:right;white-space:nowrap}}
.sev{{font-weight:600;white-space:nowrap}}.error{{color:#b00020}}.warning{{color:#a05a00}}
.hint{{color:#33659b}}
mark{{padding:0 .1em;border-radius:2px;color:inherit}}mark.error{{background:#ffd6dc}}
mark.warning{{background:#ffe8c2}}mark.hint{{background:#dbe9ff}}
.summary{{display:flex;gap:2rem;flex-wrap:wrap;align-items:flex-start}}.summary table{{width:auto}}
.notice,.failure{{background:#fff6d6;padding:.3rem .6rem;border-left:3px solid #e0b400}}
body>label{{margin-right:1rem;cursor:pointer}}body>input{{margin-left:0}}
.seg{{border-left:3px solid #ddd;margin:.8rem 0;padding:.1rem .8rem;
content-visibility:auto;contain-intrinsic-size:auto 8rem}}
.seg.has-e,.seg.has-ew,.seg.has-eh,.seg.has-ewh{{border-color:#b00020}}
.seg.has-w,.seg.has-wh{{border-color:#e0a040}}.seg.has-h{{border-color:#9bb8e0}}
.seg p{{margin:.2rem 0}}.where{{color:#666;font-size:.85rem}}.num{{font-weight:600;color:#222}}
.source{{color:#555;font-style:italic}}.sentence{{font-size:1.05rem}}
.seg ul{{margin:.2rem 0;padding-left:1.2rem}}.flagged{{font-weight:600}}
.sugg{{font-family:ui-monospace,monospace;color:#1b6e1b}}.rule{{color:#777;font-size:.85rem}}
summary{{cursor:pointer;color:#33659b}}
footer{{color:#777;font-size:.85rem;margin-top:2rem}}
{_filter_css()}
"""


def _h(text: str) -> str:
    return escape(escaped(text), quote=True)


def _worst(flags: Sequence[FlagRecord], start: int, end: int) -> str | None:
    """The most severe label among flags covering [start, end), if any does."""
    covering = [f.severity for f in flags if f.segment_start <= start and end <= f.segment_end]
    return max(covering).label if covering else None


def _windows(length: int, flags: Sequence[FlagRecord]) -> list[tuple[int, int]]:
    """The parts of a sentence to show: all of it, or (too long) CONTEXT_RADIUS characters
    around each flag, overlapping windows merged."""
    if length <= WHOLE_SENTENCE:
        return [(0, length)]
    windows: list[tuple[int, int]] = []
    for flag in sorted(flags, key=lambda f: f.segment_start):
        start = max(0, flag.segment_start - CONTEXT_RADIUS)
        end = min(length, flag.segment_end + CONTEXT_RADIUS)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _marked(sentence: str, flags: Sequence[FlagRecord]) -> str:
    """The sentence with each flagged stretch in a <mark> of its most severe flag; a flag of
    zero width is a caret; a sentence too long is cut to windows around the flags."""
    parts: list[str] = []
    for start, end in _windows(len(sentence), flags):
        if start > 0:
            parts.append("… ")
        parts.append(_marked_window(sentence, flags, start, end))
        if end < len(sentence):
            parts.append(" …")
    return "".join(parts)


def _marked_window(sentence: str, flags: Sequence[FlagRecord], start: int, end: int) -> str:
    inside = [f for f in flags if start <= f.segment_start and f.segment_end <= end]
    edges = {start, end}
    for flag in inside:
        edges.update((flag.segment_start, flag.segment_end))
    cuts = sorted(edges)
    gaps: dict[int, str] = {}
    for flag in inside:
        if flag.segment_start == flag.segment_end:
            at = flag.segment_start
            if at not in gaps or flag.severity > Severity.parse(gaps[at]):
                gaps[at] = flag.severity.label
    parts: list[str] = []
    for left, right in pairwise(cuts):
        if left in gaps:
            parts.append(f'<mark class="{gaps.pop(left)}">{_GAP_MARK}</mark>')
        piece = _h(sentence[left:right])
        label = _worst(inside, left, right)
        parts.append(f'<mark class="{label}">{piece}</mark>' if label else piece)
    parts.extend(f'<mark class="{label}">{_GAP_MARK}</mark>' for label in gaps.values())
    return "".join(parts)


def _flag_item(record: FlagRecord) -> str:
    label = _h(record.severity.label)
    suggestions = ", ".join(_h(s) for s in record.suggestions[:5])
    arrow = f' → <span class=sugg>{suggestions}</span>' if suggestions else ""
    return (
        f'<li class="{label}"><span class="sev {label}">{label}</span> '
        f"<span class=flagged>{_h(record.text) or _GAP_MARK}</span>{arrow} "
        f"{_h(record.message)} <span class=rule>{_h(record.rule_id)} · "
        f"{_h(record.category)} · {record.line}:{record.column}</span></li>"
    )


def _where(path: str, sentence: SentenceRecord | None, first: FlagRecord) -> str:
    """File, 1-based segment number, line:col of the segment's start (the column when the
    flag's line is the segment's own), unit id."""
    line = sentence.line if sentence is not None else first.line
    column = first.column - first.segment_start
    before = first.sentence[: first.segment_start]
    where = f"{line}:{column}" if column >= 1 and "\n" not in before and "\r" not in before else (
        f"line {line}"
    )
    unit = f" · unit {_h(first.unit_id)}" if first.unit_id is not None else ""
    return (
        f"<p class=where><span class=num>Seg. {first.number}</span> · {_h(path)} · "
        f"{where}{unit}</p>"
    )


def segment_block(
    path: str, sentence: SentenceRecord | None, flags: Sequence[FlagRecord]
) -> Iterator[str]:
    """The block of one flagged segment: where it is, its source (bilingual), the sentence
    marked, its errors and warnings listed, its hints folded."""
    first = flags[0]
    severities = {f.severity.label for f in flags}
    yield f'<div class="seg {_set_class(severities)}">'
    yield _where(path, sentence, first)
    source = sentence.source if sentence is not None else first.source
    if source is not None:
        yield f"<p class=source>Source: {_h(source)}</p>"
    text = sentence.text if sentence is not None else first.sentence
    yield f"<p class=sentence>{_marked(text, flags)}</p>"
    shown = [f for f in flags if f.severity > Severity.HINT]
    hints = [f for f in flags if f.severity <= Severity.HINT]
    if shown:
        yield "<ul>" + "".join(_flag_item(f) for f in shown) + "</ul>"
    if hints:
        yield (
            f"<details class=hints><summary>{counted(len(hints), 'hint')}</summary><ul>"
            + "".join(_flag_item(f) for f in hints)
            + "</ul></details>"
        )
    yield "</div>"


def _counts(title: str, counts: dict[str, int]) -> str:
    rows = "".join(f"<tr><td>{_h(k)}</td><td class=n>{v}</td></tr>" for k, v in counts.items())
    return f"<table><thead><tr><th>{_h(title)}</th><th>Flags</th></tr></thead>{rows}</table>"


def _filter_boxes() -> str:
    boxes = []
    for label in SEVERITIES:
        boxes.append(
            f"<input type=checkbox id=show-{label} checked>"
            f'<label for=show-{label} class="{label}">{label}s</label>'
        )
    return "\n".join(boxes)


class HtmlWriter:
    """The HTML report into `out`, written as events come: a file's heading at its first
    chunk, a block per flagged segment of each chunk, the file's counts and notices when it
    is done (an unreadable file where it stands), then the summary and the checker."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._open: int | None = None  # the file whose section is open
        self._flags = 0  # flags written in the open file

    def _write(self, parts: Iterable[str]) -> None:
        for part in parts:
            self.out.write(part + "\n")

    def begin(self) -> None:
        self._write(
            (
                f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Grammar report</title><style>{_CSS}</style></head>
<body><h1>Grammar report</h1>""",
                _filter_boxes(),
                "<div class=report>",
            )
        )

    def _start(self, file_index: int, path: str) -> None:
        if self._open != file_index:
            self._open, self._flags = file_index, 0
            self._write((f"<div class=file><h2>{_h(path)}</h2>",))

    def chunk(self, chunk: FileChunk) -> None:
        self._start(chunk.file_index, chunk.path)
        sentences = {s.segment: s for s in chunk.sentences}
        for segment, flags in groupby(chunk.flags, key=lambda f: f.segment):
            self._write(segment_block(chunk.path, sentences.get(segment), tuple(flags)))
        self._flags += len(chunk.flags)

    def file(self, done: FileDone) -> None:
        self._start(done.file_index, done.path)
        notices = (f"<p class=notice>{_h(notice)}</p>" for notice in done.notices)
        if self._flags:
            line = f"<p>{counted(done.segments, 'segment')}, {counted(self._flags, 'flag')}.</p>"
        else:
            line = f"<p>No flags in {counted(done.segments, 'segment')}.</p>"
        self._write((*notices, line, "</div>"))
        self._open = None

    def failure(self, failure: FileFailure) -> None:
        self._write((f"<p class=failure>Not checked: {_h(failure.error)}</p>",))

    def end(self, end: ReportEnd) -> None:
        s = end.summary
        severity = ", ".join(
            f'<span class="{_h(label)}">{n} {_h(label)}</span>'
            for label, n in s.by_severity.items()
        )
        counts = _counts("Rule", s.by_rule) + _counts("Category", s.by_category)
        totals = f"{counted(s.files, 'file')}, {counted(s.segments, 'segment')}, " + counted(
            s.flags, "flag"
        )
        self._write(
            (
                f"<h2>Summary</h2>\n<p>Checker: {_h(end.checker.description)}<br>\n"
                f"{totals} ({severity}).</p>",
                f"<div class=summary>{counts}</div>\n</div>",
                f"<footer>review-app {escape(__version__)} · report format version "
                f"{end.version}</footer>\n</body></html>",
            )
        )


def write_html(report: Report, out: TextIO) -> None:
    """The report as HTML into `out`, a line at a time."""
    write_events(replay(report), HtmlWriter(out))


def render_html(report: Report) -> str:
    buffer = io.StringIO()
    write_html(report, buffer)
    return buffer.getvalue()
