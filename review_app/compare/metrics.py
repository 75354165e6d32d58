"""Post-editing scores with sacrebleu: HTER (case-sensitive TER), chrF, chrF++, BLEU.

HTER is TER with the MT as hypothesis and its revision as reference. Document scores come
from corpus statistics (summed edits over summed reference words; summed n-gram counts), never
from a mean of sentence scores. Identical texts cost no TER search and no n-gram counting:
zero edits and all n-grams matched, with their lengths still counted, exactly as sacrebleu
counts them (ngrams.py).

TER's search grows fast with length (sacrebleu, measured: 1,000 words 0.1 s without moved
blocks but 20 s with 50 of them and 150 MB; 2,000 words 86 s and 300 MB; a 5 MB line never
finishes), so a segment over TER_WORD_LIMIT words is scored by word edit distance from a
bounded word diff, without shifts, and marked so (`TerEdits.no_shifts`); compare/build.py
scores a longer line pair as the sum of its sentence pairs instead (`TerEdits.by_sentence`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.lib_ter import _MAX_SHIFT_CANDIDATES, BeamEditDistance, _shift

from review_app.compare.model import Score, SentenceScores, TerEdits
from review_app.compare.ngrams import (
    WORD_ORDER,
    CorpusStats,
    bleu_score,
    chrf_score,
    pair_stats,
    verified,
)
from review_app.compare.seqdiff import opcodes

TER_WORD_LIMIT = 1000  # longer segments (either side) are scored without TER's shift search


@lru_cache(maxsize=1)
def _ter() -> TER:
    metric = TER(case_sensitive=True)
    metric.sentence_score("a", ["a"])  # sacrebleu fills in its signature on first use
    return metric


@lru_cache(maxsize=1)
def _sentence_metrics() -> tuple[CHRF, CHRF, BLEU]:
    metrics = (CHRF(), CHRF(word_order=2), BLEU(effective_order=True))
    for metric in metrics:
        metric.sentence_score("a", ["a"])
    return metrics


def ter_words(text: str) -> list[str]:
    """The tokens TER(case_sensitive=True) compares, as sacrebleu preprocesses a segment."""
    return _ter().tokenizer(text.rstrip()).split()


def ter_edits(hypothesis: str, reference: str) -> TerEdits:
    """TER's edit operations for one segment, counted by kind.

    Mirrors sacrebleu.metrics.lib_ter.translation_edit_rate (same shifts, same beam edit
    distance), keeping the trace so that insertions, deletions and substitutions can be told
    apart. The total equals sacrebleu's number of edits. Over TER_WORD_LIMIT words: see
    `edits_without_shifts`.
    """
    words_hyp, words_ref = ter_words(hypothesis), ter_words(reference)
    if not words_ref:
        return TerEdits(deletions=len(words_hyp), ref_length=0.0)
    if words_hyp == words_ref:
        return TerEdits(ref_length=float(len(words_ref)))
    if max(len(words_hyp), len(words_ref)) > TER_WORD_LIMIT:
        return edits_without_shifts(words_hyp, words_ref)
    distance = BeamEditDistance(words_ref)
    shifts, words, checked = 0, words_hyp, 0
    while True:
        delta, shifted, checked = _shift(words, words_ref, distance, checked)
        if checked >= _MAX_SHIFT_CANDIDATES or delta <= 0:
            break
        shifts += 1
        words = shifted
    _, trace = distance(words)
    # the trace rewrites the hypothesis into the reference: 'd' drops an MT word, 'i' adds one
    return TerEdits(
        insertions=trace.count("i"),
        deletions=trace.count("d"),
        substitutions=trace.count("s"),
        shifts=shifts,
        ref_length=float(len(words_ref)),
    )


def edits_without_shifts(words_hyp: list[str], words_ref: list[str]) -> TerEdits:
    """Word edit distance from a bounded word diff: a replaced run of a words by b words is
    min(a, b) substitutions plus the rest inserted or deleted; no shifts are searched."""
    insertions = deletions = substitutions = 0
    for tag, i1, i2, j1, j2 in opcodes(words_hyp, words_ref):
        removed, added = i2 - i1, j2 - j1
        if tag == "replace":
            substitutions += min(removed, added)
        if tag != "equal":
            insertions += max(0, added - removed)
            deletions += max(0, removed - added)
    return TerEdits(
        insertions=insertions,
        deletions=deletions,
        substitutions=substitutions,
        ref_length=float(len(words_ref)),
        no_shifts=1,
    )


def ter_edits_pair(pair: tuple[str, str]) -> TerEdits:
    """`ter_edits` on a (hypothesis, reference) pair, for process pools."""
    return ter_edits(*pair)


def unchanged_edits(reference: str) -> TerEdits:
    """TER statistics of a segment whose hypothesis equals its reference: no search needed.

    Its length in TER's tokens: with case-sensitive, unnormalized TER those are the
    whitespace-separated words (tested against `ter_words`)."""
    return TerEdits(ref_length=float(len(reference.split())))


def ter_value(edits: TerEdits) -> float:
    """TER in percent from (summed) statistics, with sacrebleu's rule for empty references."""
    if edits.ref_length > 0:
        return 100 * edits.edits / edits.ref_length
    return 100.0 if edits.edits > 0 else 0.0


