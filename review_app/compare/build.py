"""Building a Comparison: read, align lines, segment, align sentences, diff words, score.

Unchanged units cost nothing but being listed and counted: no word diff, no TER search, no
sentence scores, and for chrF/BLEU only their lengths (ngrams.py). Their sentences are split
(the only way to number every sentence the way `review` does) while the unchanged text stays
under SPLIT_IDENTICAL_LIMIT characters; beyond that each unchanged line is listed whole, so two
identical 50 MB files take seconds, not the minutes sentence splitting alone would take.
A changed unit longer than TER_WORD_LIMIT words is scored as the sum of its sentence pairs.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from review_app.compare.align import Bead, align_lines, align_sequences
from review_app.compare.metrics import (
    TER_WORD_LIMIT,
    bounded_note,
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
from review_app.document import TextFile, read_text
from review_app.document.segment import iter_lines, split_sentences

_PARALLEL_MIN_JOBS = 64  # below this a process pool costs more than it saves
SPLIT_IDENTICAL_LIMIT = 2_000_000  # characters of unchanged lines still split into sentences


def read_revision(path: str | os.PathLike[str]) -> TextFile:
    """Like read_text, but an empty (or blank) revision is a valid, empty text."""
    return read_text(path, allow_empty=True)


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


Line = tuple[int, str]  # (offset in the text, content without its line ending)
Span = tuple[int, int]


def _kind(n_original: int, n_revised: int, same_text: bool) -> PairKind:
    if n_original == 0:
        return "insert"
    if n_revised == 0:
        return "delete"
    if n_original == 1 and n_revised == 1:
        return "equal" if same_text else "edited"
    return "split" if n_original < n_revised else "merge"


class _Sentences:
    """One side's sentences, split line by line (as `segment_text` does) only where asked."""

    def __init__(self, text: str, lines: list[Line], language: str) -> None:
        self.text = text
        self.lines = lines
        self._language = language
        self._spans: dict[int, tuple[Span, ...]] = {}  # line → spans within the text
        self._first: list[int] | None = None

    def of_line(self, line: int) -> tuple[Span, ...]:
        found = self._spans.get(line)
        if found is None:
            offset, content = self.lines[line]
            found = tuple(
                (offset + start, offset + end)
                for start, end in split_sentences(content, self._language)
            )
            self._spans[line] = found
        return found

    def copy_line(self, line: int, other: _Sentences, other_line: int) -> tuple[Span, ...]:
        """The sentences of a line identical to `other`'s line: the same, moved to this text."""
        shift = self.lines[line][0] - other.lines[other_line][0]
        found = tuple((start + shift, end + shift) for start, end in other.of_line(other_line))
        self._spans[line] = found
        return found

    @property
    def count(self) -> int:
        return sum(map(len, self._spans.values()))

    def number(self, line: int, position: int) -> int | None:
        """The document-wide index of the line's sentence at `position`, when every line has
        been split (None otherwise)."""
        if self._first is None:
            if len(self._spans) < len(self.lines):
                return None
            self._first = [0]
            for i in range(len(self.lines)):
                self._first.append(self._first[-1] + len(self._spans[i]))
        return self._first[line] + position


@dataclass(frozen=True)
class _Pending:
    """A sentence pair before its TER, word diff and scores are known."""

    unit: int
    kind: PairKind
    original: tuple[tuple[int, int], ...]  # (line, position in line) of each sentence
    revised: tuple[tuple[int, int], ...]
    original_span: Span
    revised_span: Span
    original_text: str
    revised_text: str


def _ter_all(pairs: Iterable[tuple[str, str]], workers: int) -> dict[tuple[str, str], TerEdits]:
    """TER statistics of distinct changed (hypothesis, reference) pairs, in parallel if asked."""
    jobs = sorted(set(pairs), key=lambda p: -len(p[0]) - len(p[1]))  # long ones first
    if workers > 1 and len(jobs) >= _PARALLEL_MIN_JOBS:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(ter_edits_pair, jobs, chunksize=4))
    else:
        results = [ter_edits(h, r) for h, r in jobs]
    return dict(zip(jobs, results, strict=True))


def _unit_text(lines: list[Line], span: range, line_mode: bool) -> str:
    """A unit's text as the metrics read it: a line as sacrebleu reads it (trailing whitespace
    stripped), or an aligned line group joined by spaces."""
    if line_mode:
        return lines[span.start][1].rstrip()
    return " ".join(lines[i][1].strip() for i in span if lines[i][1].strip())


