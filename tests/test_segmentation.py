"""Sentence segmentation: exact spans, German boundaries, byte-exact rebuilds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.document import read_text, segment_text
from review_app.document.model import Document, Segment

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "putin-nordkorea.mt.de.txt"


def texts(document: Document) -> list[str]:
    return [s.text for s in document.segments]


def test_seed_headers_are_segments_of_their_own() -> None:
    document = segment_text(read_text(SEED).text)
    found = texts(document)
    assert found[0] == "zum Inhalt"
    assert "Lesen Sie auch:" in found
    assert "Kommentare" in found
    assert document.rebuild() == document.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Am 19. Juni kam er. Dann ging er.", ["Am 19. Juni kam er.", "Dann ging er."]),
        ("Das ist z. B. gut. Nr. 5 usw. sind da.", ["Das ist z. B. gut.", "Nr. 5 usw. sind da."]),
        ("Er fragte: „Warum?“ Sie schwieg.", ["Er fragte: „Warum?“", "Sie schwieg."]),
        ("Erste Zeile ohne Punkt\nZweite Zeile.", ["Erste Zeile ohne Punkt", "Zweite Zeile."]),
    ],
)
def test_german_boundaries(text: str, expected: list[str]) -> None:
    assert texts(segment_text(text)) == expected


def test_spans_are_exact_and_lines_counted() -> None:
    text = "  Eins. Zwei!\r\n\r\nDrei?  \n"
    document = segment_text(text)
    assert [(s.start, s.end, s.line) for s in document.segments] == [
        (2, 7, 0),
        (8, 13, 0),
        (17, 22, 2),
    ]


def test_rebuild_replaces_only_the_named_segments() -> None:
    document = segment_text("Eins. Zwei.\n\nDrei.\r\n")
    assert document.rebuild({1: "Zwo!"}) == "Eins. Zwo!\n\nDrei.\r\n"
    assert document.segment_at(7) == document.segments[1]
    assert document.segment_at(5) is None


def test_document_rejects_inconsistent_segments() -> None:
    with pytest.raises(ValueError):
        Document(text="abc", segments=(Segment(index=0, start=0, end=2, text="xx", line=0),))


words = st.sampled_from(
    ["Haus", "z. B.", "Dr.", "19.", "Juni", "usw.", "„Ja!“", "Er", "sagte", "Straße", "😀", "ß"]
)
separators = st.sampled_from([" ", " ", "  ", ". ", "? ", "\n", "\r\n", "\n\n", "\t", "\u00a0"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(words, separators), max_size=40))
    return "".join(w + s for w, s in parts)


@settings(max_examples=200, deadline=None)
@given(documents())
def test_untouched_document_rebuilds_exactly(text: str) -> None:
    document = segment_text(text)
    assert document.rebuild() == text
    assert document.rebuild({}) == text
    covered = [False] * len(text)
    for seg in document.segments:
        assert text[seg.start : seg.end] == seg.text
        assert seg.text == seg.text.strip() and seg.text
        assert "\n" not in seg.text and "\r" not in seg.text
        for i in range(seg.start, seg.end):
            covered[i] = True
    # every visible character belongs to a segment; only whitespace lies between them
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


@settings(max_examples=100, deadline=None)
@given(documents(), st.data())
def test_rebuild_with_replacements_touches_only_those_spans(text: str, data: st.DataObject) -> None:
    document = segment_text(text)
    if not document.segments:
        return
    index = data.draw(st.integers(0, len(document) - 1))
    replacement = data.draw(st.text(max_size=10))
    seg = document.segments[index]
    rebuilt = document.rebuild({index: replacement})
    assert rebuilt == text[: seg.start] + replacement + text[seg.end :]


@pytest.mark.parametrize(
    "text",
    ["Es gibt Schauer.Die Sonne scheint.", "Ende!Neu hier.", "Er kam um 10 Uhr.Dann ging er."],
)
def test_a_missing_space_after_a_full_stop_keeps_one_segment(text: str) -> None:
    # LanguageTool's rules split there; the missing space is the error to flag, so the
    # sentence stays whole and the checker sees "Schauer.Die".
    assert texts(segment_text(text)) == [text]