def sentence_hter(mt: str, revised: str) -> float:
    """HTER (percent) of one MT sentence against its revision; 0.0 when nothing changed."""
    if mt.rstrip() == revised.rstrip():
        return 0.0
    return ter_value(ter_edits(mt, revised))


def sentence_scores(hypothesis: str, reference: str, edits: TerEdits) -> SentenceScores:
    """Sentence-level scores; identical texts score 100 without running the metrics."""
    hter = ter_value(edits) if edits.ref_length > 0 else None
    if not reference.strip():
        return SentenceScores(hter=None, chrf=None, chrf_pp=None, bleu=None, ter=edits)
    if hypothesis.rstrip() == reference.rstrip():
        return SentenceScores(hter=0.0, chrf=100.0, chrf_pp=100.0, bleu=100.0, ter=edits)
    chrf, chrf_pp, bleu = _sentence_metrics()
    if verified():
        stats = pair_stats(hypothesis, reference)
        values = (
            chrf_score(stats, 0),
            chrf_score(stats, WORD_ORDER),
            bleu_score(stats, bleu).score,
        )
    else:
        values = tuple(
            m.sentence_score(hypothesis, [reference]).score for m in (chrf, chrf_pp, bleu)
        )
    return SentenceScores(hter, *values, ter=edits)


def sentence_signatures() -> tuple[Score, ...]:
    """How the per-sentence scores are computed (sentence BLEU uses effective order)."""
    chrf, chrf_pp, bleu = _sentence_metrics()
    return (
        Score("HTER", None, _signature(_ter())),
        Score("chrF", None, _signature(chrf)),
        Score("chrF++", None, _signature(chrf_pp)),
        Score("BLEU", None, _signature(bleu)),
    )


def _signature(metric: TER | CHRF | BLEU) -> str:
    """The signature as sacrebleu prints it, e.g. `TER|nrefs:1|case:mixed|...`."""
    return f"{_score_name(metric)}|{metric.get_signature().format()}"


def _score_name(metric: TER | CHRF | BLEU) -> str:
    if isinstance(metric, CHRF):
        return f"chrF{metric.beta:g}" + "+" * metric.word_order
    return type(metric).__name__


_NAMES = ("HTER", "chrF", "chrF++", "BLEU")


@lru_cache(maxsize=1)
def _corpus_metrics() -> tuple[CHRF, CHRF, BLEU]:
    metrics = (CHRF(), CHRF(word_order=2), BLEU())
    for metric in metrics:
        metric.corpus_score(["a"], [["a"]])  # sacrebleu fills in its signature on first use
    return metrics


def corpus_scores(
    corpus: CorpusStats,
    hypotheses: Sequence[str],
    references: Sequence[str],
    ter_total: TerEdits,
) -> tuple[Score, ...]:
    """Document-level scores over units: `corpus` holds the units' chrF/BLEU statistics,
    `ter_total` the sum of their TER statistics. Equal to sacrebleu's corpus_score on the same
    segments (`hypotheses`, `references`), which score them if ngrams.py is not verified."""
    chrf, chrf_pp, bleu = _corpus_metrics()
    if not any(ref.strip() for ref in references):
        why = "undefined: the revision is empty"
        return tuple(
            Score(name, None, _signature(metric), why)
            for name, metric in zip(_NAMES, (_ter(), chrf, chrf_pp, bleu), strict=True)
        )
    if verified():
        stats = corpus.stats()
        values = chrf_score(stats, 0), chrf_score(stats, WORD_ORDER)
        bleu_result = bleu_score(stats, bleu)
    else:  # another sacrebleu than the one ngrams.py mirrors: sacrebleu scores everything
        hyps, refs = list(hypotheses), [list(references)]
        values = chrf.corpus_score(hyps, refs).score, chrf_pp.corpus_score(hyps, refs).score
        bleu_result = bleu.corpus_score(hyps, refs)
    bleu_detail = str(bleu_result).split(" = ", 1)[1].split(" ", 1)[1]
    return (
        Score("HTER", ter_value(ter_total), _signature(_ter()), hter_detail(ter_total)),
        Score("chrF", values[0], _signature(chrf)),
        Score("chrF++", values[1], _signature(chrf_pp)),
        Score("BLEU", bleu_result.score, _signature(bleu), bleu_detail),
    )


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def bounded_note(edits: TerEdits) -> str:
    """What was not scored by TER's own search, or "" when everything was."""
    parts = []
    if edits.by_sentence:
        parts.append(
            f"{_plural(edits.by_sentence, 'line')} over {TER_WORD_LIMIT:,} words scored "
            "sentence by sentence (shifts only within sentences)"
        )
    if edits.no_shifts:
        parts.append(
            f"{_plural(edits.no_shifts, 'sentence')} over {TER_WORD_LIMIT:,} words scored "
            "without shifts (word edit distance)"
        )
    return "; ".join(parts)


def hter_detail(edits: TerEdits) -> str:
    words = f"{edits.ref_length:,.0f}" if edits.ref_length.is_integer() else f"{edits.ref_length:g}"
    detail = f"{edits.edits:,} edits / {words} reference words"
    bounded = bounded_note(edits)
    return f"{detail}; {bounded}" if bounded else detail
