"""Reports of a bilingual document: each flagged segment carries its unit's source and id, shown
above the sentence (escaped) in text, Markdown and HTML, and written in JSON and JSONL."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.bilingual.model import Unit
from review_app.checking.flag import Flag, Severity
from review_app.document.model import Document, Segment
from review_app.report.build import document_file_report
from review_app.report.model import Report, counted
from review_app.report.render_html import render_html
from review_app.report.render_json import render_json
from review_app.report.render_jsonl import JsonlWriter
from review_app.report.render_markdown import render_markdown
from review_app.report.render_text import render_text
from review_app.report.stream import replay, write_events

HOSTILE_SOURCE = "Press <b>[bold]Save</b> & *go* `now` \x1b[2J"
PAIRS = [
    ("The easing came.", "Die Lockereung kam."),
    (HOSTILE_SOURCE, "Drücken Sie Speichern und Fehlr."),
    ("Nothing wrong here.", "Hier ist nichts falsch."),
]


def bilingual_document(pairs: list[tuple[str, str]]) -> Document:
    """Targets joined by "\\n", one segment per unit (as the session sees a bilingual file);
    unit i sits on line 3 * i of its file."""
    text = "\n".join(target for _, target in pairs)
    segments, start = [], 0
    for index, (source, target) in enumerate(pairs):
        unit = Unit(
            index=index,
            id=f"tu-{index + 1}",
            source=source,
            target=target,
            target_start=0,
            target_end=len(target),
            line=3 * index,
        )
        segments.append(Segment(index, start, start + len(target), target, index, unit))
        start += len(target) + 1
    return Document(text, tuple(segments))


def word_flags(document: Document, words: dict[str, Severity]) -> list[list[Flag]]:
    flags = []
    for segment in document.segments:
        found = []
        for word, severity in words.items():
            at = segment.text.find(word)
            if at >= 0:
                found.append(Flag(at, at + len(word), "Typo?", "TEST_WORD", "TYPOS", severity))
        flags.append(sorted(found, key=lambda f: f.start))
    return flags


def bilingual_report() -> Report:
    document = bilingual_document(PAIRS)
    flags = word_flags(document, {"Lockereung": Severity.ERROR, "Fehlr": Severity.WARNING})
    file = document_file_report("sample.xlf", document, flags)
    return Report(checker="offline", checker_description="word list (tests)", files=(file,))


def test_records_carry_source_unit_id_and_the_units_line() -> None:
    [file] = bilingual_report().files
    assert [(s.segment, s.number, s.unit_id, s.line) for s in file.sentences] == [
        (0, 1, "tu-1", 1),
        (1, 2, "tu-2", 4),
    ]
    assert file.sentences[1].source == HOSTILE_SOURCE
    first, second = file.flags
    assert (first.source, first.unit_id, first.line, first.column) == (
        "The easing came.",
        "tu-1",
        1,
        5,
    )
    assert second.text == "Fehlr" and second.unit_id == "tu-2"
    assert file.segments == 3


def test_json_and_jsonl_write_source_and_unit_id() -> None:
    report = bilingual_report()
    data = json.loads(render_json(report))
    [file] = data["files"]
    assert [(s["segment"], s["segment_number"], s["unit_id"]) for s in file["sentences"]] == [
        (0, 1, "tu-1"),
        (1, 2, "tu-2"),
    ]
    assert file["sentences"][1]["source"] == HOSTILE_SOURCE  # exact: JSON keeps the text
    flags = [(f["segment_number"], f["unit_id"]) for f in file["flags"]]
    assert flags == [(1, "tu-1"), (2, "tu-2")]
    out = io.StringIO()
    write_events(replay(report), JsonlWriter(out))
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    sentences = [line for line in lines if line["type"] == "sentence"]
    assert [(s["source"], s["unit_id"]) for s in sentences] == [
        ("The easing came.", "tu-1"),
        (HOSTILE_SOURCE, "tu-2"),
    ]


def test_text_markdown_html_show_the_source_once_escaped() -> None:
    report = bilingual_report()
    text = render_text(report)
    assert text.count("Source: The easing came.") == 1
    assert "Source: Press <b>[bold]Save</b> & *go* `now` ␛[2J" in text
    assert "\x1b" not in text
    markdown = render_markdown(report)
    assert "Source: The easing came.<br>" in markdown
    assert r"Source: Press \<b\>\[bold\]Save\<" in markdown
    html = render_html(report)
    assert html.count("<p class=source>Source: ") == 2
    assert "Source: Press &lt;b&gt;[bold]Save&lt;/b&gt; &amp; *go* `now` ␛[2J</p>" in html
    assert "unit tu-2" in html


def test_plain_segments_have_no_source_anywhere() -> None:
    plain = Document("Die Lockereung kam.", (Segment(0, 0, 19, "Die Lockereung kam.", 0),))
    flags = word_flags(plain, {"Lockereung": Severity.ERROR})
    file = document_file_report("plain.txt", plain, flags)
    report = Report(checker="offline", checker_description="word list (tests)", files=(file,))
    assert "Source" not in render_text(report) + render_markdown(report) + render_html(report)
    data = json.loads(render_json(report))
    assert data["files"][0]["sentences"][0]["source"] is None
    assert data["files"][0]["flags"][0]["unit_id"] is None


def test_numbers_are_one_based_and_counts_singular_when_one() -> None:
    document = bilingual_document(PAIRS[:1])
    flags = word_flags(document, {"Lockereung": Severity.ERROR})
    file = document_file_report("one.xlf", document, flags)
    report = Report(checker="offline", checker_description="word list (tests)", files=(file,))
    text = render_text(report)
    assert "1 segment, 1 flag" in text and "1 file, 1 segment, 1 flag:" in text
    markdown = render_markdown(report)
    assert "| 1:5 | 1 | error |" in markdown
    assert "1 file, 1 segment, 1 flag (" in markdown
    html = render_html(report)
    assert "Seg. 1</span>" in html and "1 file, 1 segment, 1 flag (" in html
    assert [counted(n, "flag") for n in (0, 1, 2)] == ["0 flags", "1 flag", "2 flags"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
            st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
                lambda t: "\n" not in t and "\r" not in t
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_source_and_target_round_trip_through_json(pairs: list[tuple[str, str]]) -> None:
    document = bilingual_document(pairs)
    flags = [[Flag(0, 1, "m", "R", "TYPOS", Severity.HINT)] for _ in document.segments]
    file = document_file_report("any.xlf", document, flags)
    report = Report(checker="offline", checker_description="d", files=(file,))
    data = json.loads(render_json(report))
    sentences = data["files"][0]["sentences"]
    assert [(s["source"], s["text"]) for s in sentences] == pairs
    for flag, (_, target) in zip(data["files"][0]["flags"], pairs, strict=True):
        assert document.text[slice(*flag["span"])] == target[0] == flag["text"]
    render_html(report), render_markdown(report), render_text(report)
