"""chrF, chrF++ and BLEU statistics, counted exactly as sacrebleu counts them, but cheaply.

sacrebleu's public API scores a whole corpus or one sentence; it gives no way to add the
statistics of segments it has not seen (CHRFScore keeps none, and `_extract_corpus_statistics`
is private). Scoring every unchanged line through it cost half of `diff`'s time on a lightly
edited file and minutes on large ones, so the statistics are counted here:

- Each metric tokenizes whitespace-separated words independently of each other: chrF's
  characters are the words joined, chrF++ splits a leading or trailing punctuation mark off a
  word, BLEU's 13a tokenizer only looks one character around each mark (checked against
  sacrebleu's tokenizer in the tests). So tokens are built per distinct word, memoized.
- An identical pair matches all its n-grams: its statistics follow from its lengths alone.
- A long changed pair shares long runs of words: n-grams inside a shared run match each other
  and need no counting; only those near the edits are counted.

BLEU scores come from sacrebleu's public `BLEU.compute_bleu`; chrF's F-score formula has no
public entry point and is repeated here operation for operation. `verified()` checks all three
against sacrebleu's own `corpus_score`/`sentence_score` on a probe corpus at first use; if
they ever differ (another sacrebleu version), the callers fall back to sacrebleu itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.metrics.bleu import BLEUScore

from review_app.compare.seqdiff import Block, matching_blocks

CHAR_ORDER = 6  # CHRF.CHAR_ORDER
WORD_ORDER = 2  # chrF++
BLEU_ORDER = 4  # BLEU's max_ngram_order
BETA = 2
_CHRF_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")  # as sacrebleu's chrF
# A word without any of these characters is one 13a token (no 13a rule can apply to it).
_BLEU_SPLITTERS = re.compile(r"[\{-\~\[-\` -\&\(-\+\:-\@\/\.,\-]")
_SKIPPED = "<skipped>"  # 13a deletes it: the one way a word can have no token at all
_SAFE_WORDS = 6  # a line with this many words and no _SKIPPED has every n-gram order
_ALIGN_WORDS = 300  # changed pairs this long count only the n-grams near their edits
_MEMO_LIMIT = 200_000  # distinct words kept between clears
_BULK_LIMIT = 500_000  # distinct words of identical lines counted before folding them in


@lru_cache(maxsize=1)
def _bleu_tokenizer() -> Callable[[str], str]:
    return BLEU().tokenizer


def chrf_words(word: str) -> tuple[str, ...]:
    """chrF++'s word tokens of one whitespace-free word (sacrebleu's punctuation split)."""
    if len(word) > 1:
        if word[-1] in _CHRF_PUNCTUATION:
            return (word[:-1], word[-1])
        if word[0] in _CHRF_PUNCTUATION:
            return (word[0], word[1:])
    return (word,)


def bleu_tokens(word: str) -> tuple[str, ...]:
    """BLEU's 13a tokens of one whitespace-free word, from sacrebleu's tokenizer."""
    if _BLEU_SPLITTERS.search(word) is None and _SKIPPED not in word:
        return (word,)
    return tuple(_bleu_tokenizer()(word).split())


class _Pieces:
    """Per-word tokens of chrF++ and BLEU, memoized (the memo is bounded)."""

    def __init__(self) -> None:
        self._memo: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def __call__(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[word] = (chrf_words(word), bleu_tokens(word))
        return found


_PIECES = _Pieces()


@dataclass
class Stats:
    """Sufficient statistics: [hyp, ref, match] per chrF character order and per chrF++ word
    order; BLEU's [sys_len, ref_len, correct 1..4, total 1..4]. Sums of segments' statistics."""

    chars: list[int] = field(default_factory=lambda: [0] * (3 * CHAR_ORDER))
    words: list[int] = field(default_factory=lambda: [0] * (3 * WORD_ORDER))
    bleu: list[int] = field(default_factory=lambda: [0] * (2 + 2 * BLEU_ORDER))

    def add(self, other: Stats) -> None:
        for mine, theirs in ((self.chars, other.chars), (self.words, other.words)):
            for i, value in enumerate(theirs):
                mine[i] += value
        for i, value in enumerate(other.bleu):
            self.bleu[i] += value


def _identical(chars: int, words: int, tokens: int, lines: int = 1) -> Stats:
    """Statistics of `lines` identical pairs with these total lengths, each line long enough
    to have n-grams of every order (or a single line of any length)."""
    stats = Stats()
    for n in range(1, CHAR_ORDER + 1):
        count = max(0, chars - (n - 1) * lines)
        stats.chars[3 * n - 3 : 3 * n] = [count, count, count]
    for n in range(1, WORD_ORDER + 1):
        count = max(0, words - (n - 1) * lines)
        stats.words[3 * n - 3 : 3 * n] = [count, count, count]
    stats.bleu[0] = stats.bleu[1] = tokens
    for n in range(1, BLEU_ORDER + 1):
        stats.bleu[1 + n] = stats.bleu[1 + BLEU_ORDER + n] = max(0, tokens - (n - 1) * lines)
    return stats


def identical_stats(text: str) -> Stats:
    """Statistics of a pair whose two sides are `text`."""
    words = text.split()
    chrf, bleu = 0, 0
    for word in words:
        pieces = _PIECES(word)
        chrf += len(pieces[0])
        bleu += len(pieces[1])
    return _identical(sum(map(len, words)), chrf, bleu)


class CorpusStats:
    """Sums statistics over a corpus; identical pairs are counted in bulk from their words."""

    def __init__(self) -> None:
        self.total = Stats()
        self._bulk: Counter[str] = Counter()
        self._bulk_lines = 0

    def add_identical(self, text: str) -> int:
        """Count a pair whose two sides are `text`; its number of whitespace-separated words."""
        words = text.split()
        if len(words) < _SAFE_WORDS or _SKIPPED in text:
            self.total.add(identical_stats(text))
            return len(words)
        self._bulk.update(words)
        self._bulk_lines += 1
        if len(self._bulk) >= _BULK_LIMIT:
            self._fold()
        return len(words)

    def add_pair(self, hypothesis: str, reference: str) -> None:
        if hypothesis == reference:
            self.add_identical(reference)
        else:
            self.total.add(pair_stats(hypothesis, reference))

    def stats(self) -> Stats:
        self._fold()
        return self.total

    def _fold(self) -> None:
        chars = chrf = bleu = 0
        for word, count in self._bulk.items():
            chars += count * len(word)
            chrf += count * len(chrf_words(word))
            bleu += count * len(bleu_tokens(word))
        if self._bulk_lines:
            self.total.add(_identical(chars, chrf, bleu, self._bulk_lines))
        self._bulk.clear()
        self._bulk_lines = 0


def pair_stats(hypothesis: str, reference: str) -> Stats:
    """Statistics of one (hypothesis, reference) pair, as sacrebleu counts them."""
    words_h, words_r = hypothesis.split(), reference.split()
    blocks: list[Block] = []
    if min(len(words_h), len(words_r)) >= _ALIGN_WORDS:
        blocks = matching_blocks(words_h, words_r)
    pieces_h = [_PIECES(w) for w in words_h]
    pieces_r = [_PIECES(w) for w in words_r]
    stats = Stats()
    chars = ("".join(words_h), "".join(words_r), _map_blocks(blocks, words_h, words_r))
    for n in range(1, CHAR_ORDER + 1):
        stats.chars[3 * n - 3 : 3 * n] = _chrf_order(*chars, n)
    chrf = _tokens(blocks, [p[0] for p in pieces_h], [p[0] for p in pieces_r])
    for n in range(1, WORD_ORDER + 1):
        stats.words[3 * n - 3 : 3 * n] = _chrf_order(*chrf, n)
    tokens_h, tokens_r, token_blocks = _tokens(
        blocks, [p[1] for p in pieces_h], [p[1] for p in pieces_r]
    )
    stats.bleu[0], stats.bleu[1] = len(tokens_h), len(tokens_r)
    for n in range(1, BLEU_ORDER + 1):
        hyp, _, match = _order(tokens_h, tokens_r, token_blocks, n)
        stats.bleu[1 + n], stats.bleu[1 + BLEU_ORDER + n] = match, hyp
    return stats


def _tokens(
    blocks: list[Block], pieces_h: list[tuple[str, ...]], pieces_r: list[tuple[str, ...]]
) -> tuple[list[str], list[str], list[Block]]:
    """Both sides' tokens built from their words' pieces, and the word blocks as token blocks."""
    return _flat(pieces_h), _flat(pieces_r), _map_blocks(blocks, pieces_h, pieces_r)


def _flat(pieces: Iterable[tuple[str, ...]]) -> list[str]:
    return [token for piece in pieces for token in piece]


def _map_blocks(
    blocks: list[Block], parts_h: Sequence[Sequence[str]], parts_r: Sequence[Sequence[str]]
) -> list[Block]:
    """Word blocks as blocks of what the words are made of (characters or tokens): equal words
    are made of equal parts."""
    if not blocks:
        return []
    start_h = [0, *accumulate(map(len, parts_h))]
    start_r = [0, *accumulate(map(len, parts_r))]
    return [
        (start_h[i], start_r[j], start_h[i + size] - start_h[i])
        for i, j, size in blocks
        if start_h[i + size] > start_h[i]
    ]


def _chrf_order(hyp: Sequence[str], ref: Sequence[str], blocks: list[Block], n: int) -> list[int]:
    """chrF's [hyp, ref, match] for order n: a hypothesis without reference n-grams counts 0."""
    count_h, count_r, match = _order(hyp, ref, blocks, n)
    return [count_h if count_r else 0, count_r, match]


