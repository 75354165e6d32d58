"""`diff` stays bounded: unchanged units cost nothing, huge segments get a bounded method that
is reported, and the bounded word diff still tiles both texts. Not timed: the outcomes show
which path ran (no ops, no sentence numbers, the notes and TER fields that say so)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF, TER

from review_app.cli import main
from review_app.compare import compare_texts, word_diff
from review_app.compare.metrics import TER_WORD_LIMIT, ter_edits
from review_app.compare.seqdiff import matching_blocks, opcodes

SENTENCES = [
    "Die Regierung beschloss die Lockerung der Regeln.",
    "Der Präsident reiste am 19. Juni nach Pjöngjang.",
    "Kim empfing ihn am Flughafen, und sie sprachen lange.",
    "Das Treffen dauerte drei Stunden.",
    "Beobachter waren überrascht.",
]


def sacrebleu_scores(mt: str, revised: str) -> dict[str, float]:
    """sacrebleu's corpus scores on the lines as its command line reads them."""
    hyps = [line.rstrip() for line in mt.split("\n")]
    refs = [line.rstrip() for line in revised.split("\n")]
    return {
        "HTER": TER(case_sensitive=True).corpus_score(hyps, [refs]).score,
        "chrF": CHRF().corpus_score(hyps, [refs]).score,
        "chrF++": CHRF(word_order=2).corpus_score(hyps, [refs]).score,
        "BLEU": BLEU().corpus_score(hyps, [refs]).score,
    }


def assert_equal_to_sacrebleu(mt: str, revised: str, **options: int) -> None:
    comparison = compare_texts(mt, revised, **options)
    assert comparison.line_mode == "lines"
    for name, value in sacrebleu_scores(mt, revised).items():
        assert comparison.score(name).value == pytest.approx(value, abs=1e-9), name


