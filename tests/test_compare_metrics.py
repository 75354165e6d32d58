"""Scores equal sacrebleu's: its TER edits, its corpus statistics, its command-line figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.lib_ter import translation_edit_rate

from review_app.compare import compare_files, compare_texts, sentence_hter
from review_app.compare.metrics import ter_edits, ter_words
from review_app.compare.ngrams import (
    CorpusStats,
    bleu_score,
    bleu_tokens,
    chrf_score,
    pair_stats,
    verified,
)
from tests.shared_corpus import WMT24, needs_corpus

CORPUS = WMT24
SYSTEMS = ["CycleL2", "GPT-4", "ONLINE-B", "Phi-3-Medium", "TSU-HITs", "Unbabel-Tower70B"]
# CI runs the whole-file checks on a weak and a strong system (~30 s each, within CI's time);
# REVIEW_APP_SLOW_TESTS=1 runs all six.
ALL_SLOW = os.environ.get("REVIEW_APP_SLOW_TESTS") == "1"
SLOW = ALL_SLOW or os.environ.get("CI") == "true"
WHOLE_FILE_SYSTEMS = SYSTEMS if ALL_SLOW else ["CycleL2", "GPT-4"]


def sacrebleu_cli(reference: Path, hypothesis: Path) -> dict[str, float]:
    """sacrebleu's own command line: TER (case-sensitive), chrF, chrF++ and BLEU."""

    def run(*metric_args: str) -> list[float]:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "sacrebleu",
                str(reference),
                "-i",
                str(hypothesis),
                *metric_args,
                "-b",
                "-w",
                "6",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        value = json.loads(out)
        return value if isinstance(value, list) else [value]

    bleu, chrf, ter = run("-m", "bleu", "chrf", "ter", "--ter-case-sensitive")
    # chrF++ through the API, on the lines exactly as the command line reads them
    hyps, refs = read_like_sacrebleu_cli(hypothesis), read_like_sacrebleu_cli(reference)
    chrf_pp = CHRF(word_order=2).corpus_score(hyps, [refs]).score
    return {"HTER": ter, "chrF": chrf, "chrF++": chrf_pp, "BLEU": bleu}


def read_like_sacrebleu_cli(path: Path) -> list[str]:
    """sacrebleu's CLI: every line (canary and blank lines too), trailing whitespace stripped."""
    with path.open(encoding="utf-8", newline="\n") as handle:
        return [line.rstrip() for line in handle]


def assert_scores_equal_cli(original: Path, revised: Path) -> None:
    comparison = compare_files(original, revised)
    assert comparison.line_mode == "lines"
    expected = sacrebleu_cli(revised, original)  # the revision is the reference
    for name, value in expected.items():
        assert round(comparison.score(name).value, 6) == pytest.approx(value, abs=1e-6), name


def _excerpt(source: Path, target: Path) -> Path:
    """The canary line and 40 short social-media lines (TER on long lines takes seconds)."""
    with source.open(encoding="utf-8", newline="\n") as handle:
        lines = handle.readlines()
    target.write_text("".join([lines[0], *lines[530:570]]), encoding="utf-8")
    return target


@needs_corpus
@pytest.mark.parametrize("system", SYSTEMS)
def test_document_scores_equal_sacrebleu_cli_on_wmt_excerpt(system: str, tmp_path: Path) -> None:
    hyp = _excerpt(CORPUS / "systems" / f"{system}.de.txt", tmp_path / "mt.txt")
    ref = _excerpt(CORPUS / "reference-A.de.txt", tmp_path / "ref.txt")
    assert_scores_equal_cli(hyp, ref)


@needs_corpus
@pytest.mark.skipif(not SLOW, reason="~30 s a system: REVIEW_APP_SLOW_TESTS=1 or CI=true")
@pytest.mark.parametrize("system", WHOLE_FILE_SYSTEMS)
def test_document_scores_equal_sacrebleu_cli_on_whole_files(system: str) -> None:
    assert_scores_equal_cli(CORPUS / "systems" / f"{system}.de.txt", CORPUS / "reference-A.de.txt")


