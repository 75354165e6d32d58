"""Speed of the review TUI on a 5 MB file that is one line: time to the first screen, until
every segment is checked, and keypress latency (j, k, tab, n) once checking is done.

Usage: python bench/bench_tui_long.py [--megabytes 5] [--checker offline] [--presses 100]

Two files are built from corpus/*.txt in a temporary folder: "sentences" (the corpus's
sentences repeated and joined by spaces on one line) and "no breaks" (the same with every
sentence end removed: one segment of 5 MB). The app runs headless under Pilot; a keypress is
timed from the key event to the next screen update the app writes, as in bench_tui.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import tempfile
import time
from pathlib import Path

from bench_tui import all_checked, open_app, percentiles, watch_display  # beside this file

ROOT = Path(__file__).resolve().parents[1]
KEYS = ["j", "k", "tab", "n", "tab", "k", "j", "tab"]


def corpus_text() -> str:
    lines = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines.extend(" ".join(line.split()) for line in text.splitlines())
    return " ".join(line for line in lines if line)


def build(folder: Path, size: int) -> dict[str, Path]:
    text = corpus_text()
    no_breaks = " ".join(re.sub(r"[.!?:;]", " ", text).split())
    files = {}
    for name, unit in (("sentences", text), ("no breaks", no_breaks)):
        line = ((unit + " ") * (size // (len(unit) + 1) + 1))[:size].rstrip()
        path = folder / f"{name.replace(' ', '-')}.txt"
        path.write_text(line + "\n", encoding="utf-8")
        files[name] = path
    return files


async def time_keys(app, displayed: asyncio.Event, presses: int) -> list[float]:
    from textual import events

    latencies = []
    for number in range(presses):
        key = KEYS[number % len(KEYS)]
        displayed.clear()
        sent = time.perf_counter()
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
        try:
            await asyncio.wait_for(displayed.wait(), timeout=5)
        except TimeoutError:
            continue  # nothing changed on screen (one segment: j and k do not move)
        latencies.append(time.perf_counter() - sent)
        await asyncio.sleep(0.02)
    return sorted(latencies)


async def run(path: Path, checker: str, presses: int) -> dict[str, object]:
    figures: dict[str, object] = {}
    app, started = open_app(path, checker)
    review = app.review
    displayed, first = watch_display(app)
    async with app.run_test(size=(120, 40)) as pilot:
        while not first:
            await asyncio.sleep(0.001)
        figures["first_screen_s"] = first[0] - started
        while not all_checked(app):
            await asyncio.sleep(0.05)
        figures["all_checked_s"] = time.perf_counter() - started
        figures["segments"] = len(review.session)
        figures["flags"] = review.session.open_flags_total
        await pilot.pause(0.5)
        latencies = await time_keys(app, displayed, presses)
        figures["keys"] = percentiles(latencies)
        figures["timed"] = len(latencies)
        await pilot.press("ctrl+q")
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=5)
    parser.add_argument("--checker", default="offline")
    parser.add_argument("--presses", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REVIEW_APP_CONFIG_DIR"] = f"{tmp}/config"
        os.environ["REVIEW_APP_CACHE_DIR"] = f"{tmp}/cache"
        files = build(Path(tmp), int(args.megabytes * 1_000_000))
        for name, path in files.items():
            figures = asyncio.run(run(path, args.checker, args.presses))
            print(f"{name}: {path.stat().st_size / 1e6:.1f} MB on one line, {args.checker}")
            print(f"  segments, open flags: {figures['segments']:,}, {figures['flags']:,}")
            print(f"  first screen:         {figures['first_screen_s']:.2f} s")
            print(f"  all checked:          {figures['all_checked_s']:.2f} s")
            print(f"  keypress -> screen:   {figures['keys']} ({figures['timed']} redraws)")
            print(f"  peak RSS (process):   {figures['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
