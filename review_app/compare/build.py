"""Building a Comparison: read, segment, align, diff words, score."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from review_app.compare.align import UnitAlignment, align_documents
from review_app.compare.metrics import (
    corpus_scores,
    sentence_scores,
    sentence_signatures,
    ter_edits,
    ter_edits_pair,
    unchanged_edits,
)
from review_app.compare.model import (
    Comparison,
    EditCounts,
    PairKind,
    SentencePair,
    Side,
    TerEdits,
    Unit,
)
from review_app.compare.worddiff import corrections, top_corrections, word_diff
from review_app.document import Document, TextFile, read_text, segment_text
from review_app.document.segment import iter_lines
from review_app.errors import InputError

_PARALLEL_MIN_JOBS = 64  # below this a process pool costs more than it saves


def read_revision(path: str | os.PathLike[str]) -> TextFile:
    """Like read_text, but an empty (or blank) revision is a valid, empty text."""
    try:
        return read_text(path)
    except InputError:
        p = Path(path)
        if p.is_file() and not p.read_bytes().strip():
            return TextFile(path=p, text="", encoding="utf-8", newline="\n")
        raise


def compare_files(
    original: str | os.PathLike[str], revised: str | os.PathLike[str], workers: int = 1
) -> Comparison:
    """Compare two files, each read with its own encoding. InputError on unreadable files."""
    a = read_text(original)
    b = read_revision(revised)
    notes = tuple(f.notice for f in (a, b) if f.notice)
    return compare_texts(
        a.text,
        b.text,
        original_name=str(original),
        revised_name=str(revised),
        encodings=(a.encoding, b.encoding),
        workers=workers,
        notes=notes,
    )


def _kind(n_original: int, n_revised: int, same_text: bool) -> PairKind:
    if n_original == 0:
        return "insert"
    if n_revised == 0:
        return "delete"
    if n_original == 1 and n_revised == 1:
        return "equal" if same_text else "edited"
    return "split" if n_original < n_revised else "merge"


def _span(doc: Document, segments: range, fallback: int) -> tuple[int, int]:
    if not segments:
        return fallback, fallback
    return doc.segments[segments.start].start, doc.segments[segments.stop - 1].end


def _ter_all(pairs: Iterable[tuple[str, str]], workers: int) -> dict[tuple[str, str], TerEdits]:
    """TER statistics of distinct changed (hypothesis, reference) pairs, in parallel if asked."""
    jobs = sorted(set(pairs), key=lambda p: -len(p[0]) - len(p[1]))  # long ones first
    if workers > 1 and len(jobs) >= _PARALLEL_MIN_JOBS:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(ter_edits_pair, jobs, chunksize=4))
    else:
        results = [ter_edits(h, r) for h, r in jobs]
    return dict(zip(jobs, results, strict=True))


def _unit_text(lines: list[tuple[int, str]], span: range, line_mode: bool) -> str:
    """A unit's text as the metrics read it: a line as sacrebleu reads it (trailing whitespace
    stripped), or an aligned line group joined by spaces."""
    if line_mode:
        return lines[span.start][1].rstrip()
    return " ".join(lines[i][1].strip() for i in span if lines[i][1].strip())


def _line_offset(lines: list[tuple[int, str]], line: int, text: str) -> int:
    return lines[line][0] if line < len(lines) else len(text)


def compare_texts(
    original: str,
    revised: str,
    *,
    original_name: str = "original",
    revised_name: str = "revised",
    encodings: tuple[str | None, str | None] = (None, None),
    workers: int = 1,
    notes: tuple[str, ...] = (),
    language: str = "de",
) -> Comparison:
    """Align `revised` with the MT `original`, diff the words of each sentence pair, and score."""
    doc_a, doc_b = segment_text(original, language), segment_text(revised, language)
    lines_a, lines_b = list(iter_lines(original)), list(iter_lines(revised))
    line_mode, alignment = align_documents(
        doc_a, [t for _, t in lines_a], doc_b, [t for _, t in lines_b]
    )
    unit_texts = [
        (
            _unit_text(lines_a, u.original_lines, line_mode),
            _unit_text(lines_b, u.revised_lines, line_mode),
        )
        for u in alignment
    ]
    pair_texts = [[_pair_texts(doc_a, doc_b, bead) for bead in u.sentences] for u in alignment]
    changed = [p for p in unit_texts if p[0] != p[1]]
    changed += [p for unit in pair_texts for p in unit if p[0] != p[1]]
    ter = _ter_all(changed, workers)

    def edits(hyp: str, ref: str) -> TerEdits:
        return ter[(hyp, ref)] if hyp != ref else unchanged_edits(ref)

    units: list[Unit] = []
    sentences: list[SentencePair] = []
    found: Counter[tuple[str, str]] = Counter()
    for index, (u, (hyp, ref), texts) in enumerate(
        zip(alignment, unit_texts, pair_texts, strict=True)
    ):
        first = len(sentences)
        for bead, (a_text, b_text) in zip(u.sentences, texts, strict=True):
            pair = _sentence_pair(
                (doc_a, doc_b, lines_a, lines_b),
                u,
                bead,
                (len(sentences), index),
                (a_text, b_text),
                edits(a_text, b_text),
            )
            if pair.kind not in ("insert", "delete"):  # whole sentences are not corrections
                found.update(corrections(pair.ops))
            sentences.append(pair)
        units.append(
            Unit(
                index=index,
                original_lines=(u.original_lines.start, u.original_lines.stop),
                revised_lines=(u.revised_lines.start, u.revised_lines.stop),
                hypothesis=hyp,
                reference=ref,
                sentences=tuple(range(first, len(sentences))),
                ter=edits(hyp, ref),
            )
        )
    total = sum((u.ter for u in units), TerEdits())
    empty = not revised.strip()
    all_notes = notes
    if not line_mode and not empty:
        all_notes += (
            f"line counts differ ({len(lines_a)} vs {len(lines_b)}): lines were aligned, and the "
            "document scores use the aligned line groups (sacrebleu needs equal line counts)",
        )
    if empty:
        all_notes += ("the revision is empty: every sentence was deleted, no scores",)
    return Comparison(
        original=Side(original_name, encodings[0], len(lines_a), len(doc_a)),
        revised=Side(revised_name, encodings[1], len(lines_b), len(doc_b)),
        line_mode="lines" if line_mode else "aligned",
        units=tuple(units),
        sentences=tuple(sentences),
        scores=corpus_scores([u.hypothesis for u in units], [u.reference for u in units], total),
        sentence_signatures=sentence_signatures(),
        counts=_counts(sentences, total),
        corrections=top_corrections(found),
        empty_revision=empty,
        notes=all_notes,
    )


def _pair_texts(doc_a: Document, doc_b: Document, bead: tuple[range, range]) -> tuple[str, str]:
    a_span = _span(doc_a, bead[0], 0)
    b_span = _span(doc_b, bead[1], 0)
    return doc_a.text[a_span[0] : a_span[1]], doc_b.text[b_span[0] : b_span[1]]


def _sentence_pair(
    sides: tuple[Document, Document, list[tuple[int, str]], list[tuple[int, str]]],
    unit: UnitAlignment,
    bead: tuple[range, range],
    where: tuple[int, int],
    texts: tuple[str, str],
    edits: TerEdits,
) -> SentencePair:
    doc_a, doc_b, lines_a, lines_b = sides
    (seg_a, seg_b), (a_text, b_text) = bead, texts
    # a sentence missing on one side sits at the start of its unit's first line on that side
    a_span = _span(doc_a, seg_a, _line_offset(lines_a, unit.original_lines.start, doc_a.text))
    b_span = _span(doc_b, seg_b, _line_offset(lines_b, unit.revised_lines.start, doc_b.text))
    return SentencePair(
        index=where[0],
        unit=where[1],
        kind=_kind(len(seg_a), len(seg_b), a_text == b_text),
        original_segments=tuple(seg_a),
        revised_segments=tuple(seg_b),
        original_span=a_span,
        revised_span=b_span,
        original_text=a_text,
        revised_text=b_text,
        ops=tuple(word_diff(a_text, b_text)) if a_text != b_text else (),
        scores=sentence_scores(a_text, b_text, edits),
    )


def _counts(sentences: list[SentencePair], total: TerEdits) -> EditCounts:
    kinds = Counter(p.kind for p in sentences)
    return EditCounts(
        sentences=len(sentences),
        sentences_edited=len(sentences) - kinds["equal"],
        sentences_split=kinds["split"],
        sentences_merged=kinds["merge"],
        sentences_inserted=kinds["insert"],
        sentences_deleted=kinds["delete"],
        words_inserted=total.insertions,
        words_deleted=total.deletions,
        words_substituted=total.substitutions,
        words_shifted=total.shifts,
        reference_words=total.ref_length,
    )
