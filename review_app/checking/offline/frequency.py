"""Word frequencies of German and English text, from the wordfreq package (code Apache-2.0,
data CC BY-SA 4.0; its "large" lists hold every word seen at least once in 100 million words
of web, subtitle, news and encyclopedia text).

Frequencies are on the Zipf scale: log10 of occurrences per billion words, so 3.0 is once per
million words, 1.0 the rarest word listed and 0.0 a word wordfreq never saw. wordfreq folds
case (and ß to ss), so "Jill" and "jill" share one figure. The lists (about 0.4 s and 60 MB)
load on first use, never at import: the TUI imports the checker eagerly.
"""

from __future__ import annotations

import math
import re
from collections.abc import KeysView
from functools import lru_cache

# Words wordfreq's tokenizer would split or normalise (hyphen, apostrophe, digit): these go
# through its own lookup; a plain word is one dictionary access.
_PLAIN = re.compile(r"[^\W\d_]+")
_CACHE_LIMIT = 200_000


class Frequency:
    """`zipf(word)` for German, `zipf_en(word)` for English, cached."""

    def __init__(self) -> None:
        self._lists: dict[str, dict[str, float]] = {}
        self._cache: dict[tuple[str, str], float] = {}

    def _list(self, lang: str) -> dict[str, float]:
        found = self._lists.get(lang)
        if found is None:
            import wordfreq

            found = wordfreq.get_frequency_dict(lang, "large")
            self._lists[lang] = found
        return found

    def _zipf(self, word: str, lang: str) -> float:
        key = (word, lang)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if _PLAIN.fullmatch(word):
            freq = self._list(lang).get(word.casefold(), 0.0)
            value = round(math.log10(freq) + 9, 2) if freq > 0 else 0.0
        else:
            import wordfreq

            self._list(lang)
            value = wordfreq.zipf_frequency(word, lang, "large")
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = value
        return value

    def zipf(self, word: str) -> float:
        """German frequency of `word` on the Zipf scale (0.0 when unseen)."""
        return self._zipf(word, "de")

    def zipf_en(self, word: str) -> float:
        """English frequency of `word` on the Zipf scale (0.0 when unseen)."""
        return self._zipf(word, "en")

    def german_words(self) -> KeysView[str]:
        """Every word of the German list, folded (lower case, ß as ss): a set to intersect
        edit candidates with."""
        return self._list("de").keys()


@lru_cache(maxsize=1)
def load_frequency() -> Frequency:
    """The process's frequency lookup, shared by the word judge, the suggestion search and
    the rules (the lists themselves load on first use)."""
    return Frequency()
