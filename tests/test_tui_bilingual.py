"""The TUI end to end on a real XLIFF file: open it as the command does, see the source-aware
flags beside the grammar checker's, fix, mark reviewed, save, reopen: the edited target and its
state changed, every other byte is the original's."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_app.bilingual.formats import read_bilingual
from review_app.bilingual.model import State
from review_app.bilingual.opening import BilingualOptions, open_bilingual
from review_app.checking.wordlists import WordLists
from review_app.qa import QaSettings, Term
from review_app.qa.glossary import Glossary
from review_app.review.journal import sidecar_path
from review_app.review.opening import Review
from review_app.tui.app import ReviewApp
from review_app.tui.widgets.sentence_view import SentenceView
from tests.pilot import pilot_test, wait_for
from tests.test_session_support import DictChecker
from tests.test_tui import ready

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="de" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="u1">
        <source>The relaxation of the <g id="1">rules</g> came in 2019.</source>
        <target state="needs-review-translation">Die Lockereung der <g id="1">Regeln</g> kam 2018.</target>
        <note>Keep the tags on the noun.</note>
      </trans-unit>
      <trans-unit id="u2">
        <source>Olaf Scholz met the press.</source>
        <target state="translated">Olaf Scholz traf die Presse.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""  # noqa: E501


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(folder))
    return folder


def open_app(path: Path, tmp_path: Path) -> ReviewApp:
    _, opened = open_bilingual(path, BilingualOptions())
    assert opened is not None
    words = WordLists(personal_path=tmp_path / "config" / "d.txt", personal=set(), project=set())
    review = Review.open_bilingual(opened, words=words)
    term = Term(sources=("relaxation",), targets=("Lockerung",), forbidden=(), id="t1")
    qa = QaSettings(glossary=Glossary(terms=(term,), name="g"))
    # "Scholz" is unknown to this checker: a spelling flag that the source's copy removes
    checker = lambda: DictChecker({"Lockereung": ("Lockerung",), "Scholz": ("Schulz",)})  # noqa: E731
    return ReviewApp(review, checker, resume=False, qa=qa)


@pilot_test
async def test_xliff_open_fix_mark_reviewed_save_reopen(tmp_path: Path) -> None:
    path = tmp_path / "job.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    app = open_app(path, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        rules = {flag.rule_id for flag in app.session.flags(0)}
        assert {"SPELLING", "NUMBER_MISMATCH"} <= rules
        assert not app.session.flags(1)  # Scholz: copied from the source, not a typo
        view = app.query_one(SentenceView).render()
        source = view.renderables[1]
        underlined = [source.plain[s.start : s.end] for s in source.spans if s.style.underline]
        assert underlined == ["relaxation"]
        # the most severe flags come first: fix the spelling, then the number
        while app.session.flags(0):
            flag = app.session.flags(0)[app.selected_flag]
            await pilot.press("1")
            await wait_for(pilot, lambda f=flag: f not in app.session.flags(0))
        assert app.session.text(0) == "Die Lockerung der \ue000Regeln\ue001 kam 2019."
        await pilot.press("space")  # reviewed, and on to unit 2
        await pilot.press("w")
        await wait_for(pilot, lambda: not app.session.has_unsaved_changes)
    saved = (tmp_path / "job.revised.xlf").read_text(encoding="utf-8")
    expected = XLIFF.replace(
        '<target state="needs-review-translation">Die Lockereung der <g id="1">Regeln</g> kam '
        "2018.</target>",
        '<target state="signed-off">Die Lockerung der <g id="1">Regeln</g> kam 2019.</target>',
    )
    assert saved == expected
    units = read_bilingual(saved, "job.revised.xlf", "xliff").units
    assert units[0].state is State.REVIEWED
    assert units[1].state is State.TRANSLATED


@pilot_test
async def test_an_untouched_xliff_saves_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "job.xlf"
    data = XLIFF.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(data)
    app = open_app(path, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: (tmp_path / "job.revised.xlf").exists())
    assert (tmp_path / "job.revised.xlf").read_bytes() == data


CONSISTENCY = """source\ttarget
Save\tSpeichern
Open the file.\tÖffnen Sie die Datei.
Save\tSichern
Close\tSchließen
"""


@pilot_test
async def test_o_jumps_between_units_of_a_consistency_group(tmp_path: Path) -> None:
    path = tmp_path / "ui.tsv"
    path.write_text(CONSISTENCY, encoding="utf-8")
    app = open_app(path, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert "SAME_SOURCE_DIFFERENT_TARGET" in {f.rule_id for f in app.session.flags(0)}
        await pilot.press("o")
        assert app.current == 2
        await pilot.press("o")
        assert app.current == 0  # round the group
        await pilot.press("j")
        await pilot.press("o")  # unit 2 has no twin: a notice, no move
        assert app.current == 1


HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="de" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="[red]u1[/red]" resname="[@click=app.quit]x[/]">
        <source>Say [b]hi[/b] &#x202E;now.</source>
        <target state="[blink]x">Sag [b]hallo[/b] &#x202E;jetzt.</target>
        <note>[bold]Careful[/bold] [@click=app.quit]quit[/]</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


@pilot_test
async def test_ids_notes_states_and_texts_of_a_file_are_never_markup(tmp_path: Path) -> None:
    path = tmp_path / "job.xlf"
    path.write_text(HOSTILE, encoding="utf-8")
    app = open_app(path, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        view = app.query_one(SentenceView).render()
        shown = "\n".join(part.plain for part in view.renderables if hasattr(part, "plain"))
        assert "[red]u1[/red]" in shown
        assert "[bold]Careful[/bold] [@click=app.quit]quit[/]" in shown
        assert "Say [b]hi[/b] ⇄now." in shown  # the bidi override shown, not obeyed
        assert "\u202e" not in shown
        await pilot.click(SentenceView)  # nothing in the note is a link
        assert app.is_running


@pilot_test
async def test_a_broken_tag_pair_is_flagged_and_not_saved_and_the_edit_is_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "job.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    app = open_app(path, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("e", "end", *["left"] * 11, "delete", "escape")
        assert app.session.text(0) == "Die Lockereung der \ue000Regeln kam 2018."
        await wait_for(pilot, lambda: "TAG_MISMATCH" in {f.rule_id for f in app.session.flags(0)})
        notices: list[str] = []
        app.notify = lambda message, **_: notices.append(message)  # type: ignore[method-assign]
        await pilot.press("w")
        assert any(n.startswith("Not saved:") and "u1" in n for n in notices), notices
        assert app.is_running
    assert not (tmp_path / "job.revised.xlf").exists()
    assert path.read_text(encoding="utf-8") == XLIFF
    assert "Regeln kam 2018." in sidecar_path(path).read_text(encoding="utf-8")  # the journal
