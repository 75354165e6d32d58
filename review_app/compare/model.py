"""The comparison of an original with its revision, as plain data for the renderers and the TUI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

OpTag = Literal["equal", "insert", "delete", "replace"]
PairKind = Literal["equal", "edited", "split", "merge", "insert", "delete"]
# (unit id, source text) of the bilingual unit an original line holds the target of
LineSource = tuple[str, str]


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of a word diff of `a` (original) into `b` (revision).

    The spans of consecutive ops tile both strings: joining every `a_text` gives `a` back, and
    joining every `b_text` gives `b`. Whitespace after a word belongs to that word's op.
    """

    tag: OpTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str


@dataclass(frozen=True, slots=True)
class TerEdits:
    """What TER counted for one hypothesis (MT) against its reference (revision)."""

    insertions: int = 0  # words the reviser added
    deletions: int = 0  # MT words the reviser removed
    substitutions: int = 0
    shifts: int = 0  # blocks of words moved
    ref_length: float = 0.0  # reference words, the TER denominator
    # Bounded instead of TER's search (see metrics.TER_WORD_LIMIT), counted so that it is said:
    no_shifts: int = 0  # segments scored by word edit distance, without shifts
    by_sentence: int = 0  # units scored as the sum of their sentence pairs

    @property
    def edits(self) -> int:
        return self.insertions + self.deletions + self.substitutions + self.shifts

    @staticmethod
    def total(items: Iterable[TerEdits]) -> TerEdits:
        """The sum of many, without an intermediate object for each."""
        sums = [0, 0, 0, 0, 0.0, 0, 0]
        for e in items:
            sums[0] += e.insertions
            sums[1] += e.deletions
            sums[2] += e.substitutions
            sums[3] += e.shifts
            sums[4] += e.ref_length
            sums[5] += e.no_shifts
            sums[6] += e.by_sentence
        return TerEdits(*sums)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class SentenceScores:
    """Sentence-level scores (0-100; HTER may exceed 100); None when undefined."""

    hter: float | None
    chrf: float | None
    chrf_pp: float | None
    bleu: float | None
    ter: TerEdits


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Original sentences aligned with revised ones: 1:1, a split (1:n), a merge (n:1), or a
    sentence only on one side. Spans are character offsets into each side's whole text.
    `source` and `unit_id` belong to the bilingual unit of its first original line; None when
    the comparison was given no sources (plain texts)."""

    index: int
    unit: int  # index of the Unit it belongs to
    kind: PairKind
    original_segments: tuple[int, ...]
    revised_segments: tuple[int, ...]
    original_span: tuple[int, int]
    revised_span: tuple[int, int]
    original_text: str
    revised_text: str
    ops: tuple[DiffOp, ...]
    scores: SentenceScores
    source: str | None = None
    unit_id: str | None = None

    @property
    def changed(self) -> bool:
        return self.kind != "equal"


@dataclass(frozen=True, slots=True)
class Unit:
    """One scoring unit: a line pair (as sacrebleu reads two files) or an aligned line group."""

    index: int
    original_lines: tuple[int, int]  # [start, end) 0-based line numbers
    revised_lines: tuple[int, int]
    hypothesis: str  # the MT text as the metrics see it
    reference: str  # the revised text as the metrics see it
    sentences: tuple[int, ...]  # indices into Comparison.sentences
    ter: TerEdits

    @property
    def changed(self) -> bool:
        return self.hypothesis != self.reference

    @property
    def line_label(self) -> str:
        """1-based original line(s), e.g. "12" or "12-13"; "+5" for revised line 5 alone."""
        start, end = self.original_lines
        if start == end:
            return f"+{self.revised_lines[0] + 1}"
        return f"{start + 1}" if end == start + 1 else f"{start + 1}-{end}"


@dataclass(frozen=True, slots=True)
class Score:
    """A document-level or sentence-level metric with the sacrebleu signature that produced it."""

    name: str  # "HTER", "chrF", "chrF++", "BLEU"
    value: float | None  # None when it is undefined (e.g. an empty revision)
    signature: str
    detail: str = ""  # e.g. BLEU's n-gram precisions, or why the value is missing


@dataclass(frozen=True, slots=True)
class EditCounts:
    sentences: int  # sentence pairs
    sentences_edited: int  # pairs that are not identical
    sentences_split: int
    sentences_merged: int
    sentences_inserted: int
    sentences_deleted: int
    words_inserted: int
    words_deleted: int
    words_substituted: int
    words_shifted: int  # TER shift operations
    reference_words: float  # the HTER denominator


@dataclass(frozen=True, slots=True)
class Correction:
    """A word-level change and how often it was made; an empty side means inserted/deleted."""

    before: str
    after: str
    count: int


@dataclass(frozen=True, slots=True)
class Side:
    name: str
    encoding: str | None
    lines: int
    segments: int


@dataclass(frozen=True, slots=True)
class Comparison:
    original: Side
    revised: Side
    line_mode: Literal["lines", "aligned"]  # lines: same line count, one unit per line pair
    units: tuple[Unit, ...]
    sentences: tuple[SentencePair, ...]
    scores: tuple[Score, ...]  # document level
    sentence_signatures: tuple[Score, ...]  # how the per-sentence scores were computed
    counts: EditCounts
    corrections: tuple[Correction, ...]
    empty_revision: bool
    notes: tuple[str, ...] = ()

    def score(self, name: str) -> Score:
        return next(s for s in self.scores if s.name == name)