def _order(
    hyp: Sequence[str], ref: Sequence[str], blocks: list[Block], n: int
) -> tuple[int, int, int]:
    """n-grams of the hypothesis, of the reference, and matched (clipped by the reference).

    An n-gram inside a shared run is on both sides, so it matches; the clipped overlap of the
    remaining ones is counted: min(c + x, c + y) = c + min(x, y) for each n-gram."""
    count_h, count_r = max(0, len(hyp) - n + 1), max(0, len(ref) - n + 1)
    if not count_h or not count_r:
        return count_h, count_r, 0
    shared = sum(size - n + 1 for _, _, size in blocks if size >= n)
    rest_h = _grams_outside(hyp, [(i, size) for i, _, size in blocks], n)
    rest_r = _grams_outside(ref, [(j, size) for _, j, size in blocks], n)
    clipped = sum(min(c, rest_r[g]) for g, c in rest_h.items() if g in rest_r)
    return count_h, count_r, shared + clipped


def _grams_outside(seq: Sequence[str], runs: list[tuple[int, int]], n: int) -> Counter:
    """n-grams of `seq` not wholly inside one of the runs (start, size)."""
    grams: Counter = Counter()
    text = isinstance(seq, str)
    position, last = 0, len(seq) - n
    for start, size in [*runs, (last + 1, n)]:
        stop = min(start, last + 1)
        if position < stop:
            if text:
                grams.update(seq[q : q + n] for q in range(position, stop))
            else:
                grams.update(tuple(seq[q : q + n]) for q in range(position, stop))
            position = stop
        if size >= n:
            position = max(position, start + size - n + 1)
    return grams


