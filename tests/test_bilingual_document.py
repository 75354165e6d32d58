"""A bilingual file as a review Document and back: one segment per target, states written
for reviewed and edited units (or not, with write_states off), targets as lines for diff."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from review_app.bilingual.document import (
    bilingual_document,
    revised_bilingual,
    states_to_write,
    targets_as_lines,
)
from review_app.bilingual.formats import read_bilingual
from review_app.bilingual.model import BilingualFile, State, Unit
from review_app.bilingual.opening import OpenedBilingual
from review_app.document.textio import TextFile

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#, fuzzy
msgid "Save"
msgstr "Speichern"

msgid "Open"
msgstr "Öffnen"
"""

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=8))
def test_every_segment_is_its_units_target(pairs: list[tuple[str, str]]) -> None:
    units = tuple(
        Unit(i, str(i + 1), source, target, 0, 0, i) for i, (source, target) in enumerate(pairs)
    )
    document = bilingual_document(BilingualFile("tsv", "en", "de", units))
    assert [s.text for s in document.segments] == [t for _, t in pairs]
    assert [s.source for s in document.segments] == [s for s, _ in pairs]
    assert all(document.text[s.start : s.end] == s.text for s in document.segments)


def test_states_follow_review_and_edits_unless_already_so() -> None:
    file = read_bilingual(PO, "ui.po", "po")
    assert [u.state for u in file.units] == [State.FUZZY, State.TRANSLATED]
    assert states_to_write(file, frozenset({0}), frozenset()) == {0: State.TRANSLATED}
    assert states_to_write(file, frozenset(), frozenset({1})) == {1: State.REVIEWED}
    assert states_to_write(file, frozenset({1}), frozenset()) == {}  # already translated


def test_a_reviewed_fuzzy_entry_loses_its_fuzzy_flag_and_nothing_else_changes() -> None:
    file = read_bilingual(PO, "ui.po", "po")
    revised = revised_bilingual(PO, file, {}, frozenset({0}))
    assert revised == PO.replace("#, fuzzy\n", "")


def test_write_states_off_keeps_every_state() -> None:
    file = read_bilingual(PO, "ui.po", "po")
    revised = revised_bilingual(PO, file, {0: "Sichern"}, frozenset({0}), set_states=False)
    assert revised == PO.replace('msgstr "Speichern"', 'msgstr "Sichern"')


def test_an_unchanged_replacement_writes_nothing() -> None:
    file = read_bilingual(PO, "ui.po", "po")
    assert revised_bilingual(PO, file, {1: "Öffnen"}, frozenset()) == PO


def test_targets_as_lines_keep_one_unit_a_line() -> None:
    units = (
        Unit(0, "1", "a", "Zeile eins\nund zwei", 0, 0, 0),
        Unit(1, "2", "b", "drei", 0, 0, 1),
    )
    opened = OpenedBilingual(
        TextFile(path=Path("x.tsv"), text="", encoding="utf-8", newline="\n"),
        BilingualFile("tsv", "en", "de", units),
    )
    assert targets_as_lines(opened).text == "Zeile eins\u2028und zwei\ndrei\n"
