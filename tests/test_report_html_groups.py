"""The HTML report grouped by sentence: one block per flagged segment, the sentence once with
every flagged span marked, hints folded, a CSS-only severity filter, streamed a chunk at a time."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from review_app.checking.flag import Flag, Severity
from review_app.document.model import Document, Segment
from review_app.report.build import document_file_report
from review_app.report.model import FileChunk, FileDone, Report, ReportEnd
from review_app.report.render_html import HtmlWriter, render_html
from review_app.report.stream import replay, write_events

SENTENCES = [
    "Die Lockereung kam heute und Fehlr auch",
    "Alles gut.",
    "Kinderwelle <b>&</b>!",
]


def document(sentences: list[str]) -> Document:
    text = "\n".join(sentences)
    segments, start = [], 0
    for index, sentence in enumerate(sentences):
        segments.append(Segment(index, start, start + len(sentence), sentence, index))
        start += len(sentence) + 1
    return Document(text, tuple(segments))


def flag(start: int, end: int, severity: Severity, rule: str = "R") -> Flag:
    return Flag(start, end, f"message {rule}", rule, "TYPOS", severity, ("x",))


def report_of(sentences: list[str], flags: list[list[Flag]]) -> Report:
    file = document_file_report("t.txt", document(sentences), flags)
    return Report(checker="offline", checker_description="tests", files=(file,))


def sample() -> Report:
    return report_of(
        SENTENCES,
        [
            [
                flag(4, 14, Severity.ERROR, "SPELL"),  # Lockereung
                flag(4, 18, Severity.HINT, "NAME"),  # overlaps it: "Lockereung kam"
                flag(29, 34, Severity.WARNING, "SPELL"),  # Fehlr
                flag(39, 39, Severity.ERROR, "END_PUNCTUATION"),  # nothing at the end
            ],
            [],
            [flag(0, 11, Severity.HINT, "NAME")],  # Kinderwelle
        ],
    )


class Blocks(HTMLParser):
    """The classes of <div>s, and the text of each block's sentence."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.divs: list[str] = []
        self.sentences: list[str] = []
        self._in_sentence = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "div":
            self.divs.append(classes)
        if tag == "p" and classes == "sentence":
            self._in_sentence = True
            self.sentences.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_sentence = False

    def handle_data(self, data: str) -> None:
        if self._in_sentence:
            self.sentences[-1] += data


def test_one_block_per_flagged_segment_with_the_sentence_once() -> None:
    html = render_html(sample())
    page = Blocks(html)
    assert [c for c in page.divs if c.startswith("seg ")] == ["seg has-ewh", "seg has-h"]
    assert page.sentences == [SENTENCES[0] + "‸", SENTENCES[2]]
    assert html.count("Die ") == 1  # the sentence is not repeated per flag
    assert "Seg. 1</span> · t.txt · 1:1" in html and "Seg. 3</span> · t.txt · 3:1" in html


def test_overlapping_spans_take_the_worst_severity_and_gaps_a_caret() -> None:
    html = render_html(sample())
    assert '<mark class="error">Lockereung</mark><mark class="hint"> kam</mark>' in html
    assert '<mark class="warning">Fehlr</mark>' in html
    assert 'auch<mark class="error">‸</mark></p>' in html
    assert "Kinderwelle</mark> &lt;b&gt;&amp;&lt;/b&gt;!" in html


def test_errors_and_warnings_listed_hints_folded() -> None:
    html = render_html(sample())
    first = html[html.index('<div class="seg has-ewh">') : html.index('<div class="seg has-h">')]
    listed, folded = first.split("<details class=hints>")
    assert listed.count("<li ") == 3 and "NAME" not in listed
    assert folded.startswith("<summary>1 hint</summary>") and "NAME" in folded
    assert "<details open" not in html  # folded by default


def test_severity_filter_is_css_only_and_covers_every_block_kind() -> None:
    html = render_html(sample())
    assert "<script" not in html and "onclick" not in html.lower()
    for label in ("error", "warning", "hint"):
        assert f"<input type=checkbox id=show-{label} checked>" in html
        assert f"#show-{label}:not(:checked)~.report li.{label}{{display:none}}" in html
    # a block is hidden only when every severity it has is unchecked
    assert (
        "#show-error:not(:checked)~#show-warning:not(:checked)~#show-hint:not(:checked)"
        "~.report .has-ewh{display:none}"
    ) in html
    assert "#show-hint:not(:checked)~.report .has-h{display:none}" in html
    kinds = set(re.findall(r'class="seg (has-\w+)"', html))
    assert kinds <= set(re.findall(r"\.report \.(has-\w+)\{display:none\}", html))


def test_a_long_sentence_is_shown_in_windows_around_its_flags() -> None:
    sentence = "wort " * 2_000 + "Fehlr " + "wort " * 2_000
    at = sentence.index("Fehlr")
    html = render_html(report_of([sentence], [[flag(at, at + 5, Severity.ERROR)]]))
    assert len(html) < 8_000
    assert '… wort wort' in html and '<mark class="error">Fehlr</mark>' in html
    assert html.rstrip().endswith("</html>")


def test_files_stream_a_chunk_at_a_time_with_counts_at_the_end() -> None:
    report = sample()
    out = io.StringIO()
    events = list(replay(report))
    writer = HtmlWriter(out)
    writer.begin()
    chunk = events[0]
    assert isinstance(chunk, FileChunk)
    writer.chunk(chunk)
    assert "Lockereung" in out.getvalue()  # written before the file is done
    for event in events[1:]:
        if isinstance(event, FileDone):
            writer.file(event)
        elif isinstance(event, ReportEnd):
            writer.end(event)
    whole = out.getvalue()
    assert whole == render_html(report)
    assert "<p>3 segments, 5 flags.</p>" in whole


def test_a_file_without_flags_says_so_in_the_singular() -> None:
    html = render_html(report_of(["Gut."], [[]]))
    assert "<p>No flags in 1 segment.</p>" in html
    assert "1 file, 1 segment, 0 flags (" in html


def test_write_events_gives_the_same_page() -> None:
    report = sample()
    out = io.StringIO()
    write_events(replay(report), HtmlWriter(out))
    assert out.getvalue() == render_html(report)