def chrf_score(stats: Stats, word_order: int) -> float:
    """chrF (word_order 0) or chrF++ (2) in percent: sacrebleu's CHRF._compute_f_score with
    its defaults (beta 2, effective-order averaging, no epsilon smoothing), step for step."""
    values = stats.chars + stats.words[: 3 * word_order]
    eps = 1e-16
    score = 0.0
    effective_order = 0
    factor = BETA**2
    avg_prec, avg_rec = 0.0, 0.0
    for i in range(CHAR_ORDER + word_order):
        n_hyp, n_ref, n_match = values[3 * i : 3 * i + 3]
        prec = n_match / n_hyp if n_hyp > 0 else eps
        rec = n_match / n_ref if n_ref > 0 else eps
        denom = factor * prec + rec
        score += ((1 + factor) * prec * rec / denom) if denom > 0 else eps
        if n_hyp > 0 and n_ref > 0:
            avg_prec += prec
            avg_rec += rec
            effective_order += 1
    if effective_order == 0:
        avg_prec = avg_rec = 0.0
    else:
        avg_prec /= effective_order
        avg_rec /= effective_order
    if avg_prec + avg_rec:
        score = (1 + factor) * avg_prec * avg_rec
        score /= (factor * avg_prec) + avg_rec
        return 100 * score
    return 0.0


def bleu_score(stats: Stats, metric: BLEU) -> BLEUScore:
    """BLEU from summed statistics, through sacrebleu's public `compute_bleu`."""
    counts = stats.bleu
    return BLEU.compute_bleu(
        correct=list(counts[2 : 2 + BLEU_ORDER]),
        total=list(counts[2 + BLEU_ORDER :]),
        sys_len=counts[0],
        ref_len=counts[1],
        smooth_method=metric.smooth_method,
        smooth_value=metric.smooth_value,
        effective_order=metric.effective_order,
        max_ngram_order=metric.max_ngram_order,
    )


_PROBE = (
    ("Die Katze schläft.", "Die Katze schläft."),
    ("Das ist, (sagte er) ein 3.5-Test: 12,5 % &quot;gut&quot;!", "Das ist ein Test - 3,5 mal."),
    ("a b", "a b c d e f g h i j k"),
    ("", "Nur die Referenz."),
    ("Nur die Hypothese.", "x"),
    ("<skipped> fehlt", "<skipped> fehlt"),
    ("„Anführungszeichen“ – und … mehr?", "„Anführungszeichen“ — und mehr?"),
    ("ein zwei drei vier fünf sechs sieben", "ein zwei drei vier fünf sechs sieben"),
    ("x.y,z 1-2 a--b ...", "x . y , z 1 - 2 a -- b"),
)


@lru_cache(maxsize=1)
def verified() -> bool:
    """Whether the statistics and formulas here give sacrebleu's own figures on the probe."""
    hyps = [h for h, _ in _PROBE]
    refs = [r for _, r in _PROBE]
    corpus = CorpusStats()
    for h, r in _PROBE:
        corpus.add_pair(h, r)
    total = corpus.stats()
    same = (
        chrf_score(total, 0) == CHRF().corpus_score(hyps, [refs]).score
        and chrf_score(total, WORD_ORDER) == CHRF(word_order=2).corpus_score(hyps, [refs]).score
        and bleu_score(total, BLEU()).score == BLEU().corpus_score(hyps, [refs]).score
    )
    sentence_bleu = BLEU(effective_order=True)
    for h, r in _PROBE:
        pair = pair_stats(h, r)
        same = (
            same
            and chrf_score(pair, 0) == CHRF().sentence_score(h, [r]).score
            and chrf_score(pair, WORD_ORDER) == CHRF(word_order=2).sentence_score(h, [r]).score
            and bleu_score(pair, sentence_bleu).score == sentence_bleu.sentence_score(h, [r]).score
        )
    return same
