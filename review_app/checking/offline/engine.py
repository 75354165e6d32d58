"""The checking work itself: tokens → spelling verdicts + curated phrases + rules → flags,
and the suggestion searches of our own edit candidates. Built from a small config so that a
bench or a test can run it without the `OfflineChecker` shell."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline.confusions import load_confusions
from review_app.checking.offline.names import DocumentStats
from review_app.checking.offline.registry import (
    CHECKER,
    Resources,
    RuleContext,
    active_rules,
    all_rules,
)
from review_app.checking.offline.speller import (
    DictionaryFiles,
    Speller,
    dictionary_words,
    english_speller,
    load_hunspell,
)
from review_app.checking.offline.spelling import Verdict, WordJudge
from review_app.checking.offline.suggest import edit_candidates
from review_app.checking.offline.tokens import Token, tokenize
from review_app.checking.wordlists import WordLists

# Spelling rules whose flags a suggestion search can improve.
SEARCHABLE = frozenset({"GERMAN_SPELLING", "NAME_LIKE_UNKNOWN", "FOREIGN_WORD", "UNKNOWN_COMPOUND"})


@dataclass(frozen=True)
class EngineConfig:
    """Everything an engine needs."""

    files: DictionaryFiles
    eszett: bool = True  # de-DE/de-AT: flag ss where ß is right; de-CH writes ss
    enabled_rules: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()


class Engine:
    def __init__(self, config: EngineConfig) -> None:
        self.config = config
        english = english_speller()
        self.speller = Speller(load_hunspell(config.files), dictionary_words(config.files), english)
        self.confusions = load_confusions()
        self.resources = Resources(self.speller)
        self.judge = WordJudge(
            self.speller,
            english,
            self.confusions,
            WordLists(personal_path=Path(), personal=set(), project=set()),
            DocumentStats(),
            eszett=config.eszett,
            resources=self.resources,
        )
        active = active_rules(
            all_rules(),
            enabled=config.enabled_rules,
            disabled=config.disabled_rules,
            disabled_categories=config.disabled_categories,
        )
        self.active_ids = frozenset(rule.id for rule in active)
        self.text_rules = tuple(rule for rule in active if rule.check is not None)
        self._found: dict[str, tuple[str, ...]] = {}  # word -> batch suggestions
        self._thorough: dict[str, tuple[str, ...]] = {}  # word -> thorough suggestions

    # --- checking ---------------------------------------------------------------------------

    def check(
        self,
        texts: Sequence[str],
        words: WordLists,
        stats: DocumentStats,
        *,
        suggest: bool,
        tokens: dict[str, list[Token]] | None = None,
    ) -> list[list[Flag]]:
        self.judge.words = words
        self.judge.stats = stats
        known = tokens or {}
        results = []
        for text in texts:
            found = known.get(text)
            results.append(self._check_one(text, found if found is not None else tokenize(text)))
        if suggest:
            results = self._with_suggestions(results)
        return results

    def _check_one(self, text: str, tokens: list[Token]) -> list[Flag]:
        flags = self._spelling(text, tokens)
        flags.extend(self._phrases(text))
        context = RuleContext(text, tokens, self.resources)
        for rule in self.text_rules:
            flags.extend(rule.check(context))
        flags = [flag for flag in flags if self._enabled(flag)]
        flags.sort(key=lambda flag: (flag.start, flag.end, flag.rule_id))
        return flags

    def _spelling(self, text: str, tokens: list[Token]) -> list[Flag]:
        flags = []
        for index, token in enumerate(tokens):
            if token.kind != "word":
                continue
            verdict = self.judge.judge(text, tokens, index)
            if verdict is not None:
                flags.append(_flag(token, verdict))
        return flags

    def _phrases(self, text: str) -> list[Flag]:
        return [
            Flag(
                match.start,
                match.end,
                f"“{text[match.start : match.end]}”: {match.confusion.note}.",
                "CONFUSION",
                match.confusion.category,
                match.confusion.severity,
                (match.replacement,),
                checker=CHECKER,
            )
            for match in self.confusions.phrases(text)
        ]

    def _enabled(self, flag: Flag) -> bool:
        if flag.word is not None and self.judge.accepts(flag.word):
            return False
        return (
            flag.rule_id in self.active_ids and flag.category not in self.config.disabled_categories
        )

    # --- suggestions ------------------------------------------------------------------------

    def _with_suggestions(self, results: list[list[Flag]]) -> list[list[Flag]]:
        """Search suggestions for every error and warning that has none yet."""
        wanted = sorted(
            {
                flag.word
                for flags in results
                for flag in flags
                if flag.word
                and flag.rule_id in SEARCHABLE
                and flag.severity >= Severity.WARNING
                and not flag.suggestions
            }
        )
        found = self.search(wanted)
        return [
            [
                flag.with_suggestions(found[flag.word])
                if flag.word in found and not flag.suggestions
                else flag
                for flag in flags
            ]
            for flags in results
        ]

    def search(self, words: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Our own edit candidates for `words` (no Hunspell suggest: too slow for a batch)."""
        result = {}
        for word in words:
            found = self._found.get(word)
            if found is None:
                found = edit_candidates(word, self.speller.spell)
                self._found[word] = found
            result[word] = found
        return result

    def thorough(self, word: str) -> tuple[str, ...]:
        """All of edit distance 1 over the whole alphabet (an editor asking for more)."""
        found = self._thorough.get(word)
        if found is None:
            found = edit_candidates(word, self.speller.spell, thorough=True)
            self._thorough[word] = found
        return found


def _flag(token: Token, verdict: Verdict) -> Flag:
    return Flag(
        token.start,
        token.end,
        verdict.message,
        verdict.rule_id,
        verdict.category,
        verdict.severity,
        verdict.suggestions,
        checker=CHECKER,
        word=token.text,
    )
