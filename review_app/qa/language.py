"""Is this run of words English or German? py3langid (a naive Bayes model over byte n-grams,
4.6 MB, BSD) restricted to the two languages: on 5-word windows of real text it was right
400 times out of 400 (bench/qa_langid.py), in about 0.02 ms a window; loading takes 0.3 s,
done on first use only."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", "de"])
    return identifier


@lru_cache(maxsize=4096)  # a file repeats its texts; a call costs 0.02-0.1 ms
def english_probability(text: str) -> float:
    """The probability that `text` is English rather than German (0 to 1)."""
    language, probability = _identifier().classify(text)
    return float(probability) if language == "en" else 1.0 - float(probability)
