"""Speed of the review TUI on a large file: first screen, the full sentence count, keypress
latency while the file is read and while the checker runs, time until every sentence of the
whole document is checked, full garbage-collection passes, peak memory.

Usage: python bench/bench_tui.py [--sentences 10000] [--checker offline] [--presses 200]
                                 [--no-freeze] [--xliff]

The file is built from the WMT24 system outputs in ../shared/corpora/wmt24-en-de/systems/
(line 1 of each, a canary line, skipped), repeated until it has `--sentences` sentences, in a
temporary folder. The app runs headless under Pilot (`App.run_test`); a keypress is timed from
the key event being sent to the next screen update written by the app (`App._display`), not
Pilot's own idle waits. Keys are pressed from the first screen until every sentence is checked
(and at least `--presses` of them), then 100 more with the checker idle.

"All checked" means: the whole file is read and every sentence of it has flags for its current
text (the session's checked count equals its length, nothing stale). `--no-freeze` runs the app
without `gc.freeze()` after loading, to compare. `--xliff` opens an XLIFF 1.2 of `--sentences`
units instead (bench_bilingual.py builds it from the WMT24 source and a system output, with
inline tags), as `review-app review FILE` opens it: source-aware checks included.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYSTEMS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de" / "systems"
KEYS = ["j", "j", "tab", "k", "n", "j", "down", "p", "up", "j"]


def build_file(folder: Path, sentences: int) -> Path:
    """Whole lines of the system outputs, repeated in order, until `sentences` sentences."""
    from review_app.document.segment import segment_text

    lines: list[str] = []
    for path in sorted(SYSTEMS.glob("*.de.txt")):
        lines.extend(path.read_text(encoding="utf-8").splitlines()[1:])
    counts = [len(segment_text(line + "\n")) for line in lines]  # each line once
    text_lines: list[str] = []
    count = 0
    while count < sentences:
        for line, segments in zip(lines, counts, strict=True):
            text_lines.append(line)
            count += segments
            if count >= sentences:
                break
    target = folder / f"wmt24-{sentences}.de.txt"
    target.write_text("\n".join(text_lines) + "\n", encoding="utf-8")
    return target


def import_seconds() -> float:
    """A fresh interpreter importing the TUI (what `review-app FILE` pays before anything)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import review_app.tui.app"], check=True, cwd=ROOT)
    return time.perf_counter() - started


def all_checked(app) -> bool:
    """Every sentence of the whole (loaded) document has flags for its current text."""
    session = app.review.session
    if not app.review.loaded or session.checked_count != len(session):
        return False
    return not any(session.is_stale(i) for i in range(len(session)))


