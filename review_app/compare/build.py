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
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

from review_app.collector import collector_paused
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
    LineSource,
    PairKind,
    SentencePair,
    SentenceScores,
    Side,
    TerEdits,
    Unit,
)
from review_app.compare.ngrams import CorpusStats
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


class _Pending(NamedTuple):
    """A sentence pair before its TER, word diff and scores are known."""

    unit: int
    kind: PairKind
    original: tuple[tuple[int, int], ...]  # (line, position in line) of each sentence
    revised: tuple[tuple[int, int], ...]
    original_span: Span
    revised_span: Span
    original_text: str
    revised_text: str
    original_line: int | None  # the first original line, for its source; None if there is none


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
    index: int, sides: tuple[_Sentences, _Sentences], unit: _UnitPlan
) -> list[_Pending]:
    """The sentence pairs of a unit that is changed, or unchanged but split into sentences."""
    a, b = sides
    spans, same = (unit.original_lines, unit.revised_lines), unit.same
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
                _first_line(sentences_a, seg_a, spans[0]),
            )
        )
    return pairs


def _first_line(
    sentences: list[tuple[int, int, Span]], segments: range, lines: range
) -> int | None:
    """The original line a pair starts on; for an inserted sentence, its unit's first line."""
    if segments:
        return sentences[segments.start][0]
    return lines.start if lines else None


def _joined(sentences: list[tuple[int, int, Span]], segments: range, fallback: int) -> Span:
    if not segments:
        return fallback, fallback
    return sentences[segments.start][2][0], sentences[segments.stop - 1][2][1]


def _numbers(side: _Sentences, where: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """Document-wide sentence numbers; none when not every line was split."""
    if not where:
        return ()
    numbers = [side.number(line, k) for line, k in where]
    return tuple(n for n in numbers if n is not None) if None not in numbers else ()


class _UnitPlan(NamedTuple):
    original_lines: range
    revised_lines: range
    hypothesis: str  # as the metrics read the unit
    reference: str
    same: bool  # the same lines on both sides


def _plan(lines_a: list[Line], lines_b: list[Line]) -> tuple[bool, list[_UnitPlan]]:
    """The units; the revision's unchanged lines are made to share the original's strings."""
    line_mode, beads = align_lines([t for _, t in lines_a], [t for _, t in lines_b])
    plan = []
    for ra, rb in beads:
        same = _same_lines(lines_a, ra, lines_b, rb)
        if same and lines_b is not lines_a:
            for i, j in zip(ra, rb, strict=True):
                lines_b[j] = (lines_b[j][0], lines_a[i][1])  # one copy in memory, not two
        hyp = _unit_text(lines_a, ra, line_mode)
        ref = hyp if same and line_mode else _unit_text(lines_b, rb, line_mode)
        plan.append(_UnitPlan(ra, rb, hyp, ref, same))
    return line_mode, plan


def _is_long(unit: _UnitPlan) -> bool:
    """A changed unit too long for TER's search: it is scored sentence by sentence."""
    return unit.hypothesis != unit.reference and (
        max(len(unit.hypothesis.split()), len(unit.reference.split())) > TER_WORD_LIMIT
    )


def _changed_pairs(
    plan: list[_UnitPlan], pending: list[list[_Pending]], long_units: set[int]
) -> list[tuple[str, str]]:
    """The (hypothesis, reference) pairs that need TER: changed units and sentence pairs."""
    changed = [
        (u.hypothesis, u.reference)
        for i, u in enumerate(plan)
        if u.hypothesis != u.reference and i not in long_units
    ]
    changed += [
        (p.original_text, p.revised_text)
        for unit in pending
        for p in unit
        if p.original_text != p.revised_text
    ]
    return changed


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
    split_limit: int = SPLIT_IDENTICAL_LIMIT,
    sources: Sequence[LineSource] | None = None,
) -> Comparison:
    """Align `revised` with the MT `original`, diff the words of each sentence pair, and score.

    Unchanged lines are split into sentences while they total at most `split_limit`
    characters; beyond that each is listed whole and sentence numbers are not given.
    `sources`, one (unit id, source) per line of `original` (the targets of a bilingual file),
    gives each sentence pair the source and id of the unit it starts in."""
    with collector_paused():
        lines_a = list(iter_lines(original))
        if sources is not None and len(sources) != len(lines_a):
            raise ValueError(f"{len(sources)} sources for {len(lines_a)} original lines")
        lines_b = lines_a if revised == original else list(iter_lines(revised))
        line_mode, plan = _plan(lines_a, lines_b)
        unchanged_chars = sum(len(u.hypothesis) for u in plan if u.same)
        split_same = unchanged_chars <= split_limit
        sides = _Sentences(original, lines_a, language), _Sentences(revised, lines_b, language)
        pending = [
            () if u.same and not split_same else _pending_pairs(i, sides, u)
            for i, u in enumerate(plan)
        ]
        long_units = {i for i, u in enumerate(plan) if _is_long(u)}
        ter = _ter_all(_changed_pairs(plan, pending, long_units), workers)
        built = _Assembly(sides, ter, split_same, None if sources is None else tuple(sources))
        for index, unit in enumerate(plan):
            built.add_unit(index, unit, pending[index], index in long_units)
            pending[index] = ()  # done with: free it now
        total = TerEdits.total(u.ter for u in built.units)
        hyps = [u.hypothesis for u in built.units]
        refs = [u.reference for u in built.units]
        return Comparison(
            original=Side(original_name, encodings[0], len(lines_a), sides[0].count),
            revised=Side(revised_name, encodings[1], len(lines_b), sides[1].count),
            line_mode="lines" if line_mode else "aligned",
            units=tuple(built.units),
            sentences=tuple(built.sentences),
            scores=corpus_scores(built.corpus, hyps, refs, total),
            sentence_signatures=sentence_signatures(),
            counts=_counts(built.sentences, total),
            corrections=top_corrections(built.found),
            empty_revision=not revised.strip(),
            notes=notes
            + _notes(
                line_mode,
                (len(lines_a), len(lines_b)),
                revised,
                unchanged_chars if not split_same else 0,
                total,
            ),
        )