def run_json(tmp_path: Path, mt: str, revised: str, capsys: pytest.CaptureFixture[str]) -> dict:
    original, revision, out = tmp_path / "mt.txt", tmp_path / "rev.txt", tmp_path / "out.json"
    original.write_text(mt, encoding="utf-8")
    revision.write_text(revised, encoding="utf-8")
    assert main(["diff", str(original), str(revision), "-f", "json", "-o", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    return json.loads(out.read_text(encoding="utf-8"))


# --- unchanged units cost nothing -------------------------------------------------------------


def test_unchanged_sentences_carry_no_ops_and_zero_hter() -> None:
    mt = " ".join(SENTENCES) + "\n" + SENTENCES[1] + "\n"
    revised = mt.replace("Lockerung", "Lockereung")
    c = compare_texts(mt, revised)
    equal = [p for p in c.sentences if p.kind == "equal"]
    assert len(equal) == 5
    for pair in equal:
        assert pair.ops == ()
        assert pair.scores.hter == 0.0
        assert pair.scores.ter.edits == 0
        assert pair.scores.ter.ref_length == len(pair.revised_text.split())
    assert c.units[1].ter.edits == 0 and not c.units[1].changed
    assert [p.original_segments for p in c.sentences] == [(i,) for i in range(6)]


def test_identical_corpus_scores_exactly_what_sacrebleu_says() -> None:
    text = "\n".join(SENTENCES * 3) + "\n"
    c = compare_texts(text, text)
    lines = text.split("\n")
    assert c.score("BLEU").value == BLEU().corpus_score(lines, [lines]).score  # 100.00000000000004
    assert c.score("chrF").value == CHRF().corpus_score(lines, [lines]).score == 100.0
    assert c.score("chrF++").value == 100.0
    assert c.score("HTER").value == 0.0
    assert "0 edits" in c.score("HTER").detail


def test_unchanged_lines_over_the_limit_are_listed_whole() -> None:
    lines = [" ".join(SENTENCES), SENTENCES[0], "", "Das ist ein Fehlre. Hier nicht."]
    mt = "\n".join(lines) + "\n"
    revised = mt.replace("Fehlre", "Fehler")
    c = compare_texts(mt, revised, split_limit=10)
    assert [p.kind for p in c.sentences] == ["equal", "equal", "edited", "equal"]
    whole = c.sentences[0]
    assert whole.original_text == " ".join(SENTENCES)  # the line, not split into sentences
    assert mt[slice(*whole.original_span)] == whole.original_text
    assert revised[slice(*whole.revised_span)] == whole.revised_text
    assert whole.ops == () and whole.scores.hter == 0.0
    assert whole.scores.ter.ref_length == len(whole.original_text.split())
    assert all(p.original_segments == () == p.revised_segments for p in c.sentences)
    assert c.original.segments == 2  # only the changed line was split
    (note,) = c.notes
    assert "were not split into sentences" in note and "sentence numbers are not given" in note
    edited = c.sentences[2]
    assert [op.tag for op in edited.ops if op.tag != "equal"] == ["replace"]
    # the scores are unaffected by how the unchanged lines are listed
    assert_equal_to_sacrebleu(mt, revised, split_limit=10)
    detailed = compare_texts(mt, revised)
    assert [s.value for s in detailed.scores] == [s.value for s in c.scores]


def test_a_large_identical_pair_finishes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [f"{i}. {SENTENCES[i % 5]} {SENTENCES[(i * 7) % 5]}" for i in range(22_000)]
    text = "\n".join(lines) + "\n"  # 2 MB: over the limit for splitting unchanged lines
    c = compare_texts(text, text)
    assert [s.value for s in c.scores] == [
        0.0,
        100.0,
        100.0,
        BLEU().corpus_score(lines, [lines]).score,
    ]
    assert len(c.sentences) == 22_000 and c.counts.sentences_edited == 0
    assert all(p.ops == () and p.original_segments == () for p in c.sentences)
    original, revision, out = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "diff.txt"
    original.write_text(text, encoding="utf-8")
    revision.write_text(text, encoding="utf-8")
    assert main(["diff", str(original), str(revision), "-o", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    report = out.read_text(encoding="utf-8")
    assert "No changes." in report and "were not split into sentences" in report


# --- TER stays bounded, and says so ------------------------------------------------------------


def _words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocabulary = " ".join(SENTENCES).replace(".", "").replace(",", "").split()
    return [rng.choice(vocabulary) for _ in range(n)]


def test_a_sentence_over_the_limit_is_scored_without_shifts_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = _words(TER_WORD_LIMIT + 200, 1)  # no full stop: one 1,200-word sentence
    edited = list(words)
    edited[10] = "Lockereung"
    del edited[500]
    edited.insert(900, "auch")
    data = run_json(tmp_path, " ".join(words) + "\n", " ".join(edited) + "\n", capsys)
    (pair,) = data["sentences"]
    assert pair["ter_edits"]["no_shifts"] == 1
    assert pair["ter_edits"]["shifts"] == 0
    assert (pair["ter_edits"]["substitutions"], pair["ter_edits"]["insertions"]) == (1, 1)
    assert pair["ter_edits"]["deletions"] == 1
    hter = next(s for s in data["scores"] if s["name"] == "HTER")
    assert "1 line over 1,000 words scored sentence by sentence" in hter["detail"]
    assert "1 sentence over 1,000 words scored without shifts" in hter["detail"]
    assert hter["value"] == pytest.approx(100 * 3 / len(edited))
    assert any(note.startswith("HTER: ") and "without shifts" in note for note in data["notes"])


def test_a_long_line_of_sentences_is_scored_sentence_by_sentence() -> None:
    sentences = [f"Satz {i} handelt von {' '.join(_words(12, i))}." for i in range(100)]
    mt = " ".join(sentences) + "\n"  # about 1,500 words
    revised = mt.replace("Satz 7 ", "Satz sieben ").replace("Satz 50 ", "Der Satz 50 ")
    c = compare_texts(mt, revised)
    (unit,) = c.units
    assert unit.ter.by_sentence == 1 and unit.ter.no_shifts == 0
    assert unit.ter.edits == 2 and unit.ter.ref_length == len(revised.split())
    assert "1 line over 1,000 words scored sentence by sentence" in c.score("HTER").detail
    assert [p.kind for p in c.sentences].count("edited") == 2
    # chrF and BLEU are not bounded: still sacrebleu's figures for the whole line
    expected = sacrebleu_scores(mt, revised)
    for name in ("chrF", "chrF++", "BLEU"):
        assert c.score(name).value == pytest.approx(expected[name], abs=1e-9)


def test_ter_up_to_the_limit_is_sacrebleus() -> None:
    words = _words(TER_WORD_LIMIT, 3)
    edited = words[:100] + words[110:400] + words[100:110] + words[400:]  # a moved block
    edits = ter_edits(" ".join(edited), " ".join(words))
    expected = TER(case_sensitive=True).sentence_score(" ".join(edited), [" ".join(words)])
    assert edits.no_shifts == 0
    assert 100 * edits.edits / edits.ref_length == pytest.approx(expected.score)


# --- the word diff stays bounded and exact -----------------------------------------------------


def _tiles(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert "".join(op.a_text for op in ops) == a
    assert "".join(op.b_text for op in ops) == b
    for op in ops:
        assert a[op.a_start : op.a_end] == op.a_text and b[op.b_start : op.b_end] == op.b_text
        if op.tag == "equal":
            assert op.a_text.split() == op.b_text.split()


def test_word_diff_of_hostile_huge_inputs_finishes_and_tiles() -> None:
    rng = random.Random(5)
    a = " ".join(rng.choice("ab") for _ in range(20_000))  # SequenceMatcher's worst case
    b = " ".join(rng.choice("ab") for _ in range(20_000))
    _tiles(a, b)
    words = _words(60_000, 9)
    long_a = " ".join(words)
    for i in (100, 30_000, 59_000):
        words[i] = "Lockereung"
    long_b = " ".join(words)
    ops = word_diff(long_a, long_b)
    assert sum(op.tag != "equal" for op in ops) == 3  # a few edits are still found exactly
    _tiles(long_a, long_b)


_ITEMS = st.lists(st.integers(0, 4), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_ITEMS, _ITEMS, st.sampled_from([0, 4, 60]))
def test_bounded_matching_is_valid_on_any_input(a: list[int], b: list[int], piece: int) -> None:
    """The bounded path (forced with tiny limits) gives equal, ordered, disjoint blocks, and
    opcodes that cover both sequences."""
    previous = (0, 0)
    for i, j, size in matching_blocks(a, b, small_cells=0, piece_cells=piece):
        assert size > 0 and (i, j) >= previous and i >= previous[0] and j >= previous[1]
        assert a[i : i + size] == b[j : j + size]
        previous = (i + size, j + size)
    position = (0, 0)
    for tag, i1, i2, j1, j2 in opcodes(a, b, small_cells=0):
        assert (i1, j1) == position
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        position = (i2, j2)
    assert position == (len(a), len(b))


def test_few_edits_in_a_long_repetitive_sequence_are_found_exactly() -> None:
    a = ["x", "y", "z"] * 50_000  # nothing unique to anchor on: Myers' search finds them
    b = list(a)
    b[1000] = "w"
    del b[90_000]
    assert sum(size for _, _, size in matching_blocks(a, b)) == len(a) - 2
