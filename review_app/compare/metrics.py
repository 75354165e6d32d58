"""Post-editing scores with sacrebleu: HTER (case-sensitive TER), chrF, chrF++, BLEU.

HTER is TER with the MT as hypothesis and its revision as reference. Document scores come
from corpus statistics (summed edits over summed reference words; summed n-gram counts), never
from a mean of sentence scores. Identical texts cost no TER search: zero edits, and their
reference length still counts in the denominator, exactly as sacrebleu counts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.lib_ter import _MAX_SHIFT_CANDIDATES, BeamEditDistance, _shift

from review_app.compare.model import Score, SentenceScores, TerEdits


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
    apart. The total equals sacrebleu's number of edits.
    """
    words_hyp, words_ref = ter_words(hypothesis), ter_words(reference)
    if not words_ref:
        return TerEdits(deletions=len(words_hyp), ref_length=0.0)
    if words_hyp == words_ref:
        return TerEdits(ref_length=float(len(words_ref)))
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


def ter_edits_pair(pair: tuple[str, str]) -> TerEdits:
    """`ter_edits` on a (hypothesis, reference) pair, for process pools."""
    return ter_edits(*pair)


def unchanged_edits(reference: str) -> TerEdits:
    """TER statistics of a segment whose hypothesis equals its reference: no search needed."""
    return TerEdits(ref_length=float(len(ter_words(reference))))


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
    return SentenceScores(
        hter=hter,
        chrf=chrf.sentence_score(hypothesis, [reference]).score,
        chrf_pp=chrf_pp.sentence_score(hypothesis, [reference]).score,
        bleu=bleu.sentence_score(hypothesis, [reference]).score,
        ter=edits,
    )


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


def _corpus_metrics() -> tuple[CHRF, CHRF, BLEU]:
    return CHRF(), CHRF(word_order=2), BLEU()


def corpus_scores(
    hypotheses: Sequence[str], references: Sequence[str], ter_total: TerEdits
) -> tuple[Score, ...]:
    """Document-level scores over units; `ter_total` is the sum of the units' TER statistics."""
    chrf, chrf_pp, bleu = _corpus_metrics()
    if not any(ref.strip() for ref in references):
        for metric in (chrf, chrf_pp, bleu):
            metric.corpus_score(["a"], [["a"]])  # only to obtain the signatures
        why = "undefined: the revision is empty"
        return tuple(
            Score(name, None, _signature(metric), why)
            for name, metric in zip(_NAMES, (_ter(), chrf, chrf_pp, bleu), strict=True)
        )
    hyps, refs = list(hypotheses), [list(references)]
    chrf_score = chrf.corpus_score(hyps, refs)
    chrf_pp_score = chrf_pp.corpus_score(hyps, refs)
    bleu_score = bleu.corpus_score(hyps, refs)
    bleu_detail = str(bleu_score).split(" = ", 1)[1].split(" ", 1)[1]
    edits = f"{ter_total.edits} edits / {ter_total.ref_length:g} reference words"
    return (
        Score("HTER", ter_value(ter_total), _signature(_ter()), edits),
        Score("chrF", chrf_score.score, _signature(chrf)),
        Score("chrF++", chrf_pp_score.score, _signature(chrf_pp)),
        Score("BLEU", bleu_score.score, _signature(bleu), bleu_detail),
    )
