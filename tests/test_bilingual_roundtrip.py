"""Property tests: random edits of targets change exactly those targets, in every format."""

from __future__ import annotations

from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from review_app.bilingual.formats import (
    aligned_units,
    detect_format,
    read_bilingual,
    write_bilingual,
)
from review_app.bilingual.model import BilingualFile, State, Unit, is_placeholder

DATA = Path(__file__).parent / "data" / "bilingual"
TEXT = "aZäß €„“ &<>\"';,.\\]]>{0}%s"
ALPHABETS = {
    "xliff": TEXT + "\n\r\t",
    "tmx": TEXT + "\n\t",
    "po": TEXT + "\n\r\t\a",
    "tsv": TEXT + "\n\r\t",
    "csv": TEXT + "\n\r\t",
    "aligned": TEXT + "\t",
}


def sample(name: str, crlf: bool = False) -> str:
    text = (DATA / name).read_bytes().decode("utf-8")
    return text.replace("\n", "\r\n") if crlf and "\r\n" not in text else text


def load(name: str, crlf: bool = False) -> tuple[str, str, BilingualFile]:
    text = sample(name, crlf)
    fmt = detect_format(name, text)
    assert fmt is not None
    return fmt, text, read_bilingual(text, name, fmt)


@st.composite
def new_targets(draw: st.DrawFn, file: BilingualFile, alphabet: str) -> dict[int, str]:
    """New targets for some units: random text around the unit's placeholders, kept in order."""
    units = {u.index: u for u in file.units}
    chosen = draw(st.sets(st.sampled_from(sorted(units)), max_size=4))
    targets = {}
    for index in sorted(chosen):
        kept = [c for c in units[index].target if is_placeholder(c)]
        texts = draw(
            st.lists(st.text(alphabet, max_size=10), min_size=len(kept) + 1, max_size=len(kept) + 1)
        )
        targets[index] = texts[0] + "".join(c + t for c, t in zip(kept, texts[1:], strict=True))
    return targets


def region(text: str, unit: Unit) -> tuple[int, int]:
    """The span an edit may change: the target content (and the quotes of a CSV field)."""
    start, end = unit.target_start, unit.target_end
    if start > 0 and text[start - 1] == '"':  # a quoted field (PO spans start at the quote)
        quoted = end < len(text) and text[end] == '"'
        return start - 1, end + 1 if quoted else end
    return start, end


def without(text: str, units: list[Unit]) -> list[str]:
    """The text between the regions of `units` (in file order)."""
    parts, position = [], 0
    for unit in sorted(units, key=lambda u: u.target_start):
        start, end = region(text, unit)
        parts.append(text[position:start])
        position = end
    parts.append(text[position:])
    return parts


def check_round_trip(fmt: str, text: str, file: BilingualFile, targets: dict[int, str]) -> None:
    out = write_bilingual(text, file, targets, {})
    name = {"aligned": "t.txt"}.get(fmt, f"t.{fmt}")
    again = (
        aligned_units("\n".join(u.source for u in file.units), out, "s", "t")
        if fmt == "aligned"
        else read_bilingual(out, name, fmt)
    )
    assert [u.id for u in again.units] == [u.id for u in file.units]
    assert [u.source for u in again.units] == [u.source for u in file.units]
    assert [u.target for u in again.units] == [targets.get(u.index, u.target) for u in file.units]
    edited = [i for i in targets if targets[i] != file.units[i].target]
    assert without(out, [again.units[i] for i in edited]) == without(
        text, [file.units[i] for i in edited]
    )
    if not edited:
        assert out == text


def files() -> list[tuple[str, str, BilingualFile]]:
    found = [load(n) for n in ("xliff12.xlf", "xliff20.xlf", "sample.tmx", "sample.po")]
    found += [load(n) for n in ("sample.tsv", "sample.csv")]
    found += [load("xliff12.xlf", crlf=True), load("sample.po", crlf=True)]
    return found


FILES = files()


def editable(fmt: str, text: str, file: BilingualFile) -> BilingualFile:
    """The units whose targets exist in place (new elements are tested one by one)."""
    if fmt not in ("xliff", "tmx"):
        return file
    units = tuple(u for u in file.units if u.target_start < u.target_end)
    return BilingualFile(file.format, file.source_language, file.target_language, units)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_random_edits_change_only_their_targets(data: st.DataObject) -> None:
    fmt, text, file = data.draw(st.sampled_from(FILES))
    choices = editable(fmt, text, file)
    targets = data.draw(new_targets(choices, ALPHABETS[fmt]))
    check_round_trip(fmt, text, file, targets)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(ALPHABETS["aligned"], max_size=8), min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
    st.data(),
)
def test_random_edits_of_aligned_lines(
    lines: list[str], newline: str, final: bool, data: st.DataObject
) -> None:
    assume(final or len(lines) == 1 or lines[-1])  # "a\n" is one line, not "a" and ""
    target = newline.join(lines) + (newline if final else "")
    file = aligned_units("\n".join(["s"] * len(lines)), target, "s", "t")
    assert [u.target for u in file.units] == lines
    targets = data.draw(new_targets(file, ALPHABETS["aligned"]))
    last = len(lines) - 1
    assume(final or last == 0 or targets.get(last, lines[last]))  # as above
    check_round_trip("aligned", target, file, targets)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_new_target_elements_read_back(data: st.DataObject) -> None:
    """Units without a target element (XLIFF, TMX): the inserted element reads back."""
    fmt, text, file = data.draw(st.sampled_from([f for f in FILES if f[0] in ("xliff", "tmx")]))
    missing = [u.index for u in file.units if u.target_start == u.target_end]
    chosen = data.draw(st.sets(st.sampled_from(missing), min_size=1))
    targets = {i: data.draw(st.text(ALPHABETS[fmt], min_size=1, max_size=10)) for i in chosen}
    states = {i: State.TRANSLATED for i in chosen}
    out = write_bilingual(text, file, targets, states)
    again = read_bilingual(out, "t", fmt)
    assert [u.target for u in again.units] == [targets.get(u.index, u.target) for u in file.units]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_states_read_back(data: st.DataObject) -> None:
    text = sample("xliff12.xlf")
    file = read_bilingual(text, "a.xlf", "xliff")
    alone = [u.index for u in file.units if u.target and "/" not in u.id]
    states = data.draw(
        st.dictionaries(
            st.sampled_from(alone), st.sampled_from([State.FUZZY, State.TRANSLATED, State.REVIEWED])
        )
    )
    out = write_bilingual(text, file, {}, states)
    again = read_bilingual(out, "a.xlf", "xliff")
    assert [u.state for u in again.units] == [states.get(u.index, u.state) for u in file.units]
    assert [u.target for u in again.units] == [u.target for u in file.units]
    changed = [u for u in file.units if states.get(u.index, u.state) != u.state]
    if not changed:
        assert out == text
