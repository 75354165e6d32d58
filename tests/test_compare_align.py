"""Alignment of original and revision: lines first, then sentences (split/merge/insert/delete)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.compare import compare_texts
from review_app.compare.align import align_sequences


def kinds(original: str, revised: str) -> list[str]:
    return [p.kind for p in compare_texts(original, revised).sentences]


def test_identical_texts_are_all_equal_line_pairs() -> None:
    text = "Erster Satz hier. Zweiter Satz dort.\n\nDritter Satz.\n"
    c = compare_texts(text, text)
    assert c.line_mode == "lines"
    assert len(c.units) == 3  # the blank line is a unit too, as sacrebleu reads files
    assert [p.kind for p in c.sentences] == ["equal", "equal", "equal"]
    assert c.counts.sentences_edited == 0
    assert c.score("HTER").value == 0.0


def test_edited_sentence_pairs_with_its_revision() -> None:
    c = compare_texts(
        "Die Lockereung der Regeln kam. Sie war gut.\n",
        "Die Lockerung der Regeln kam. Sie war gut.\n",
    )
    assert [p.kind for p in c.sentences] == ["edited", "equal"]
    assert c.sentences[0].revised_text == "Die Lockerung der Regeln kam."


def test_split_sentence() -> None:
    original = "Der Minister kam am Montag an, und er sprach lange mit der Presse.\n"
    revised = "Der Minister kam am Montag an. Er sprach lange mit der Presse.\n"
    c = compare_texts(original, revised)
    assert [p.kind for p in c.sentences] == ["split"]
    pair = c.sentences[0]
    assert pair.original_segments == (0,) and pair.revised_segments == (0, 1)
    assert pair.revised_text == revised.strip()


def test_merged_sentences() -> None:
    original = "Der Minister kam am Montag an. Er sprach lange mit der Presse.\n"
    revised = "Der Minister kam am Montag an und sprach lange mit der Presse.\n"
    assert kinds(original, revised) == ["merge"]


def test_inserted_and_deleted_sentences_inside_a_line() -> None:
    base = "Das Treffen begann pünktlich. Die Gäste waren zufrieden. Es regnete später."
    inserted = (
        "Das Treffen begann pünktlich. Niemand hatte damit gerechnet, wirklich niemand. "
        "Die Gäste waren zufrieden. Es regnete später."
    )
    assert kinds(base, inserted) == ["equal", "insert", "equal", "equal"]
    deleted = "Das Treffen begann pünktlich. Es regnete später."
    assert kinds(base, deleted) == ["equal", "delete", "equal"]


def test_edit_next_to_an_insertion_stays_a_pair() -> None:
    original = "Die Regierung hat die Lockereung beschlossen. Das Volk jubelte."
    revised = "Die Regierung hat die Lockerung beschlossen. Das war neu. Das Volk jubelte."
    assert kinds(original, revised) == ["edited", "insert", "equal"]


def test_inserted_line_changes_line_alignment() -> None:
    original = "Erste Zeile bleibt.\nZweite Zeile bleibt auch.\nDritte Zeile mit Fehlre.\n"
    revised = (
        "Erste Zeile bleibt.\nEine ganz neue Zeile kommt dazu.\n"
        "Zweite Zeile bleibt auch.\nDritte Zeile mit Fehler.\n"
    )
    c = compare_texts(original, revised)
    assert c.line_mode == "aligned"
    assert [(u.original_lines, u.revised_lines) for u in c.units] == [
        ((0, 1), (0, 1)),
        ((1, 1), (1, 2)),
        ((1, 2), (2, 3)),
        ((2, 3), (3, 4)),
    ]
    assert [p.kind for p in c.sentences] == ["equal", "insert", "equal", "edited"]
    assert any("line counts differ" in note for note in c.notes)


def test_deleted_and_split_lines() -> None:
    original = (
        "Kopf.\nDiese Zeile fliegt raus, komplett.\nDiese auch, ganz und gar.\n"
        "Ein Absatz, der zwei wird.\n"
    )
    revised = "Kopf.\nEin Absatz,\nder zwei wird.\n"
    c = compare_texts(original, revised)
    assert [(u.original_lines, u.revised_lines) for u in c.units] == [
        ((0, 1), (0, 1)),
        ((1, 2), (1, 1)),
        ((2, 3), (1, 1)),
        ((3, 4), (1, 3)),
    ]
    assert [p.kind for p in c.sentences] == ["equal", "delete", "delete", "split"]


def test_sentence_spans_point_into_each_text() -> None:
    original = "Kopf.\n\nEins ist hier. Zwei, und drei.\n"
    revised = "Kopf.\n\nEins ist hier. Zwei. Und drei.\n"
    c = compare_texts(original, revised)
    for pair in c.sentences:
        assert original[slice(*pair.original_span)] == pair.original_text
        assert revised[slice(*pair.revised_span)] == pair.revised_text


_ITEMS = st.lists(st.sampled_from(["a b c", "d e", "f g h i", "a", "x y", ""]), max_size=8)


@settings(max_examples=200, deadline=None)
@given(_ITEMS, _ITEMS)
def test_beads_cover_both_sequences_in_order(a: list[str], b: list[str]) -> None:
    beads = align_sequences(a, b)
    assert [i for ra, _ in beads for i in ra] == list(range(len(a)))
    assert [j for _, rb in beads for j in rb] == list(range(len(b)))
    for ra, rb in beads:
        assert 0 < len(ra) + len(rb) <= 4


def test_large_uneven_stretch_uses_the_band_and_stays_complete() -> None:
    a = [f"Zeile {i} mit Wort{i} und mehr Text" for i in range(400)]
    b = [line.replace("mehr", "weniger") for line in a]
    del b[200]
    beads = align_sequences(a, b)
    assert [i for ra, _ in beads for i in ra] == list(range(400))
    assert [j for _, rb in beads for j in rb] == list(range(399))
    assert (range(200, 201), range(200, 200)) in beads


_SENTENCES = [
    "Die Regierung beschloss die Lockereung.",
    "Der Präsident reiste am 19. Juni nach Pjöngjang.",
    "Kim empfing ihn am Flughafen, und sie sprachen lange.",
    "Das Treffen dauerte drei Stunden.",
    "Beobachter waren überrascht.",
]
_EDITS = st.sampled_from(["keep", "edit", "split", "delete", "insert", "newline"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SENTENCES), _EDITS), min_size=1, max_size=8))
def test_every_sentence_is_aligned_once_in_order(plan: list[tuple[str, str]]) -> None:
    original = " ".join(sentence for sentence, _ in plan) + "\n"
    revised_parts: list[str] = []
    for sentence, edit in plan:
        if edit == "edit":
            revised_parts.append(sentence.replace("die", "eine").replace("Das", "Dieses"))
        elif edit == "split":
            revised_parts.append(sentence.replace(", und sie", ". Sie"))
        elif edit == "insert":
            revised_parts += [sentence, "Ganz neu eingefügt."]
        elif edit == "newline":
            revised_parts.append(sentence + "\n")
        elif edit == "keep":
            revised_parts.append(sentence)
    revised = " ".join(revised_parts).replace("\n ", "\n")
    c = compare_texts(original, revised)
    original_segments = [i for p in c.sentences for i in p.original_segments]
    revised_segments = [i for p in c.sentences for i in p.revised_segments]
    assert original_segments == list(range(c.original.segments))
    assert revised_segments == list(range(c.revised.segments))
    for pair in c.sentences:
        assert original[slice(*pair.original_span)] == pair.original_text
        assert revised[slice(*pair.revised_span)] == pair.revised_text
        assert pair.kind != "equal" or pair.original_text == pair.revised_text
    if original == revised:
        assert all(p.kind == "equal" for p in c.sentences)
