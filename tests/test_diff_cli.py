"""`review-app diff` as a user runs it: formats, files, encodings, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.cli import main
from review_app.compare import compare_texts
from review_app.compare.build import compare_files
from review_app.report.render_diff_html import render_diff_html, write_diff_html
from review_app.report.render_diff_json import diff_to_dict, render_diff_json, write_diff_json
from tests.cli_support import one_line, run_cli, write_pair

ORIGINAL = (
    "Die Lockereung der Regeln kam spät. Die Lockereung war nötig.\n"
    "Der Präsident reiste nach Pjöngjang, und er traf Kim.\n"
    "\n"
    "Das bleibt so.\n"
)
REVISED = (
    "Die Lockerung der Regeln kam spät. Die Lockerung war nötig.\n"
    "Der Präsident reiste nach Pjöngjang. Er traf Kim.\n"
    "\n"
    "Das bleibt so.\n"
)


@pytest.fixture(autouse=True)
def crash_logs_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEW_APP_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return write_pair(tmp_path, ORIGINAL, REVISED)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["diff", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_the_documented_fields(pair, capsys) -> None:
    data = run_json(capsys, *map(str, pair))
    assert data["version"] == 1
    assert {
        "original",
        "revised",
        "line_mode",
        "scores",
        "counts",
        "corrections",
        "units",
        "sentences",
        "sentence_signatures",
        "empty_revision",
        "notes",
    } <= data.keys()
    assert data["line_mode"] == "lines" and len(data["units"]) == 4
    scores = {s["name"]: s for s in data["scores"]}
    assert set(scores) == {"HTER", "chrF", "chrF++", "BLEU"}
    assert (
        scores["HTER"]["signature"].startswith("TER|")
        and "case:mixed" in scores["HTER"]["signature"]
    )
    assert data["corrections"][0] == {"before": "Lockereung", "after": "Lockerung", "count": 2}
    assert data["counts"]["sentences_split"] == 1
    kinds = [s["kind"] for s in data["sentences"]]
    assert kinds == ["edited", "edited", "split", "equal"]
    first = data["sentences"][0]
    assert ORIGINAL[slice(*first["original_span"])] == first["original"]
    assert "".join(op["original"] for op in first["ops"]) == first["original"]
    assert "".join(op["revised"] for op in first["ops"]) == first["revised"]


def test_html_is_one_self_contained_file(pair, tmp_path) -> None:
    out = tmp_path / "diff.html"
    assert main(["diff", *map(str, pair), "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert not re.search(r"<script|<link|\bsrc=|url\(|@import|https?://", html)
    assert "<del>Lockereung</del>" in html and "<ins>Lockerung</ins>" in html
    assert "TER|nrefs:1|case:mixed" in html


def test_text_and_markdown(pair, capsys) -> None:
    assert main(["diff", *map(str, pair)]) == 0
    text = capsys.readouterr().out
    assert "[-Lockereung-]{+Lockerung+}" in text  # not a terminal: wdiff-style markers
    assert "Lockereung → Lockerung ×2" in text
    assert re.search(r"HTER\s+\d+\.\d\d", text)
    assert main(["diff", *map(str, pair), "-f", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "~~Lockereung~~**Lockerung**" in markdown
    assert "`TER\\|nrefs:1\\|case:mixed" in markdown


def test_unified(pair, capsys) -> None:
    assert main(["diff", *map(str, pair), "--unified"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"--- {pair[0]}\n+++ {pair[1]}\n@@")
    assert "-Der Präsident reiste nach Pjöngjang, und er traf Kim.\n" in out
    assert "+Der Präsident reiste nach Pjöngjang. Er traf Kim.\n" in out


def test_different_encodings_are_each_read_correctly(tmp_path, capsys) -> None:
    a, b = tmp_path / "mt.txt", tmp_path / "revised.txt"
    a.write_bytes(ORIGINAL.encode("cp1252"))
    b.write_bytes(b"\xef\xbb\xbf" + ORIGINAL.replace("Lockereung", "Lockerung").encode("utf-8"))
    data = run_json(capsys, str(a), str(b))
    assert (data["original"]["encoding"], data["revised"]["encoding"]) == ("cp1252", "utf-8-sig")
    changed = [s for s in data["sentences"] if s["kind"] != "equal"]
    assert changed[0]["original"].startswith("Die Lockereung der Regeln")
    assert data["corrections"] == [{"before": "Lockereung", "after": "Lockerung", "count": 2}]


def test_empty_revision_says_so(pair, capsys) -> None:
    pair[1].write_text("", encoding="utf-8")
    data = run_json(capsys, *map(str, pair))
    assert data["empty_revision"] is True
    assert all(s["value"] is None for s in data["scores"])
    assert any("empty" in note for note in data["notes"])
    assert main(["diff", *map(str, pair)]) == 0
    assert "undefined: the revision is empty" in capsys.readouterr().out


def test_fail_above_hter(pair) -> None:
    assert (
        main(["diff", *map(str, pair), "--fail-above-hter", "1", "-f", "json", "-o", "/dev/null"])
        == 1
    )
    assert (
        main(["diff", *map(str, pair), "--fail-above-hter", "99", "-f", "json", "-o", "/dev/null"])
        == 0
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (
            lambda d: (d / "bin.txt").write_bytes(b"\x7fELF\x00\x01\x02\x00") and d / "bin.txt",
            "binary",
        ),
        (lambda d: (d / "folder").mkdir() or d / "folder", "folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(pair, tmp_path, make, message) -> None:
    bad = make(tmp_path)
    for args in ([str(bad), str(pair[1])], [str(pair[0]), str(bad)]):
        result = run_cli("diff", *args, text=True)
        assert result.returncode == 2
        assert result.stdout == ""
        assert message in one_line(result.stderr)


def test_empty_original_is_an_error(pair, capsys) -> None:
    pair[0].write_text("", encoding="utf-8")
    assert main(["diff", *map(str, pair)]) == 2
    assert "empty file" in capsys.readouterr().err


def test_output_to_a_device_by_its_name(pair) -> None:
    """`-o /dev/stdout` writes through the pipe it names (it is not replaced, nor resolved to
    /proc/PID/fd/pipe:[N])."""
    args = ["diff", *map(str, pair), "-f", "json", "-o", "/dev/stdout"]
    result = run_cli(*args, text=True)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["version"] == 1


def test_blank_revision_keeps_its_text(pair, capsys) -> None:
    pair[1].write_bytes(b"\xef\xbb\xbf \r\n")
    data = run_json(capsys, *map(str, pair))
    assert data["empty_revision"] is True
    assert data["revised"]["encoding"] == "utf-8-sig"


# --- JSON and HTML are streamed: the same content as the whole tree, written piece by piece ---

SEED = Path(__file__).resolve().parent.parent / "corpus" / "putin-nordkorea.mt.de.txt"
HOSTILE = (
    'Er sagte: "Stopp\\" \x1b[31mrot\x1b[0m</script><b>fett</b>\x9b2J.\u2028Weiter\u2029hier\x7f.\n'
    "Zweite Zeile\x07 mit Glocke.\r\n"
    "Dritte Zeile\u202e gespiegelt.\n"
)


def _seed_pair(tmp_path: Path) -> tuple[Path, Path]:
    text = SEED.read_text(encoding="utf-8")
    a, b = tmp_path / "seed.mt.txt", tmp_path / "seed.rev.txt"
    a.write_text(text, encoding="utf-8")
    revised = text.replace("Nordkorea", "Nord-Korea", 3).replace(", und ", ". Und ", 2)
    b.write_text(revised + "Ein neuer Satz am Ende.\n", encoding="utf-8")
    return a, b


def _hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    name = "mt-\x1b[2J-\u2028.txt"
    a = tmp_path / name
    b = tmp_path / b"rev-\xff\x9b.txt".decode("utf-8", "surrogateescape")  # not UTF-8
    a.write_text(HOSTILE, encoding="utf-8", newline="")
    revised = HOSTILE.replace("rot", "grün").replace("Glocke", "Klingel")
    b.write_text(revised, encoding="utf-8", newline="")
    return a, b


@pytest.mark.parametrize("make", [_seed_pair, _hostile_pair], ids=["seed", "hostile"])
def test_streamed_json_reads_back_as_the_whole_tree(tmp_path, make) -> None:
    a, b = make(tmp_path)
    out = tmp_path / "diff.json"
    assert main(["diff", str(a), str(b), "-f", "json", "-o", str(out)]) == 0
    streamed = out.read_bytes()
    comparison = compare_files(a, b)
    assert json.loads(streamed) == diff_to_dict(comparison)
    assert streamed.decode("utf-8") == render_diff_json(comparison)  # what the TUI gets
    # Nothing a terminal or a JavaScript parser would act on is written raw.
    assert not re.search(
        "[\x00-\x1f\x7f-\x9f\u2028\u2029]", streamed.decode("utf-8").replace("\n", "")
    )
    to_stdout = run_cli("diff", str(a), str(b), "-f", "json")
    assert to_stdout.returncode == 0 and to_stdout.stderr == b""
    assert to_stdout.stdout == streamed


@pytest.mark.parametrize("make", [_seed_pair, _hostile_pair], ids=["seed", "hostile"])
def test_streamed_html_is_the_rendered_page(tmp_path, make) -> None:
    a, b = make(tmp_path)
    out = tmp_path / "diff.html"
    assert main(["diff", str(a), str(b), "-f", "html", "-o", str(out)]) == 0
    page = out.read_bytes()
    assert page.decode("utf-8") == render_diff_html(compare_files(a, b))
    assert page.count(b"<tr class=") == len(compare_files(a, b).sentences)
    assert b"\x1b" not in page and b"</script>" not in page and b"<b>fett" not in page
    to_stdout = run_cli("diff", str(a), str(b), "-f", "html")
    assert to_stdout.returncode == 0 and to_stdout.stderr == b""
    assert to_stdout.stdout == page


class _Chunks(io.StringIO):
    """A text sink that remembers the longest single write."""

    longest = 0

    def write(self, text: str) -> int:
        self.longest = max(self.longest, len(text))
        return super().write(text)


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_no_write_holds_more_than_one_sentence(fmt) -> None:
    lines = [f"Satz Nummer {i} steht hier, und er ist nicht sehr lang." for i in range(400)]
    revised = [
        line.replace("nicht", "gar nicht") if i % 7 == 0 else line for i, line in enumerate(lines)
    ]
    comparison = compare_texts("\n".join(lines) + "\n", "\n".join(revised) + "\n")
    sink = _Chunks()
    (write_diff_json if fmt == "json" else write_diff_html)(comparison, sink)
    total = len(sink.getvalue())
    assert total > 100_000 and sink.longest < 5_000  # the head, or one unit or sentence


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(list('aäbß .,;"\\\n\r\t\x1b\x9b\x7f\u2028\u2029\u202e<>&')),
            max_size=40,
        ),
        min_size=1,
        max_size=4,
    ),
    st.integers(min_value=0, max_value=3),
)
def test_json_round_trip_of_any_text(parts: list[str], cut: int) -> None:
    original = "Anfang. " + "".join(parts)
    revised = "Anfang! " + "".join(parts[cut:])
    comparison = compare_texts(original, revised, original_name="a\udcff\x1b", revised_name="b")
    text = render_diff_json(comparison)
    assert json.loads(text) == diff_to_dict(comparison)
    text.encode("utf-8")  # no lone surrogate is written raw
