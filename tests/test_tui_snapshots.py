"""Snapshots of the review screen's main states (fixed size, a known checker, no timing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_tui import SIZE, make_app, ready


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


def test_main_screen(snap_compare, tmp_path) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)

    assert snap_compare(make_app(tmp_path, resume=False), terminal_size=SIZE, run_before=run_before)


def test_flagged_filter_after_a_fix(snap_compare, tmp_path) -> None:
    async def run_before(pilot) -> None:
        app = await ready(pilot)
        await pilot.press("1", "space", "f", "n")
        await ready(pilot)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, resume=False), terminal_size=SIZE, run_before=run_before)


def test_editing_a_sentence(snap_compare, tmp_path) -> None:
    async def run_before(pilot) -> None:
        app = await ready(pilot)
        await pilot.press("j", "e")
        app.query_one("#editor").cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, resume=False), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, tmp_path) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("question_mark")

    assert snap_compare(make_app(tmp_path, resume=False), terminal_size=SIZE, run_before=run_before)


# ----- the sizes of issue 10: 80×24 and 200×60, plain text and bilingual units -------------------


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_plain_text(snap_compare, tmp_path, size) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("n", "n")  # "Das ist ist gut.": a warning, selected
        await ready(pilot)

    assert snap_compare(make_app(tmp_path, resume=False), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_bilingual_units(snap_compare, tmp_path, size) -> None:
    from tests.test_tui_pro import bilingual_app

    async def run_before(pilot) -> None:
        await ready(pilot)

    app = bilingual_app(tmp_path, source_marks=lambda index: [(4, 14)] if index == 0 else [])
    assert snap_compare(app, terminal_size=size, run_before=run_before)