def test_signatures_are_sacrebleus() -> None:
    c = compare_texts("Das ist ein Test.\n", "Das ist ein Test!\n")
    ter = TER(case_sensitive=True)
    ter.sentence_score("a", ["a"])
    assert c.score("HTER").signature == "TER|" + ter.get_signature().format()
    sigs = {s.name: s.signature for s in c.scores}
    assert "case:mixed" in sigs["HTER"]
    assert sigs["chrF++"].startswith("chrF2++|") and "nw:2" in sigs["chrF++"]
    assert sigs["BLEU"].startswith("BLEU|") and "tok:13a" in sigs["BLEU"]


def test_unchanged_lines_skip_ter_but_count_in_the_denominator() -> None:
    mt = [
        "Die Lockereung der Regeln kam spät.",
        "Diese Zeile bleibt , wie sie ist .",
        "",
        "  Führende Leerzeichen bleiben ",
        "Der Präsident sagte das am Montag in Berlin.",
    ]
    revised = list(mt)
    revised[0] = "Die Lockerung der Regeln kam spät."
    revised[4] = "Am Montag sagte der Präsident das in Berlin."
    c = compare_texts("\n".join(mt) + "\n", "\n".join(revised) + "\n")
    hyps = [line.rstrip() for line in mt]
    refs = [line.rstrip() for line in revised]
    ter = TER(case_sensitive=True).corpus_score(hyps, [refs])
    assert c.score("HTER").value == pytest.approx(ter.score)
    assert c.counts.reference_words == ter.ref_length
    assert c.score("chrF").value == pytest.approx(CHRF().corpus_score(hyps, [refs]).score)
    assert c.score("BLEU").value == pytest.approx(BLEU().corpus_score(hyps, [refs]).score)
    assert [u.changed for u in c.units] == [True, False, False, False, True]
    assert c.counts.words_shifted >= 1  # "Am Montag" moved


def test_hter_is_case_sensitive() -> None:
    # a capitalisation fix is an edit (sacrebleu's default TER would lowercase it away);
    # tercom tokens without normalisation: "die", "Katze", "schläft."
    assert sentence_hter("die Katze schläft.", "Die Katze schläft.") == pytest.approx(100 / 3)
    assert sentence_hter("Die Katze schläft.", "Die Katze schläft.") == 0.0
    assert sentence_hter("Die Katze schläft.", "") == 100.0


_SENTENCE = st.lists(st.sampled_from(["a", "b", "c", "d", "A", ".", ","]), max_size=9).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_SENTENCE, _SENTENCE)
def test_ter_edits_total_equals_sacrebleu(hyp: str, ref: str) -> None:
    edits = ter_edits(hyp, ref)
    expected_edits, expected_len = translation_edit_rate(ter_words(hyp), ter_words(ref))
    assert (edits.edits, edits.ref_length) == (expected_edits, expected_len)


@needs_corpus
def test_ter_edits_total_equals_sacrebleu_on_real_lines() -> None:
    ref = (CORPUS / "reference-A.de.txt").read_text(encoding="utf-8").splitlines()
    hyp = (CORPUS / "systems" / "Phi-3-Medium.de.txt").read_text(encoding="utf-8").splitlines()
    short = [(h, r) for h, r in zip(hyp[1:], ref[1:], strict=True) if len(r.split()) <= 25]
    for h, r in short[:30]:
        edits = ter_edits(h, r)
        assert edits.edits == translation_edit_rate(ter_words(h), ter_words(r))[0]


def test_empty_revision_has_no_scores() -> None:
    c = compare_texts("Ein Satz. Noch einer.\n", "")
    assert c.empty_revision
    assert all(s.value is None and "empty" in s.detail for s in c.scores)
    assert [p.kind for p in c.sentences] == ["delete", "delete"]
    assert c.counts.words_deleted == 4  # tercom tokens: Ein, Satz., Noch, einer.


# --- chrF/BLEU statistics counted in ngrams.py equal sacrebleu's, bit for bit ------------------

_WORDS = ["Die", "Katze", "schläft", ".", ",", "3.5", "1-2", "(x)", "&quot;", "x.", "„gut“", "-"]
_LINE = st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join)
_EDIT = st.tuples(st.sampled_from(["keep", "sub", "del", "ins", "swap"]), st.integers(0, 11))


