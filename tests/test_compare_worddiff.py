"""Word diff: ops tile both strings exactly; corrections are counted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.compare import word_diff
from review_app.compare.worddiff import corrections, inline_parts, side_parts, tokenize

_WORDS = st.sampled_from(
    [
        "Die",
        "die",
        "Lockereung",
        "Lockerung",
        "der",
        "Regeln",
        ",",
        ".",
        "„Ja“",
        "3.000",
        "Nord-Korea",
    ]
)
_SPACE = st.sampled_from([" ", "  ", "\n", "", "\t"])
_TEXT = st.lists(st.tuples(_SPACE, _WORDS), max_size=12).map(
    lambda pairs: "".join(space + word for space, word in pairs)
) | st.text(max_size=40)


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT)
def test_ops_tile_both_sides(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert "".join(op.a_text for op in ops) == a
    assert "".join(op.b_text for op in ops) == b
    a_pos = b_pos = 0
    for op in ops:
        assert (op.a_start, op.b_start) == (a_pos, b_pos)
        assert a[op.a_start : op.a_end] == op.a_text and b[op.b_start : op.b_end] == op.b_text
        a_pos, b_pos = op.a_end, op.b_end
        if op.tag == "equal":
            words_a = [op.a_text[s:e] for s, e in tokenize(op.a_text)]
            assert words_a == [op.b_text[s:e] for s, e in tokenize(op.b_text)]
        if op.tag == "insert":
            assert not tokenize(op.a_text)
        if op.tag == "delete":
            assert not tokenize(op.b_text)
    assert (a_pos, b_pos) == (len(a), len(b))
    # the renderers' views keep every character of their side
    assert "".join(t for _, t in side_parts(ops, "a")) == a
    assert "".join(t for _, t in side_parts(ops, "b")) == b


def test_misspelling_is_one_replacement_with_exact_spans() -> None:
    a, b = "Die Lockereung der Regeln.", "Die Lockerung der Regeln."
    ops = [op for op in word_diff(a, b) if op.tag != "equal"]
    assert len(ops) == 1
    op = ops[0]
    assert op.tag == "replace"
    assert a[op.a_start : op.a_end].strip() == "Lockereung"
    assert b[op.b_start : op.b_end].strip() == "Lockerung"
    assert corrections(word_diff(a, b)) == {("Lockereung", "Lockerung"): 1}


def test_punctuation_is_its_own_token() -> None:
    ops = word_diff("Er kam, und sie ging.", "Er kam. Und sie ging.")
    changed = [(op.a_text.strip(), op.b_text.strip()) for op in ops if op.tag != "equal"]
    assert changed == [(", und", ". Und")]


def test_inline_parts_show_deletions_before_insertions() -> None:
    parts = inline_parts(word_diff("Die Lockereung kam.", "Die Lockerung kam."))
    assert parts == [
        ("equal", "Die "),
        ("delete", "Lockereung"),
        ("insert", "Lockerung"),
        ("equal", " "),
        ("equal", "kam."),
    ]


def test_empty_sides() -> None:
    assert word_diff("", "") == []
    (op,) = word_diff("", "Neu.")
    assert op.tag == "insert" and op.b_text == "Neu."
    (op,) = word_diff("Weg.", "")
    assert op.tag == "delete" and op.a_text == "Weg."
