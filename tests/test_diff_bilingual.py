"""`diff` of two bilingual files carries each unit's source and id: "Source: …" with the changed
sentences in text, Markdown and HTML (escaped like all file text), `source` and `unit_id` in
the JSON (null for plain texts); the diff of plain texts stays byte for byte what it was."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from review_app import __version__
from review_app.bilingual.formats import read_bilingual, write_bilingual
from review_app.cli import main
from review_app.compare import compare_texts
from tests.cli_support import isolate, write_pair

FORMATS = ["text", "markdown", "html", "json"]

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="de" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="intro">
        <source>The meeting starts at 5 p.m. Everyone is invited.</source>
        <target state="translated">Die Sitzung beginnt um 17 Uhr. Alle sind eingeladen.</target>
      </trans-unit>
      <trans-unit id="same">
        <source>The weather is fine.</source>
        <target state="translated">Das Wetter ist gut.</target>
      </trans-unit>
      <trans-unit id="tags">
        <source>Open <g id="1">Settings</g> now.</source>
        <target>Öffne <g id="1">Einstellungen</g> jetzt.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: de\\n"

#: app.c:10
msgid "Open the file"
msgstr "Öffne die Datei"

msgctxt "menu"
msgid "Save as"
msgstr "Speichern als"
"""

# Escape sequence, HTML, Markdown, Rich markup and a bidi override, in a PO source (a PO id is
# its msgid, so the unit id is just as hostile).
HOSTILE = "Run <script>alert(1)</script> \x1b[31m *now* | [bold]x[/bold] \u202e"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)


def _revise(path: Path, fmt: str, text: str, edits: dict[int, tuple[str, str]]) -> Path:
    """`text` as `path`, and beside it its revision: in the target of unit i, edits[i] = (old,
    new) replaced (inline tags stay the placeholder characters they are in a target)."""
    path.write_text(text, encoding="utf-8")
    file = read_bilingual(text, str(path), fmt)
    targets = {i: file.units[i].target.replace(*edit) for i, edit in edits.items()}
    assert all(targets[i] != file.units[i].target for i in targets)
    revised = path.with_name(f"revised{path.suffix}")
    revised.write_text(write_bilingual(text, file, targets, {}), encoding="utf-8")
    return revised


def _diff(capsys: pytest.CaptureFixture[str], a: Path | str, b: Path | str, fmt: str) -> str:
    assert main(["diff", str(a), str(b), "-f", fmt, "-j", "1"]) == 0
    return capsys.readouterr().out


def _xliff_pair(tmp_path: Path) -> tuple[Path, Path]:
    original = tmp_path / "job.xlf"
    revised = _revise(
        original,
        "xliff",
        XLIFF,
        {0: ("17 Uhr. Alle sind", "18 Uhr. Alle sind herzlich"), 2: ("Einst", "die Einst")},
    )
    return original, revised