def _same_lines(lines_a: list[Line], span_a: range, lines_b: list[Line], span_b: range) -> bool:
    return len(span_a) == len(span_b) and all(
        lines_a[i][1] == lines_b[j][1] for i, j in zip(span_a, span_b, strict=True)
    )


def _start(side: _Sentences, span: range) -> int:
    """Where a sentence missing on this side sits: the start of the unit's first line."""
    return side.lines[span.start][0] if span.start < len(side.lines) else len(side.text)


def _unit_sentences(side: _Sentences, span: range) -> list[tuple[int, int, Span]]:
    return [(line, k, s) for line in span for k, s in enumerate(side.of_line(line))]


def _whole(side: _Sentences, span: range) -> tuple[Span, str]:
    """An unchanged unit listed whole: its text without surrounding whitespace."""
    if len(span) == 1:
        offset, content = side.lines[span.start]
        text = content.strip()
        start = offset + len(content) - len(content.lstrip())
        return (start, start + len(text)), text
    start = side.lines[span.start][0]
    end = side.lines[span.stop - 1][0] + len(side.lines[span.stop - 1][1])
    raw = side.text[start:end]
    text = raw.strip()
    start += len(raw) - len(raw.lstrip())
    return (start, start + len(text)), text


def _pending_pairs(
    index: int,
    sides: tuple[_Sentences, _Sentences],
    spans: tuple[range, range],
    same: bool,
    split_same: bool,
) -> list[_Pending]:
    """The sentence pairs of one unit (an unchanged unit: one whole pair unless `split_same`)."""
    a, b = sides
    if same and not split_same:
        (a_span, text), (b_span, _) = _whole(a, spans[0]), _whole(b, spans[1])
        return [_Pending(index, "equal", (), (), a_span, b_span, text, text)] if text else []
    sentences_a = _unit_sentences(a, spans[0])
    if same:
        for line_a, line_b in zip(spans[0], spans[1], strict=True):
            b.copy_line(line_b, a, line_a)
    sentences_b = _unit_sentences(b, spans[1])
    texts_a = [a.text[s:e] for _, _, (s, e) in sentences_a]
    texts_b = [b.text[s:e] for _, _, (s, e) in sentences_b]
    beads: list[Bead] = (
        [(range(i, i + 1), range(i, i + 1)) for i in range(len(texts_a))]
        if same
        else align_sequences(texts_a, texts_b)
    )
    pairs = []
    for seg_a, seg_b in beads:
        a_span = _joined(sentences_a, seg_a, _start(a, spans[0]))
        b_span = _joined(sentences_b, seg_b, _start(b, spans[1]))
        a_text = a.text[a_span[0] : a_span[1]]
        b_text = b.text[b_span[0] : b_span[1]]
        pairs.append(
            _Pending(
                index,
                _kind(len(seg_a), len(seg_b), a_text == b_text),
                tuple(sentences_a[k][:2] for k in seg_a),
                tuple(sentences_b[k][:2] for k in seg_b),
                a_span,
                b_span,
                a_text,
                b_text if b_text != a_text else a_text,
            )
        )
    return pairs


def _joined(sentences: list[tuple[int, int, Span]], segments: range, fallback: int) -> Span:
    if not segments:
        return fallback, fallback
    return sentences[segments.start][2][0], sentences[segments.stop - 1][2][1]


