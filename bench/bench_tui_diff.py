"""Speed of the TUI's diff views on a WMT24 system output against the human reference.

Usage: python bench/bench_tui_diff.py [--system GPT-4] [--lines 998] [--keys 100]

Prints: the sentence panel's cost per sentence (word diff + live HTER), and for the document
diff screen (headless, under Pilot): how long the whole comparison takes, how late the event
loop runs while it computes (the screen's responsiveness), Escape latency while computing,
the time to lay out the result, key latency when scrolling through it, and re-layout on resize.
A key or update is timed from being sent to the next screen update written (`App._display`).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de"
SIZE = (120, 40)


def read_lines(path: Path, lines: int) -> str:
    with path.open(encoding="utf-8") as handle:
        return "".join(handle.readlines()[1 : lines + 1])  # line 1 is a canary line


def percentiles(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[int(0.95 * (len(ordered) - 1))] * 1000
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {ordered[-1] * 1000:.1f} ms (n={len(ordered)})"


def sentence_panel_costs(original: str, revised: str) -> tuple[list[float], int]:
    """Time of the panel's content (word diff + TER) for each aligned, edited sentence pair."""
    from review_app.compare import compare_texts
    from review_app.tui.widgets.sentence_diff import sentence_diff_text

    comparison = compare_texts(original, revised)
    pairs = [p for p in comparison.sentences if p.kind == "edited"]
    costs = []
    for pair in pairs:
        started = time.perf_counter()
        sentence_diff_text(pair.original_text, pair.revised_text)
        costs.append(time.perf_counter() - started)
    return costs, len(pairs)


async def loop_lag(stop: asyncio.Event, lags: list[float], tick: float = 0.01) -> None:
    """How much later than asked a 10 ms sleep wakes up, while `stop` is not set."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(tick)
        lags.append(time.perf_counter() - started - tick)


async def wait_until(predicate, step: float = 0.001) -> float:
    while not predicate():
        await asyncio.sleep(step)
    return time.perf_counter()


async def run(original: str, revised: str, keys: int) -> dict[str, object]:
    from textual import events
    from textual.app import App
    from textual.geometry import Size
    from textual.widgets import Static

    from review_app.tui.screens.document_diff import DocumentDiffScreen

    figures: dict[str, object] = {}
    displayed = asyncio.Event()
    app = App()
    original_display = app._display

    def display_hook(screen, renderable) -> None:
        original_display(screen, renderable)
        displayed.set()

    app._display = display_hook  # type: ignore[method-assign]

    async def key_latency(key: str) -> float | None:
        displayed.clear()
        sent = time.perf_counter()
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
        try:
            await asyncio.wait_for(displayed.wait(), timeout=2)
        except TimeoutError:
            return None
        return time.perf_counter() - sent

    async with app.run_test(size=SIZE):
        await app.mount(Static("host"))
        closed: list[float] = []
        started = time.perf_counter()
        first = DocumentDiffScreen(original, revised, title="bench")
        app.push_screen(first, lambda _: closed.append(time.perf_counter()))
        await asyncio.sleep(1.0)
        sent = time.perf_counter()
        app._driver.send_message(events.Key("escape", None))
        await wait_until(lambda: bool(closed))
        figures["escape_while_computing_ms"] = (closed[0] - sent) * 1000

        # the same texts again: the comparison already running is picked up
        screen = DocumentDiffScreen(original, revised, title="bench")
        app.push_screen(screen)
        stop, lags = asyncio.Event(), []
        lagging = asyncio.create_task(loop_lag(stop, lags))
        computed = await wait_until(lambda: screen.comparison is not None)
        stop.set()
        await lagging
        ready = await wait_until(lambda: screen.ready)
        figures["computed_s"] = computed - started
        figures["layout_s"] = ready - computed
        figures["loop_lag"] = percentiles(lags)
        comparison = screen.comparison
        figures["edited"] = comparison.counts.sentences_edited
        figures["sentences"] = comparison.counts.sentences
        figures["lines_drawn"] = len(screen.view.lines)
        await asyncio.sleep(0.2)

        latencies = []
        for number in range(keys):
            key = ("pagedown", "j", "j", "down", "k", "end", "home", "pageup")[number % 8]
            latency = await key_latency(key)
            if latency is not None:
                latencies.append(latency)
            await asyncio.sleep(0.02)
        figures["keys"] = percentiles(latencies)

        before = screen.view.lines[0].cell_length
        resized = time.perf_counter()
        narrow = Size(90, SIZE[1])
        app._driver._size = narrow  # as Pilot.resize_terminal does with the headless driver
        app.post_message(events.Resize(narrow, narrow))
        done = await wait_until(lambda: screen.view.lines[0].cell_length < before)
        figures["relayout_s"] = done - resized
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--system", default="GPT-4")
    parser.add_argument("--lines", type=int, default=998)
    parser.add_argument("--keys", type=int, default=100)
    args = parser.parse_args()
    original = read_lines(CORPUS / "systems" / f"{args.system}.de.txt", args.lines)
    revised = read_lines(CORPUS / "reference-A.de.txt", args.lines)

    costs, pairs = sentence_panel_costs(original, revised)
    print(f"pair:                      {args.system} against reference-A, {args.lines} lines")
    print(f"sentence panel (show):     {percentiles(costs)} over {pairs} edited 1:1 sentences")
    figures = asyncio.run(run(original, revised, args.keys))
    print(
        f"document diff computed:    {figures['computed_s']:.2f} s after opening "
        f"({figures['edited']:,} of {figures['sentences']:,} sentences edited)"
    )
    print(
        f"laid out and shown:        {figures['layout_s']:.2f} s later "
        f"({figures['lines_drawn']:,} lines at {SIZE[0]} columns)"
    )
    print(f"event loop lag, computing: {figures['loop_lag']}")
    print(f"Escape while computing:    {figures['escape_while_computing_ms']:.1f} ms to close")
    print(f"keys in the result:        {figures['keys']}")
    print(f"re-layout on resize:       {figures['relayout_s']:.2f} s (120 -> 90 columns)")


if __name__ == "__main__":
    main()