def test_xliff_diff_json_gives_every_sentence_its_source_and_unit_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original, revised = _xliff_pair(tmp_path)
    sentences = json.loads(_diff(capsys, original, revised, "json"))["sentences"]
    by_unit = {(s["unit_id"], s["source"]) for s in sentences}
    assert by_unit == {
        ("intro", "The meeting starts at 5 p.m. Everyone is invited."),
        ("same", "The weather is fine."),
        ("tags", "Open <1>Settings</1> now."),  # tags as their labels, as in the targets
    }
    changed = [s for s in sentences if s["kind"] != "equal"]
    assert [s["unit_id"] for s in changed] == ["intro", "intro", "tags"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_xliff_diff_shows_the_source_once_per_unit_with_its_changed_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    original, revised = _xliff_pair(tmp_path)
    out = _diff(capsys, original, revised, fmt)
    assert out.count("Source: The meeting starts at 5 p.m. Everyone is invited. (unit intro)") == 1
    assert "(unit tags)" in out
    assert "Settings" in out and "now." in out
    # two sentences of unit "intro" were edited: one source line, before the first of them
    assert out.index("Source: The meeting") < out.index("Uhr.") < out.index("eingeladen.")
    if fmt == "html":  # every sentence is listed there, every unit with its source
        assert "Source: The weather is fine. (unit same)" in out
    else:  # only the changed sentences, so only the sources of changed units
        assert "The weather is fine." not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_po_diff_shows_source_and_unit_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    original = tmp_path / "ui.po"
    revised = _revise(original, "po", PO, {1: ("als", "unter")})
    out = _diff(capsys, original, revised, fmt)
    if fmt == "json":
        changed = [s for s in json.loads(out)["sentences"] if s["kind"] != "equal"]
        assert [(s["unit_id"], s["source"]) for s in changed] == [("[menu] Save as", "Save as")]
        return
    unit_id = r"\[menu\] Save as" if fmt == "markdown" else "[menu] Save as"
    assert f"Source: Save as (unit {unit_id})" in out
    assert ("Open the file" in out) == (fmt == "html")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hostile_source_and_unit_id_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    text = PO.replace('msgid "Open the file"', f'msgid "{HOSTILE}"')
    original = tmp_path / "ui.po"
    revised = _revise(original, "po", text, {0: ("Datei", "Datei jetzt")})
    out = _diff(capsys, original, revised, fmt)
    assert "\x1b" not in out  # JSON writes it \u001b, as every control character
    if fmt == "json":
        changed = [s for s in json.loads(out)["sentences"] if s["kind"] != "equal"]
        assert [(s["unit_id"], s["source"]) for s in changed] == [(HOSTILE, HOSTILE)]
        return
    assert "\u202e" not in out and "⟨U+202E⟩" in out
    if fmt == "text":
        assert "Source: Run <script>alert(1)</script> ␛[31m *now* | [bold]x[/bold]" in out
    elif fmt == "markdown":
        assert r"Source: Run \<script\>alert(1)\</script\> ␛\[31m \*now\* \| \[bold\]x" in out
        assert "<script>" not in out
    else:
        assert "Source: Run &lt;script&gt;alert(1)&lt;/script&gt; ␛[31m *now* | [bold]x" in out
        assert "<script>" not in out


def test_a_lone_carriage_return_in_a_target_keeps_units_and_sources_aligned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = PO.replace('"Öffne die Datei"', '"Öffne\\rdie Datei"')
    original = tmp_path / "ui.po"
    revised = _revise(original, "po", text, {1: ("als", "unter")})
    result = json.loads(_diff(capsys, original, revised, "json"))
    assert result["original"]["lines"] == 2  # one line a unit, the CR inside its line
    changed = [s for s in result["sentences"] if s["kind"] != "equal"]
    assert [(s["unit_id"], s["source"]) for s in changed] == [("[menu] Save as", "Save as")]


def test_a_comparison_of_plain_texts_has_no_sources() -> None:
    c = compare_texts("Ein Satz. Noch einer.\n", "Ein Satz. Noch zwei.\n")
    assert c.sentences and all(p.source is None and p.unit_id is None for p in c.sentences)


def test_sources_are_taken_per_original_line() -> None:
    c = compare_texts(
        "Eins. Zwei.\nDrei.\n",
        "Eins! Zwei!\nDrei!\n",
        sources=[("u1", "One. Two."), ("u2", "Three.")],
    )
    assert [(p.unit_id, p.source) for p in c.sentences] == [
        ("u1", "One. Two."),
        ("u1", "One. Two."),
        ("u2", "Three."),
    ]
    listed_whole = compare_texts(  # unchanged lines not split: one pair a line, still sourced
        "Eins. Zwei.\nDrei.\n",
        "Eins. Zwei.\nVier.\n",
        sources=[("u1", "1"), ("u2", "3")],
        split_limit=0,
    )
    assert [(p.kind, p.unit_id) for p in listed_whole.sentences] == [
        ("equal", "u1"),
        ("edited", "u2"),
    ]
    with pytest.raises(ValueError):
        compare_texts("Eins.\n", "Eins!\n", sources=[])


# A plain diff, and what `diff` wrote for it before sources existed (sha256 of the output with
# the sacrebleu and review-app versions blanked out, saved from the code before this change).
PLAIN_MT = (
    "Die Sitzung beginnt um 17 Uhr. Alle sind eingeladen.\n"
    "Das Wetter ist gut.\n"
    "Er sagt <script>alert(1)</script> und *geht* \x1b[31m weg.\n"
    "Eine Zeile ohne Änderung.\n"
    "Der Satz wird geteilt, weil er zu lang ist und nicht gut lesbar.\n"
)
PLAIN_REVISED = (
    "Die Sitzung beginnt um 18 Uhr. Alle sind herzlich eingeladen.\n"
    "Das Wetter ist sehr gut. Ein neuer Satz.\n"
    "Er sagt <script>alert(2)</script> und *geht* \x1b[32m weg.\n"
    "Eine Zeile ohne Änderung.\n"
    "Der Satz wird geteilt. Er ist zu lang und nicht gut lesbar.\n"
)
PLAIN_BEFORE = {
    "text": "361fccde967a0bd3a247e39100d83af18dfd909560d72759ef6703dcbd5970e4",
    "markdown": "4bed4e0b617617baed178a44920f0bad88b06e997aff0a1b060d331ce7678e9d",
    "html": "c3b528325596393e326a396b0a22f35565cc800b649f96cc62fbd5abd43e51fb",
    "json": "ead586f217c66dc249b0e19c5b581315ff3835dbe51d33cd574c51885dc083a2",
}


def _normalized(out: str, fmt: str) -> str:
    """The output with the versions of sacrebleu and review-app blanked out; for JSON, the
    parsed document without the new fields (checked to be null), re-serialised."""
    if fmt == "json":
        document = json.loads(out)
        for sentence in document["sentences"]:
            assert sentence.pop("source") is None
            assert sentence.pop("unit_id") is None
        out = json.dumps(document, sort_keys=True, ensure_ascii=False)
    return re.sub(r"version:[\w.+-]+", "version:X", out.replace(__version__, "X"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plain_diff_is_what_it_was_before_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    a, b = write_pair(tmp_path, PLAIN_MT, PLAIN_REVISED)
    out = _diff(capsys, a.name, b.name, fmt)
    assert "Source:" not in out and "class=source" not in out
    digest = hashlib.sha256(_normalized(out, fmt).encode("utf-8")).hexdigest()
    assert digest == PLAIN_BEFORE[fmt], out