def _numbers(side: _Sentences, where: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """Document-wide sentence numbers; none when not every line was split."""
    numbers = [side.number(line, k) for line, k in where]
    return tuple(n for n in numbers if n is not None) if None not in numbers else ()


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
    lines_a, lines_b = list(iter_lines(original)), list(iter_lines(revised))
    line_mode, line_beads = align_lines([t for _, t in lines_a], [t for _, t in lines_b])
    unit_texts = [
        (_unit_text(lines_a, ra, line_mode), _unit_text(lines_b, rb, line_mode))
        for ra, rb in line_beads
    ]
    same = [_same_lines(lines_a, ra, lines_b, rb) for ra, rb in line_beads]
    unchanged_chars = sum(len(t) for t, s in zip(unit_texts, same, strict=True) if s)
    split_same = unchanged_chars <= SPLIT_IDENTICAL_LIMIT
    sides = _Sentences(original, lines_a, language), _Sentences(revised, lines_b, language)
    pending = [
        _pending_pairs(index, sides, bead, s, split_same)
        for index, (bead, s) in enumerate(zip(line_beads, same, strict=True))
    ]
    long_units = {
        index
        for index, (hyp, ref) in enumerate(unit_texts)
        if hyp != ref and max(len(hyp.split()), len(ref.split())) > TER_WORD_LIMIT
    }
    changed = [p for i, p in enumerate(unit_texts) if p[0] != p[1] and i not in long_units]
    changed += [
        (p.original_text, p.revised_text)
        for unit in pending
        for p in unit
        if p.original_text != p.revised_text
    ]
    ter = _ter_all(changed, workers)

    def edits(hyp: str, ref: str) -> TerEdits:
        return ter[(hyp, ref)] if hyp != ref else unchanged_edits(ref)

    units: list[Unit] = []
    sentences: list[SentencePair] = []
    found: Counter[tuple[str, str]] = Counter()
    for index, ((ra, rb), (hyp, ref), unit_pairs) in enumerate(
        zip(line_beads, unit_texts, pending, strict=True)
    ):
        first = len(sentences)
        whole = same[index] and not split_same  # one pair: the unit itself, the same words
        unit_ter = edits(hyp, ref) if whole else None
        for p in unit_pairs:
            pair_ter = unit_ter or edits(p.original_text, p.revised_text)
            pair = _sentence_pair(p, len(sentences), sides, pair_ter)
            if pair.kind not in ("insert", "delete"):  # whole sentences are not corrections
                found.update(corrections(pair.ops))
            sentences.append(pair)
        if index in long_units:
            unit_ter = sum((s.scores.ter for s in sentences[first:]), TerEdits(by_sentence=1))
        elif unit_ter is None:
            unit_ter = edits(hyp, ref)
        units.append(
            Unit(
                index=index,
                original_lines=(ra.start, ra.stop),
                revised_lines=(rb.start, rb.stop),
                hypothesis=hyp,
                reference=ref,
                sentences=tuple(range(first, len(sentences))),
                ter=unit_ter,
            )
        )
    total = sum((u.ter for u in units), TerEdits())
    return Comparison(
        original=Side(original_name, encodings[0], len(lines_a), sides[0].count),
        revised=Side(revised_name, encodings[1], len(lines_b), sides[1].count),
        line_mode="lines" if line_mode else "aligned",
        units=tuple(units),
        sentences=tuple(sentences),
        scores=corpus_scores([u.hypothesis for u in units], [u.reference for u in units], total),
        sentence_signatures=sentence_signatures(),
        counts=_counts(sentences, total),
        corrections=top_corrections(found),
        empty_revision=not revised.strip(),
        notes=notes
        + _notes(
            line_mode, (len(lines_a), len(lines_b)), revised, split_same, unchanged_chars, total
        ),
    )


def _notes(
    line_mode: bool,
    line_counts: tuple[int, int],
    revised: str,
    split_same: bool,
    unchanged_chars: int,
    total: TerEdits,
) -> tuple[str, ...]:
    notes: tuple[str, ...] = ()
    empty = not revised.strip()
    if not line_mode and not empty:
        notes += (
            f"line counts differ ({line_counts[0]} vs {line_counts[1]}): lines were aligned, "
            "and the document scores use the aligned line groups (sacrebleu needs equal line "
            "counts)",
        )
    if empty:
        notes += ("the revision is empty: every sentence was deleted, no scores",)
    if not split_same:
        notes += (
            f"the unchanged lines ({unchanged_chars:,} characters) were not split into "
            f"sentences (over {SPLIT_IDENTICAL_LIMIT:,}): each is listed whole, sentence counts "
            "cover the changed lines only, and sentence numbers are not given",
        )
    bounded = bounded_note(total)
    if bounded:
        notes += (f"HTER: {bounded}",)
    return notes


def _sentence_pair(
    pending: _Pending, index: int, sides: tuple[_Sentences, _Sentences], edits: TerEdits
) -> SentencePair:
    a_text, b_text = pending.original_text, pending.revised_text
    return SentencePair(
        index=index,
        unit=pending.unit,
        kind=pending.kind,
        original_segments=_numbers(sides[0], pending.original),
        revised_segments=_numbers(sides[1], pending.revised),
        original_span=pending.original_span,
        revised_span=pending.revised_span,
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
