"""The TUI's diff views driven with Pilot in a tiny host app: the current sentence's word diff
with its live HTER, and the whole-document diff screen (computed off the event loop)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import LoadingIndicator, Static

from review_app.compare import compare_texts, sentence_hter
from review_app.compare.model import SentencePair
from review_app.tui.screens.document_diff import LATEST, DocumentDiffScreen, DocumentDiffView
from review_app.tui.widgets.sentence_diff import SentenceDiff
from tests.pilot import pilot_test, wait_for
from tests.shared_corpus import WMT24, needs_corpus

CORPUS = WMT24
SIZE = (100, 30)

MT = "Die Regierung hat gestern die Lockereung der Sanktionen gegen Nordkorea beschlossen."
FIXED = "Die Regierung hat gestern die Lockerung der Sanktionen gegen Nordkorea beschlossen."

ORIGINAL = (
    "Die Regierung hat gestern die Lockereung der Sanktionen beschlossen.\n"
    "Der Präsident reiste nach Pjöngjang. Er traf dort Kim Jong Un.\n"
    "Die Lockereung kam überraschend.\n"
    "Das Treffen dauerte zwei Stunden.\n"
)
REVISED = (
    "Die Regierung hat gestern die Lockerung der Sanktionen beschlossen.\n"
    "Der Präsident reiste nach Pjöngjang. Er traf dort Kim Jong-un.\n"
    "Die Lockerung kam überraschend.\n"
    "Das Treffen dauerte zwei Stunden.\n"
)


class Host(App[None]):
    """Stands in for the review app: a sentence and the diff panel under it."""

    def __init__(self) -> None:
        super().__init__()
        self.picked: list[SentencePair | None] = []

    def compose(self) -> ComposeResult:
        yield Static("host screen", id="host")
        yield SentenceDiff(id="sentence-diff")

    def open_document_diff(self, original: str, revised: str) -> DocumentDiffScreen:
        screen = DocumentDiffScreen(original, revised, title="article.txt")
        self.push_screen(screen, self.picked.append)
        return screen


def screen_text(screen: DocumentDiffScreen) -> str:
    return "\n".join(strip.text.rstrip() for strip in screen.view.lines)


def styles_of(widget: SentenceDiff, word: str, before: str = "") -> list[str]:
    """The styles of the runs of the widget's rendered content that cover `word` (the first
    one followed by `before`)."""
    content = widget.visual
    start = content.plain.index(word + before)
    return [
        str(span.style)
        for span in content.spans
        if span.start <= start and start + len(word) <= span.end
    ]


# ----- the sentence diff panel ------------------------------------------------------------------


@pilot_test
async def test_sentence_diff_shows_words_and_live_hter() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(SentenceDiff)
        panel.show(MT, FIXED)
        await pilot.pause()
        plain = panel.visual.plain
        assert plain.startswith("HTER 9.1 — 1 edit (1 substituted)\n")
        assert "die Lockereung Lockerung der Sanktionen" in plain
        assert panel.hter == sentence_hter(MT, FIXED) == 100 / 11
        assert any("strike" in style for style in styles_of(panel, "Lockereung"))
        assert any("underline" in style for style in styles_of(panel, "Lockerung", " der"))
        assert not any("strike" in style for style in styles_of(panel, "Lockerung", " der"))

        panel.show(MT, FIXED.replace("gestern ", "") + " Heute.")
        await pilot.pause()
        plain = panel.visual.plain
        assert plain.startswith("HTER 27.3 — 3 edits (1 inserted, 1 deleted, 1 substituted)")
        assert "Heute." in plain and "gestern" in plain

        panel.show(MT, MT)
        await pilot.pause()
        assert panel.visual.plain == "unchanged (HTER 0)"
        assert panel.hter == 0.0


@pilot_test
async def test_sentence_diff_deleted_sentence() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(SentenceDiff)
        panel.show("Das ist gut.", "")
        await pilot.pause()
        assert panel.visual.plain.startswith("HTER 100.0 — 3 edits (3 deleted) — sentence deleted")
        panel.clear()
        await pilot.pause()
        assert panel.visual.plain == "" and panel.hter is None


# ----- the document diff screen -----------------------------------------------------------------


@pilot_test
async def test_document_diff_shows_scores_counts_corrections_and_sentences() -> None:
    expected = compare_texts(ORIGINAL, REVISED)
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.open_document_diff(ORIGINAL, REVISED)
        await wait_for(pilot, lambda: screen.ready)
        assert screen.error is None
        assert not screen.query_one("#document-diff-loading").display
        text = screen_text(screen)
        assert "Document diff — article.txt" in str(
            screen.query_one("#document-diff-title").render()
        )
        assert "Document scores (4 line pairs)" in text
        for score in expected.scores:
            assert score.value is not None
            assert f"{score.value:.2f}" in text
            assert score.signature in text
        assert "TER|nrefs:1|case:mixed" in text
        assert "3 of 5 sentences edited" in text
        assert "Lockereung → Lockerung ×2" in text
        assert "Edited sentences (3 of 5)" in text
        assert "#1 · line 1 · edited · HTER 11.1" in text
        assert "#3 · line 2 · edited · HTER 40.0" in text
        assert "Kim Jong Un Jong-un." in text
        assert "Treffen" not in text  # unchanged sentences are not listed
        assert screen.comparison is not None
        assert screen.comparison.score("HTER").value == expected.score("HTER").value

        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not screen)
        assert app.picked == [None]
        assert app.query_one("#host")


@pilot_test
async def test_document_diff_picks_an_edited_sentence_with_enter() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.open_document_diff(ORIGINAL, REVISED)
        await wait_for(pilot, lambda: screen.ready)
        view = screen.query_one(DocumentDiffView)
        assert view.has_focus
        await pilot.press("j", "j", "k", "j")
        assert view.selected_pair is not None
        assert view.selected_pair.original_text == "Er traf dort Kim Jong Un."
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is not screen)
        (pair,) = app.picked
        assert pair is not None and pair.original_segments == (2,)


@pilot_test
async def test_document_diff_q_closes_and_no_changes_says_so() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.open_document_diff(ORIGINAL, ORIGINAL)
        await wait_for(pilot, lambda: screen.ready)
        text = screen_text(screen)
        assert "No changes." in text
        assert "0 of 5 sentences edited" in text
        assert "HTER      0.00  0 edits / 29 reference words" in text
        await pilot.press("q")
        await wait_for(pilot, lambda: app.screen is not screen)
        assert app.picked == [None]


@pilot_test
async def test_document_diff_relays_out_when_resized() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.open_document_diff(ORIGINAL, REVISED)
        await wait_for(pilot, lambda: screen.ready)
        wide = len(screen.view.lines)
        await pilot.resize_terminal(50, 30)
        await wait_for(pilot, lambda: screen.view.lines[0].cell_length < 50)
        assert len(screen.view.lines) > wide  # narrower: more wrapped lines
        assert "Kim Jong Un Jong-un." in screen_text(screen).replace("\n", " ")


def corpus_excerpt(system: str, lines: int) -> str:
    with (CORPUS / system).open(encoding="utf-8") as handle:
        return "".join(handle.readlines()[1 : lines + 1])  # line 1 is a canary line


@needs_corpus
@pilot_test
async def test_document_diff_answers_keys_while_computing() -> None:
    original = corpus_excerpt("systems/Phi-3-Medium.de.txt", 6)  # over a second of TER
    revised = corpus_excerpt("reference-A.de.txt", 6)
    closed_while_computing: list[bool] = []
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        screen = DocumentDiffScreen(original, revised)
        app.push_screen(
            screen,
            lambda _: closed_while_computing.append(not LATEST.get(original, revised).done()),
        )
        await pilot.pause(0.05)  # a plain sleep: pause() would wait for the CPU to go idle
        assert screen.query_one(LoadingIndicator).display
        assert not screen.ready, screen.error
        future = LATEST.get(original, revised)  # the comparison running for the screen
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not screen)
        assert closed_while_computing == [True]

        # opened again: the same computation is picked up, not started over
        again = app.open_document_diff(original, revised)
        await pilot.pause(0.05)
        assert LATEST.get(original, revised) is future
        await wait_for(pilot, lambda: again.ready)
        assert "Edited sentences" in screen_text(again)
