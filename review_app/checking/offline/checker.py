"""The embedded offline German checker: Hunspell spelling with false-alarm control, curated
confusions and a few rules, behind the `Checker` protocol."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from review_app.checking.base import CheckerInfo
from review_app.checking.flag import Flag
from review_app.checking.offline.engine import SEARCHABLE, Engine, EngineConfig
from review_app.checking.offline.names import DocumentStats
from review_app.checking.offline.speller import find_dictionary
from review_app.checking.offline.suggest import hunspell_suggest
from review_app.checking.offline.tokens import Token, tokenize
from review_app.checking.offline.workers import PoolUnavailable, WorkerPool
from review_app.checking.wordlists import WordLists
from review_app.config import OfflineSettings
from review_app.errors import CheckerUnavailable

NAME = "offline"

# Hunspell's own far-reaching suggestions help with typos, but for a probable name or an
# English word they only offer unrelated words (Pyongyang → Pyeongchang): near misses only.
HUNSPELL_FALLBACK = frozenset({"GERMAN_SPELLING", "UNKNOWN_COMPOUND"})
# The checker's own code and data: when a rule or the judging of words changes, cached results
# expire.
_CODE = Path(__file__).parent
TOKEN_CACHE_CHARACTERS = 2_000_000


@lru_cache(maxsize=1)
def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(_CODE.iterdir()):
        if path.suffix in (".py", ".tsv", ".txt"):
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _merge(*groups: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item, None)
    return tuple(seen)


class OfflineChecker:
    """German spelling (Hunspell, de_DE frami by default), curated confusions and rules.

    `check(suggest=False)` does no suggestion search; `suggest(text, flag)` searches
    thoroughly for one flag (worker-thread safe: Hunspell's slow suggest runs in a worker
    process). Accepted words are read from `words` at every call, so words added during a
    session take effect at once.
    """

    def __init__(self, settings: OfflineSettings, words: WordLists) -> None:
        language = settings.language.lower()
        if not language.startswith("de"):
            raise CheckerUnavailable(
                f"the offline checker checks German only, not {settings.language!r}"
            )
        self.settings = settings
        self.words = words
        files = find_dictionary(settings.dictionary)
        self._config = EngineConfig(
            files=files,
            eszett=not language.endswith("ch"),  # Swiss German writes ss for ß
            enabled_rules=frozenset(settings.enabled_rules),
            disabled_rules=frozenset(settings.disabled_rules),
            disabled_categories=frozenset(settings.disabled_categories),
        )
        self._engine = Engine(self._config)
        self._pool = WorkerPool(files)
        self._suggested: dict[str, tuple[str, ...]] = {}
        self._stats = DocumentStats()
        self._tokens: dict[str, list[Token]] = {}
        self._token_budget = TOKEN_CACHE_CHARACTERS  # characters `prepare_more` may still cache
        self._dictionary_fingerprint = files.fingerprint()
        self._description = f"offline (Hunspell {files.lang} {files.version()}, {files.dic})"

    @property
    def info(self) -> CheckerInfo:
        """The fingerprint follows the dictionary, the rule set and the accepted words."""
        digest = hashlib.sha256()
        for part in (
            self._dictionary_fingerprint,
            _code_digest(),
            self._engine.confusions.digest,
            self.settings.language,
            ",".join(sorted(self._engine.active_ids)),
            ",".join(sorted(self._config.disabled_categories)),
            "\n".join(sorted(self.words.personal | self.words.project)),
        ):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return CheckerInfo(NAME, self._description, digest.hexdigest()[:16])

    def prepare(self, texts: Sequence[str]) -> None:
        """Count capitalised words over the whole document (recurring → likely a name). The
        tokens of the first TOKEN_CACHE_CHARACTERS characters are kept for `check`; for a huge
        document they would cost more memory (620 MB for 50 MB of text) than tokenizing again
        costs time."""
        self._stats = DocumentStats()
        self._tokens = {}
        self._token_budget = TOKEN_CACHE_CHARACTERS
        self.prepare_more(texts)

    def prepare_more(self, texts: Sequence[str]) -> None:
        """The document grew by `texts` (they follow those `prepare` and `prepare_more` were
        given): count them too, without going over the earlier texts again. The statistics
        are those `prepare` would make of all the texts together."""
        budget = self._token_budget
        for text in texts:
            tokens = tokenize(text)
            self._stats.add(tokens)
            if len(text) <= budget:
                self._tokens[text] = tokens
                budget -= len(text)
        self._token_budget = budget

    def check(self, texts: Sequence[str], *, suggest: bool = True) -> list[list[Flag]]:
        if not texts:
            return []
        stats = self._stats
        if not stats:  # not prepared: the batch itself is the document
            stats = DocumentStats()
            for text in texts:
                stats.add(tokenize(text))
        return self._engine.check(texts, self.words, stats, suggest=suggest, tokens=self._tokens)

    def suggest(self, text: str, flag: Flag) -> tuple[str, ...]:
        """All suggestions for `flag`, best first: a thorough edit search, then Hunspell's
        own suggest when that finds nothing; cached."""
        if flag.rule_id not in SEARCHABLE or not flag.word:
            return flag.suggestions
        word = flag.word
        found = self._suggested.get(word)
        if found is None:
            found = self._engine.thorough(word)
            if not found and flag.rule_id in HUNSPELL_FALLBACK:
                found = self._hunspell_suggest(word)
            self._suggested[word] = found
        return _merge(flag.suggestions, found)

    def _hunspell_suggest(self, word: str) -> tuple[str, ...]:
        """~0.1 s a word holding the GIL: in a worker process, so a UI thread stays live."""
        try:
            return self._pool.suggest(word)
        except PoolUnavailable:
            return hunspell_suggest(self._engine.speller.hunspell, word)

    def close(self) -> None:
        self._pool.close()