class _Assembly:
    """Units and sentence pairs with their TER, word diffs and scores, in document order."""

    def __init__(
        self,
        sides: tuple[_Sentences, _Sentences],
        ter: dict[tuple[str, str], TerEdits],
        split_same: bool,
        sources: tuple[LineSource, ...] | None = None,
    ) -> None:
        self.sides = sides
        self.ter = ter
        self.split_same = split_same
        self.sources = sources
        self.units: list[Unit] = []
        self.sentences: list[SentencePair] = []
        self.found: Counter[tuple[str, str]] = Counter()
        self.corpus = CorpusStats()
        self._by_length: dict[int, tuple[TerEdits, SentenceScores]] = {}

    def source_of(self, line: int | None) -> tuple[str | None, str | None]:
        """(source, unit id) of an original line; (None, None) without sources."""
        if self.sources is None or line is None:
            return None, None
        unit_id, source = self.sources[line]
        return source, unit_id

    def edits(self, hyp: str, ref: str) -> TerEdits:
        return self.ter[(hyp, ref)] if hyp != ref else unchanged_edits(ref)

    def add_unit(self, index: int, unit: _UnitPlan, pairs: Sequence[_Pending], long: bool) -> None:
        first = len(self.sentences)
        unit_ter = None
        if unit.hypothesis == unit.reference:
            # counted for chrF/BLEU from its words; TER's tokens are those words too
            unit_ter, scores = self._unchanged(self.corpus.add_identical(unit.reference))
            if unit.same and not self.split_same:
                self._add_whole(index, unit, scores)
        else:
            self.corpus.add_pair(unit.hypothesis, unit.reference)
        for p in pairs:
            self._add_pair(p, self.edits(p.original_text, p.revised_text))
        if long:
            unit_ter = TerEdits.total(
                [TerEdits(by_sentence=1), *(s.scores.ter for s in self.sentences[first:])]
            )
        elif unit_ter is None:
            unit_ter = self.edits(unit.hypothesis, unit.reference)
        lines_a = (unit.original_lines.start, unit.original_lines.stop)
        lines_b = (unit.revised_lines.start, unit.revised_lines.stop)
        self.units.append(
            Unit(
                index=index,
                original_lines=lines_a,
                revised_lines=lines_a if lines_a == lines_b else lines_b,
                hypothesis=unit.hypothesis,
                reference=unit.reference,
                sentences=tuple(range(first, len(self.sentences))),
                ter=unit_ter,
            )
        )

    def _unchanged(self, words: int) -> tuple[TerEdits, SentenceScores]:
        """TER statistics and scores of an unchanged text of `words` words, made once for each
        length (a large file has hundreds of thousands of unchanged lines)."""
        found = self._by_length.get(words)
        if found is None:
            edits = TerEdits(ref_length=float(words))
            found = self._by_length[words] = (edits, sentence_scores("a", "a", edits))
        return found

    def _add_whole(self, index: int, unit: _UnitPlan, scores: SentenceScores) -> None:
        """An unchanged unit as one pair: its text without surrounding whitespace (the unit's
        words, so the unit's scores)."""
        a, b = self.sides
        a_span, text = _whole(a, unit.original_lines)
        if not text:
            return
        shift = b.lines[unit.revised_lines.start][0] - a.lines[unit.original_lines.start][0]
        b_span = (a_span[0] + shift, a_span[1] + shift) if shift else a_span
        source, unit_id = self.source_of(unit.original_lines.start)
        self.sentences.append(
            SentencePair(
                index=len(self.sentences),
                unit=index,
                kind="equal",
                original_segments=(),
                revised_segments=(),
                original_span=a_span,
                revised_span=b_span,
                original_text=text,
                revised_text=text,
                ops=(),
                scores=scores,
                source=source,
                unit_id=unit_id,
            )
        )

    def _add_pair(self, pending: _Pending, edits: TerEdits) -> None:
        a_text, b_text = pending.original_text, pending.revised_text
        ops = tuple(word_diff(a_text, b_text)) if a_text != b_text else ()
        if ops and pending.kind not in ("insert", "delete"):  # whole sentences aren't corrections
            self.found.update(corrections(ops))
        source, unit_id = self.source_of(pending.original_line)
        self.sentences.append(
            SentencePair(
                index=len(self.sentences),
                unit=pending.unit,
                kind=pending.kind,
                original_segments=_numbers(self.sides[0], pending.original),
                revised_segments=_numbers(self.sides[1], pending.revised),
                original_span=pending.original_span,
                revised_span=pending.revised_span,
                original_text=a_text,
                revised_text=b_text,
                ops=ops,
                scores=sentence_scores(a_text, b_text, edits),
                source=source,
                unit_id=unit_id,
            )
        )


def _notes(
    line_mode: bool,
    line_counts: tuple[int, int],
    revised: str,
    unsplit_chars: int,
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
    if unsplit_chars:
        notes += (
            f"the unchanged lines ({unsplit_chars:,} characters) were not split into "
            "sentences: each is listed whole, sentence counts cover the changed lines only, "
            "and sentence numbers are not given",
        )
    bounded = bounded_note(total)
    if bounded:
        notes += (f"HTER: {bounded}",)
    return notes


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