def _edited(line: str, edits: list[tuple[str, int]]) -> str:
    words = line.split()
    for kind, at in edits:
        if kind == "keep" or not words:
            continue
        i = at % len(words)
        if kind == "sub":
            words[i] = words[i] + "e"
        elif kind == "del":
            del words[i]
        elif kind == "ins":
            words.insert(i, "auch")
        else:
            words[i], words[-1] = words[-1], words[i]
    return " ".join(words)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_LINE, st.lists(_EDIT, max_size=3)), min_size=1, max_size=8))
def test_document_scores_equal_sacrebleu_for_random_small_edits(
    plan: list[tuple[str, list[tuple[str, int]]]],
) -> None:
    mt = [line for line, _ in plan]
    revised = [_edited(line, edits) for line, edits in plan]
    if not any(r.strip() for r in revised):
        return  # an empty revision has no scores (tested elsewhere)
    c = compare_texts("\n".join(mt) + "\n", "\n".join(revised) + "\n")
    hyps, refs = [h.rstrip() for h in mt], [[r.rstrip() for r in revised]]
    assert c.score("chrF").value == CHRF().corpus_score(hyps, refs).score
    assert c.score("chrF++").value == CHRF(word_order=2).corpus_score(hyps, refs).score
    assert c.score("BLEU").value == BLEU().corpus_score(hyps, refs).score
    ter = TER(case_sensitive=True).corpus_score(hyps, refs)
    assert c.score("HTER").value == pytest.approx(ter.score)
    for pair in c.sentences:
        if pair.kind == "edited" and pair.revised_text.strip():
            h, r = pair.original_text, [pair.revised_text]
            assert pair.scores.chrf == CHRF().sentence_score(h, r).score
            assert pair.scores.bleu == BLEU(effective_order=True).sentence_score(h, r).score


_RAW = st.lists(
    st.sampled_from([*"ab09.,-'&;<>()/ \t\u00a0\u2028", "&quot;", "<skipped>", "ä"]),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_RAW, _RAW)
def test_metric_tokens_are_built_word_by_word(hyp: str, ref: str) -> None:
    """What ngrams.py relies on: sacrebleu's 13a tokens of a line are those of its
    whitespace-separated words one after the other, TER's tokens are those words, and so a
    pair's statistics give sacrebleu's sentence scores for any text."""
    words = hyp.split()
    assert [t for w in words for t in bleu_tokens(w)] == BLEU().tokenizer(hyp.rstrip()).split()
    assert ter_words(hyp) == words
    stats = pair_stats(hyp, ref)
    assert chrf_score(stats, 0) == CHRF().sentence_score(hyp, [ref]).score
    assert chrf_score(stats, 2) == CHRF(word_order=2).sentence_score(hyp, [ref]).score
    bleu = BLEU(effective_order=True)
    assert bleu_score(stats, bleu).score == bleu.sentence_score(hyp, [ref]).score


def test_ngram_statistics_are_verified_against_the_installed_sacrebleu() -> None:
    assert verified()


@needs_corpus
def test_long_changed_lines_count_only_ngrams_near_edits_and_stay_exact() -> None:
    """Paragraphs joined into 2,000-word lines take the shared-runs path (over 300 words)."""
    ref = (CORPUS / "reference-A.de.txt").read_text(encoding="utf-8").splitlines()[1:]
    hyp = (CORPUS / "systems" / "GPT-4.de.txt").read_text(encoding="utf-8").splitlines()[1:]
    long_ref = [" ".join(ref[i : i + 60]) for i in range(0, 240, 60)]
    long_hyp = [" ".join(ref[i : i + 30] + hyp[i + 30 : i + 60]) for i in range(0, 240, 60)]
    stats = CorpusStats()
    for h, r in zip(long_hyp, long_ref, strict=True):
        stats.add_pair(h, r)
    total = stats.stats()
    assert chrf_score(total, 0) == CHRF().corpus_score(long_hyp, [long_ref]).score
    assert chrf_score(total, 2) == CHRF(word_order=2).corpus_score(long_hyp, [long_ref]).score
    assert bleu_score(total, BLEU()).score == BLEU().corpus_score(long_hyp, [long_ref]).score