class FullCollections:
    """The full (generation 2) garbage-collection passes while installed: their durations, and
    the CPU time each took on the thread that ran it (which a busy machine does not inflate)."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self.cpu: list[float] = []
        self.when: list[float] = []
        self._started = (0.0, 0.0)

    def __call__(self, phase: str, info: dict) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = (time.perf_counter(), time.thread_time())
        else:
            self.pauses.append(time.perf_counter() - self._started[0])
            self.cpu.append(time.thread_time() - self._started[1])
            self.when.append(self._started[0])

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)

    def describe(self, started: float) -> str:
        if not self.pauses:
            return "none"
        longest = max(range(len(self.pauses)), key=self.pauses.__getitem__)
        return (
            f"{len(self.pauses)}, longest {self.pauses[longest] * 1000:.0f} ms "
            f"({self.cpu[longest] * 1000:.0f} ms CPU) at {self.when[longest] - started:.1f} s, "
            f"{sum(self.pauses):.2f} s in all"
        )


async def press(app, displayed: asyncio.Event, key: str) -> float | None:
    """Seconds from sending `key` to the next screen update; None when nothing was redrawn."""
    from textual import events

    displayed.clear()
    sent = time.perf_counter()
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    try:
        await asyncio.wait_for(displayed.wait(), timeout=2)
    except TimeoutError:
        return None
    return time.perf_counter() - sent


SLOW_KEYS: list[tuple[float, str, float]] = []  # (sent, key, latency) of keys over 100 ms


async def time_keys(app, displayed: asyncio.Event, presses: int, interval: float, until=None):
    """Latencies (s) by phase ("reading", "checking", "idle"): `presses` keys, and more while
    `until()` is false."""
    phases: dict[str, list[float]] = {"reading": [], "checking": [], "idle": []}
    number = 0
    while number < presses or (until is not None and not until()):
        key = KEYS[number % len(KEYS)]
        number += 1
        if key == "tab" and len(app.session.flags(app.current)) < 2:
            key = "j"  # tab would change nothing on screen: no update to time
        if key in ("n", "p") and not flagged(app, below=key == "n"):
            key = "j"  # nothing to go to: a notice only, drawn whenever the app next draws
        if not app.review.loaded:
            phase = "reading"
        elif not all_checked(app):
            phase = "checking"
        else:
            phase = "idle"
        sent = time.perf_counter()
        latency = await press(app, displayed, key)
        if latency is not None:
            phases[phase].append(latency)
            if latency > 0.1:
                SLOW_KEYS.append((sent, key, latency))
        await asyncio.sleep(interval)
    return {name: sorted(values) for name, values in phases.items()}


def flagged(app, *, below: bool) -> bool:
    """Whether a sentence with open flags lies below (above) the current one."""
    session, current = app.session, app.current
    indices = range(current + 1, len(session)) if below else range(current)
    return any(map(session.open_flag_count, indices))


def percentiles(latencies: list[float]) -> str:
    if not latencies:
        return "no redraws"
    latencies = sorted(latencies)
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1] * 1000:.1f} ms"


def open_app(path: Path, checker: str):
    """The review app on `path` with the checker named, as `review-app review` opens it, and
    when opening began. The app is not running yet."""
    from review_app.bilingual.checks import qa_settings
    from review_app.bilingual.opening import BilingualOptions, open_bilingual
    from review_app.checking.select import make_checker
    from review_app.checking.wordlists import WordLists
    from review_app.commands.review import PREVIEW_CHARS
    from review_app.config import CheckSettings, Settings
    from review_app.review.opening import Review
    from review_app.tui.app import ReviewApp

    settings = Settings(check=CheckSettings(checker=checker))  # type: ignore[arg-type]
    words = WordLists.from_settings(settings.words)
    started = time.perf_counter()
    qa = qa_settings(settings)
    textfile, opened = open_bilingual(path, BilingualOptions())
    if opened is not None:
        review = Review.open_bilingual(opened, words=words)
    else:
        review = Review.open(path, words=words, preview_chars=PREVIEW_CHARS, textfile=textfile)
    factory = lambda: make_checker(settings, words)  # noqa: E731
    return ReviewApp(review, factory, resume=False, qa=qa), started


def watch_display(app) -> tuple[asyncio.Event, list[float]]:
    """An event set at every screen update the app writes, and a list that gets the time of
    the first one."""
    displayed = asyncio.Event()
    first_display: list[float] = []
    original_display = app._display

    def display_hook(screen, renderable) -> None:
        original_display(screen, renderable)
        if not first_display:
            first_display.append(time.perf_counter())
        displayed.set()

    app._display = display_hook  # type: ignore[method-assign]
    return displayed, first_display


async def watch_milestones(app, started: float, figures: dict[str, object]) -> None:
    """Note when the checker is ready, the whole count shown, every sentence checked."""

    def note_checker() -> None:
        if "checker_ready_s" not in figures and app.checker_label != "checker starting…":
            figures["checker_ready_s"] = time.perf_counter() - started

    while not app.review.loaded:
        note_checker()
        await asyncio.sleep(0.01)
    figures["all_read_s"] = time.perf_counter() - started
    figures["sentences"] = len(app.session)
    while not all_checked(app):
        note_checker()
        await asyncio.sleep(0.02)
    figures["all_checked_s"] = time.perf_counter() - started


async def run(path: Path, checker: str, presses: int, interval: float) -> dict[str, object]:
    figures: dict[str, object] = {}
    app, started = open_app(path, checker)
    figures["open_and_segment_s"] = time.perf_counter() - started  # the app's making included
    figures["started"] = started
    review = app.review
    displayed, first_display = watch_display(app)

    with FullCollections() as collections:
        async with app.run_test(size=(120, 40)) as pilot:
            while not first_display:
                await asyncio.sleep(0.001)
            figures["first_screen_s"] = first_display[0] - started
            milestones = asyncio.create_task(watch_milestones(app, started, figures))
            latencies = await time_keys(
                app, displayed, presses, interval, until=lambda: milestones.done()
            )
            await milestones
            figures["keys"] = latencies
            figures["open_flags"] = review.session.open_flags_total
            figures["checker"] = app.checker_label
            figures["status"] = app.query_one("#status").render().plain
            figures["full_collections"] = collections.describe(started)
            idle = await time_keys(app, displayed, 100, interval)
            figures["keys_idle"] = idle["idle"]
            await pilot.press("ctrl+q")
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    await asyncio.sleep(0.5)  # the checker's worker processes shut down
    figures["child_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--checker", default="offline")
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.03, help="seconds between keys")
    parser.add_argument("--no-freeze", action="store_true", help="no gc.freeze() after loading")
    parser.add_argument("--xliff", action="store_true", help="an XLIFF of --sentences units")
    args = parser.parse_args()
    if args.no_freeze:
        import review_app.tui.heap

        review_app.tui.heap.ENABLED = False
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REVIEW_APP_CONFIG_DIR"] = f"{tmp}/config"
        os.environ["REVIEW_APP_CACHE_DIR"] = f"{tmp}/cache"
        if args.xliff:
            sys.path.insert(0, str(ROOT / "bench"))
            from bench_bilingual import build

            path = Path(tmp) / "units.xlf"
            path.write_text(build(args.sentences), encoding="utf-8")
        else:
            path = build_file(Path(tmp), args.sentences)
        figures = {"import_tui_s": import_seconds()}
        cpu = time.process_time()
        figures.update(asyncio.run(run(path, args.checker, args.presses, args.interval)))
        cpu = time.process_time() - cpu
    keys = figures["keys"]
    assert isinstance(keys, dict)
    kind = "XLIFF units" if args.xliff else "sentences"
    print(f"file:                   {figures['sentences']:,} {kind} (WMT24 system outputs)")
    print(f"checker:                {figures['checker']}")
    print(f"gc.freeze after loading: {'no' if args.no_freeze else 'yes'}")
    print(f"load (uptime):          {os.getloadavg()[0]:.2f} at the end")
    print(f"import (fresh python):  {figures['import_tui_s']:.2f} s")
    print(f"read + first lines:     {figures['open_and_segment_s']:.2f} s")
    print(f"first screen:           {figures['first_screen_s']:.2f} s after opening began")
    print(f"checker ready:          {figures.get('checker_ready_s', 0):.2f} s")
    print(f"full count shown:       {figures['all_read_s']:.2f} s (segmented in the background)")
    checked = figures["all_checked_s"]
    print(f"all sentences checked:  {checked:.2f} s ({figures['open_flags']:,} open flags)")
    print(f"status bar then:        {figures['status']}")
    for phase, label in (("reading", "while reading"), ("checking", "while checking")):
        print(f"keypress {label + ':':16}{percentiles(keys[phase])} ({len(keys[phase])} keys)")
    print(f"keypress, checker idle: {percentiles(figures['keys_idle'])} (100 keys)")
    print(f"full gc passes:         {figures['full_collections']} (until all checked)")
    slow = ", ".join(
        f"{key} at {sent - figures['started']:.1f} s: {latency * 1000:.0f} ms"
        for sent, key, latency in sorted(SLOW_KEYS, key=lambda k: -k[2])[:6]
    )
    print(f"keys over 100 ms:       {len(SLOW_KEYS)}{': ' + slow if slow else ''}")
    print(f"CPU time (app process): {cpu:.1f} s")
    print(f"peak RSS:               {figures['peak_rss_mb']:.0f} MB (the app's process)")
    print(f"largest child process:  {figures['child_rss_mb']:.0f} MB (checker workers, if any)")


if __name__ == "__main__":
    main()
