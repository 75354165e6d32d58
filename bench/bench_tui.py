"""Speed of the review TUI on a 10,000-sentence file: first screen, keypress latency while the
checker runs, time until every sentence is checked, peak memory.

Usage: python bench/bench_tui.py [--sentences 10000] [--checker offline] [--presses 200]

The file is built from the WMT24 system outputs in ../shared/corpora/wmt24-en-de/systems/
(canary lines skipped) into a temporary folder. The app runs headless under Pilot
(`App.run_test`); a keypress is timed from the key event being sent to the next screen update
written by the app (`App._display`), not Pilot's own idle waits.
"""

from __future__ import annotations

import argparse
import asyncio
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


def build_file(folder: Path, sentences: int) -> Path:
    """Whole lines of the system outputs until `sentences` sentences."""
    from review_app.document.segment import segment_text

    lines: list[str] = []
    for path in sorted(SYSTEMS.glob("*.de.txt")):
        lines.extend(path.read_text(encoding="utf-8").splitlines()[1:])
    text_lines: list[str] = []
    count = 0
    for line in lines:
        count += len(segment_text(line + "\n"))
        text_lines.append(line)
        if count >= sentences:
            break
    target = folder / "wmt24-10k.de.txt"
    target.write_text("\n".join(text_lines) + "\n", encoding="utf-8")
    return target


def import_seconds() -> float:
    """A fresh interpreter importing the TUI (what `review-app FILE` pays before anything)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import review_app.tui.app"], check=True, cwd=ROOT)
    return time.perf_counter() - started


async def time_keys(app, displayed: asyncio.Event, presses: int, interval: float):
    """Latencies (s) of `presses` keys, and how many were pressed while checking ran."""
    from textual import events

    latencies: list[float] = []
    during_check = 0
    keys = ["j", "j", "tab", "k", "n", "j", "down", "p", "up", "j"]
    for number in range(presses):
        key = keys[number % len(keys)]
        if key == "tab" and len(app.session.flags(app.current)) < 2:
            key = "j"  # tab would change nothing on screen: no update to time
        checking = not app.checking_done
        displayed.clear()
        sent = time.perf_counter()
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
        try:
            await asyncio.wait_for(displayed.wait(), timeout=2)
        except TimeoutError:
            continue  # nothing was redrawn
        latencies.append(time.perf_counter() - sent)
        during_check += checking
        await asyncio.sleep(interval)
    return sorted(latencies), during_check


def percentiles(latencies: list[float]) -> str:
    if not latencies:
        return "no redraws"
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1] * 1000:.1f} ms"


def open_app(path: Path, checker: str):
    """The review app on `path` with the checker named, as `review-app review` opens it, and
    when opening began. The app is not running yet."""
    from review_app.checking.select import make_checker
    from review_app.checking.wordlists import WordLists
    from review_app.commands.review import PREVIEW_CHARS
    from review_app.config import CheckSettings, Settings
    from review_app.review.opening import Review
    from review_app.tui.app import ReviewApp

    settings = Settings(check=CheckSettings(checker=checker))  # type: ignore[arg-type]
    words = WordLists.from_settings(settings.words)
    started = time.perf_counter()
    review = Review.open(path, words=words, preview_chars=PREVIEW_CHARS)
    return ReviewApp(review, lambda: make_checker(settings, words), resume=False), started


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


async def run(path: Path, checker: str, presses: int, interval: float) -> dict[str, object]:
    figures: dict[str, object] = {}
    app, started = open_app(path, checker)
    figures["open_and_segment_s"] = time.perf_counter() - started  # the app's making included
    review = app.review
    displayed, first_display = watch_display(app)

    async with app.run_test(size=(120, 40)) as pilot:
        while not first_display:
            await asyncio.sleep(0.001)
        figures["first_screen_s"] = first_display[0] - started
        while not review.loaded:
            await asyncio.sleep(0.01)
        figures["all_read_s"] = time.perf_counter() - started
        figures["sentences"] = len(review.session)
        await pilot.pause(0.2)

        latencies, during_check = await time_keys(app, displayed, presses, interval)
        figures["keys_while_checking"] = percentiles(latencies)
        figures["presses_timed"] = len(latencies)
        figures["presses_while_checking"] = during_check
        while not app.checking_done:
            await asyncio.sleep(0.05)
        figures["all_checked_s"] = time.perf_counter() - started
        figures["open_flags"] = review.session.open_flags_total
        figures["checker"] = app.checker_label
        idle, _ = await time_keys(app, displayed, 100, interval)
        figures["keys_idle"] = percentiles(idle)
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REVIEW_APP_CONFIG_DIR"] = f"{tmp}/config"
        os.environ["REVIEW_APP_CACHE_DIR"] = f"{tmp}/cache"
        path = build_file(Path(tmp), args.sentences)
        figures = {"import_tui_s": import_seconds()}
        figures.update(asyncio.run(run(path, args.checker, args.presses, args.interval)))
    print(f"file:                   {figures['sentences']:,} sentences (WMT24 system outputs)")
    print(f"checker:                {figures['checker']}")
    print(f"import (fresh python):  {figures['import_tui_s']:.2f} s")
    print(f"read + first lines:     {figures['open_and_segment_s']:.2f} s")
    print(f"first screen:           {figures['first_screen_s']:.2f} s after opening began")
    print(f"whole file segmented:   {figures['all_read_s']:.2f} s (in the background)")
    checked = figures["all_checked_s"]
    print(f"all sentences checked:  {checked:.2f} s ({figures['open_flags']:,} open flags)")
    print(
        f"keypress -> screen:     {figures['keys_while_checking']} "
        f"({figures['presses_timed']} keys from the start, "
        f"{figures['presses_while_checking']} of them while checking ran)"
    )
    print(f"keypress, checker idle: {figures['keys_idle']} (100 keys)")
    print(f"peak RSS:               {figures['peak_rss_mb']:.0f} MB (the app's process)")
    print(f"largest child process:  {figures['child_rss_mb']:.0f} MB (checker workers, if any)")


if __name__ == "__main__":
    main()
