"""The CLI against hostile input and faults: never overwrite an input, never hang on a device or
a pipe, never read without a limit, never a traceback: one line on stderr and exit code 2."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import charset_normalizer
import pytest

from review_app.cli import main
from review_app.document.textio import MAX_BYTES
from tests.cli_support import isolate, one_line, run_cli, write_pair
from tests.lt_server import LTServer, LTState

ORIGINAL = "Die Lockereung der Regeln kam spät.\nDer Präsident reiste nach Pjöngjang.\n"
REVISED = "Die Lockerung der Regeln kam spät.\nDer Präsident reiste nach Pjöngjang.\n"
GERMAN_CP1252 = (
    "Über die Größe der Straße lässt sich streiten. „Schöne Grüße“ aus Köln – 5 €.\n"
    "Die Brücke führt über den Fluß, daß es eine Freude ist.\n"
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate(tmp_path, monkeypatch)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return write_pair(tmp_path, ORIGINAL, REVISED)


def fails(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run the CLI in-process; it must exit 2 with one line on stderr and nothing on stdout."""
    assert main(list(args)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    return one_line(err)


# --- 1. an output over an input is refused; the input stays byte for byte ---------------------


def test_report_output_onto_its_input_is_refused(tmp_path, capsys) -> None:
    text = tmp_path / "a.txt"
    text.write_bytes(b"Hallo Welt.\r\n\xef\xbf\xbd")  # any bytes: they must survive
    before = text.read_bytes()
    (tmp_path / "hard.txt").hardlink_to(text)
    (tmp_path / "link.txt").symlink_to(text)
    for output in ("a.txt", "./a.txt", str(text), "hard.txt", "link.txt", "sub/../a.txt"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        line = fails(capsys, "report", "a.txt", "-o", output, "-f", "json")
        assert line == (
            f"review-app: error: {output}: would overwrite the input a.txt; "
            "write the report elsewhere"
        )
        assert text.read_bytes() == before


def test_report_output_onto_a_file_found_in_a_folder_is_refused(tmp_path, capsys) -> None:
    folder = tmp_path / "texts"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "b.md").write_text("Zweiter Text.\n", encoding="utf-8")
    (folder / "a.txt").write_text("Erster Text.\n", encoding="utf-8")
    line = fails(capsys, "report", "texts", "-o", "texts/deep/b.md", "-f", "markdown")
    assert "texts/deep/b.md: would overwrite the input texts/deep/b.md" in line
    assert (folder / "deep" / "b.md").read_text(encoding="utf-8") == "Zweiter Text.\n"


def test_report_output_onto_the_file_on_stdin_is_refused(tmp_path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Hallo Welt.\n", encoding="utf-8")
    with text.open("rb") as stdin:
        result = run_cli("report", "-", "-o", "a.txt", stdin_file=stdin)
    assert result.returncode == 2
    assert "a.txt: would overwrite the input <stdin>" in one_line(result.stderr)
    assert text.read_text(encoding="utf-8") == "Hallo Welt.\n"


@pytest.mark.parametrize("unified", [False, True])
def test_diff_output_onto_either_input_is_refused(pair, tmp_path, capsys, unified) -> None:
    a, b = pair
    (tmp_path / "hard-a.txt").hardlink_to(a)
    (tmp_path / "link-b.txt").symlink_to(b)
    extra = ["--unified"] if unified else []
    for output, role, name in (
        (str(b), "revision", str(b)),
        (str(a), "original", str(a)),
        ("hard-a.txt", "original", str(a)),
        ("link-b.txt", "revision", str(b)),
    ):
        line = fails(capsys, "diff", str(a), str(b), "-o", output, *extra)
        assert line == (
            f"review-app: error: {output}: would overwrite the {role} {name}; "
            "write the diff elsewhere"
        )
    assert a.read_text(encoding="utf-8") == ORIGINAL
    assert b.read_text(encoding="utf-8") == REVISED


def test_review_refuses_an_output_that_is_a_hard_link_to_the_original(tmp_path, capsys) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Hallo Welt.\n", encoding="utf-8")
    (tmp_path / "hard.txt").hardlink_to(text)
    line = fails(capsys, "review", "a.txt", "-o", "hard.txt")
    assert line == "review-app: error: hard.txt is the original; use --in-place to overwrite it"
    assert text.read_text(encoding="utf-8") == "Hallo Welt.\n"


# --- 2. every write error is one line and exit 2, for diff and report -------------------------


def _write_targets(tmp_path: Path) -> list[tuple[str, str]]:
    (tmp_path / "folder").mkdir()
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    targets = [
        (str(tmp_path / "folder"), "it is a folder"),
        (str(tmp_path / "missing" / "out.json"), "its folder does not exist"),
        (str(tmp_path / "plain.txt" / "out.json"), "a part of the path is not a folder"),
        ("/dev/full", "no space left on the device"),
        ("/proc/version", "no file can be created in that folder"),
    ]
    try:  # /sys is read-only even for root in most containers
        (Path("/sys") / "review-app-probe").touch()
    except OSError:
        targets.append(("/sys/review-app.json", "permission denied"))
    return targets


@pytest.mark.parametrize("command", ["diff", "diff --unified", "report -q"])
def test_write_errors_are_one_line_and_exit_2(pair, tmp_path, capsys, command) -> None:
    a, b = pair
    inputs = [str(a), str(b)] if command.startswith("diff") else [str(a)]
    for target, reason in _write_targets(tmp_path):
        line = fails(capsys, *command.split(), *inputs, "-f", "json", "-o", target)
        assert line == f"review-app: error: {target}: cannot write ({reason})"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["folder", "mt.txt", "plain.txt", "revised.txt"]  # no temporary files
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8") == "x"
    assert list((tmp_path / "folder").iterdir()) == []


# --- 3. --fail-above-hter takes a finite number of 0 or more ---------------------------------


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "-1", "-0.5", "abc", ""])
def test_bad_hter_threshold_is_one_argparse_line(pair, capsys, value) -> None:
    with pytest.raises(SystemExit) as info:
        main(["diff", *map(str, pair), f"--fail-above-hter={value}"])
    assert info.value.code == 2
    out, err = capsys.readouterr()
    line = one_line(err)
    assert out == "" and line.startswith("review-app diff: error: argument --fail-above-hter: ")
    assert line.endswith("(see review-app diff --help)")


def test_good_hter_thresholds_are_taken(pair) -> None:
    args = ["diff", *map(str, pair), "-f", "json", "-o", os.devnull, "--fail-above-hter"]
    assert main([*args, "0"]) == 1  # one word of six changed
    assert main([*args, "99.5"]) == 0


# --- 4. a BOM or whitespace alone is an empty file ---------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n\t", b"\xff\xfe", b"\xff\xfe \x00\n\x00", b"\n \n"],
)
def test_empty_original_is_one_line(pair, capsys, content) -> None:
    a, b = pair
    a.write_bytes(content)
    line = fails(capsys, "diff", str(a), str(b))
    assert line == f"review-app: error: {a}: empty file, nothing to check"
    line = fails(capsys, "report", str(a))
    assert line == f"review-app: error: {a}: empty file, nothing to check"
    assert a.read_bytes() == content


def test_bom_only_revision_is_an_empty_revision(pair, capsys) -> None:
    pair[1].write_bytes(b"\xef\xbb\xbf")
    assert main(["diff", *map(str, pair), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["empty_revision"] is True and data["revised"]["encoding"] == "utf-8-sig"


# --- 5. the size limit: binary units, the same words everywhere --------------------------------


def test_too_large_file_is_refused_before_reading(tmp_path, capsys) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written or read
    for args in (["report", "big.txt"], ["diff", "big.txt", "big.txt"], ["review", "big.txt"]):
        line = fails(capsys, *args)
        assert line == "review-app: error: big.txt: too large (50.1 MiB; the limit is 50 MiB)"


def test_too_large_stdin_is_refused_after_the_limit() -> None:
    result = run_cli("report", "-", stdin=b"Hallo Welt. " * (MAX_BYTES // 12 + 1))
    assert result.returncode == 2
    assert one_line(result.stderr) == "review-app: error: <stdin>: too large (the limit is 50 MiB)"


# --- 6. invalid UTF-8 in a UTF-8 file is an error; CP1252 files are still read -----------------


def test_utf8_with_a_stray_byte_names_line_and_column(tmp_path, capsys) -> None:
    path = tmp_path / "stray.txt"
    good = "Die Straße führt über die Brücke.\r\nZweite Zeile mit Größe.\rDritte: Gr"
    path.write_bytes(good.encode("utf-8") + b"\xfc" + "ße aus Köln.\n".encode())
    expected = (
        f"review-app: error: {path}: invalid UTF-8 at line 3, column 11 "
        "(byte 0xFC; 1 invalid byte in a file that is otherwise UTF-8)"
    )
    assert fails(capsys, "report", str(path)) == expected
    assert fails(capsys, "diff", str(path), str(path)) == expected
    path.write_bytes(b"\xef\xbb\xbfGr\xfc\xdfe.\n")  # with a BOM: UTF-8 was declared
    assert "invalid UTF-8 at line 1, column 3 (byte 0xFC; 2 invalid bytes" in fails(
        capsys, "report", str(path)
    )


def test_german_cp1252_is_still_read_as_cp1252(tmp_path, capsys) -> None:
    path = tmp_path / "alt.txt"
    path.write_bytes(GERMAN_CP1252.encode("cp1252"))
    assert main(["report", str(path), "-f", "json", "--fail-on", "never"]) == 0
    out, err = capsys.readouterr()
    assert f"review-app: {path}: not UTF-8, read as CP1252" in err.splitlines()
    data = json.loads(out)
    assert data["files"][0]["encoding"] == "cp1252"
    for flag in data["files"][0]["flags"]:
        assert GERMAN_CP1252[flag["span"][0] : flag["span"][1]] == flag["text"]
    assert path.read_bytes() == GERMAN_CP1252.encode("cp1252")


def test_invalid_utf16_is_one_line(tmp_path, capsys) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfeH\x00a\x00\x00\xd8")  # a lone high surrogate at the end
    line = fails(capsys, "report", str(path))
    assert line.startswith(f"review-app: error: {path}: starts like UTF-16 but is not valid")


# --- 7. devices and pipes are refused; `-` reads standard input -------------------------------


@pytest.mark.parametrize("command", ["report", "diff", "review"])
def test_devices_are_refused(tmp_path, capsys, command) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    args = [command, "/dev/zero"] + (["/dev/zero"] if command == "diff" else [])
    assert fails(capsys, *args) == (
        "review-app: error: /dev/zero: not a regular file (a character device)"
    )
    args = [command, "zero.txt"] + (["zero.txt"] if command == "diff" else [])
    assert fails(capsys, *args).endswith("zero.txt: not a regular file (a character device)")


@pytest.mark.parametrize(
    "args", [["report", "fifo"], ["diff", "fifo", "b.txt"], ["diff", "a.txt", "fifo"]]
)
def test_a_fifo_is_refused_without_blocking(tmp_path, args) -> None:
    os.mkfifo(tmp_path / "fifo")  # nobody writes: opening it would block for ever
    (tmp_path / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REVISED, encoding="utf-8")
    result = run_cli(*args)  # times out (and fails) after 60 s if it blocks
    assert result.returncode == 2
    assert one_line(result.stderr) == "review-app: error: fifo: not a regular file (a pipe)"


def test_report_reads_stdin_when_asked_with_a_dash() -> None:
    text = "Die Lockereung der Regeln kam spät.\n"
    result = run_cli("report", "-", "-f", "json", "-q", stdin=text.encode("utf-8"))
    assert result.returncode == 1, result.stderr
    assert result.stderr == b""
    data = json.loads(result.stdout)
    assert data["files"][0]["path"] == "<stdin>"
    assert [f["text"] for f in data["files"][0]["flags"]] == ["Lockereung"]


@pytest.mark.parametrize("side", [0, 1])
def test_diff_reads_either_side_from_stdin(pair, side) -> None:
    args = [str(pair[0]), str(pair[1])]
    stdin = Path(args[side]).read_bytes()
    args[side] = "-"
    result = run_cli("diff", *args, "-f", "json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data[("original", "revised")[side]]["name"] == "<stdin>"
    assert data["corrections"] == [{"before": "Lockereung", "after": "Lockerung", "count": 1}]


def test_diff_takes_stdin_once(capsys) -> None:
    line = fails(capsys, "diff", "-", "-")
    assert line == "review-app: error: ORIGINAL and REVISED cannot both be - (standard input)"


# --- 8. unexpected errors: one line, the traceback in a crash log, exit 2 ---------------------


def _crash_with(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def broken(*args, **kwargs):
        raise error

    # A fault in a library (here the encoding detector, which CP1252 input reaches).
    monkeypatch.setattr(charset_normalizer, "from_bytes", broken)


CRASH_LINE = re.compile(r"review-app: error: unexpected error: (.+) \(full details in (.+)\)")


@pytest.mark.parametrize(
    "args",
    [["report", "alt.txt"], ["diff", "alt.txt", "alt.txt"], ["review", "alt.txt"]],
)
@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (RuntimeError("boom \x1b[2J\x07\nsecond line"), "RuntimeError: boom ␛[2J␇"),
        (MemoryError(), "MemoryError"),
    ],
)
def test_unexpected_errors_are_one_line_and_a_crash_log(
    tmp_path, capsys, monkeypatch, args, error, shown
) -> None:
    (tmp_path / "alt.txt").write_bytes(GERMAN_CP1252.encode("cp1252"))
    _crash_with(monkeypatch, error)
    match = CRASH_LINE.fullmatch(fails(capsys, *args))
    assert match is not None and match.group(1) == shown
    log = Path(match.group(2))
    assert log.parent == tmp_path / "logs"
    details = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in details and type(error).__name__ in details


def test_errors_python_can_only_ignore_go_to_the_log(tmp_path, capsys, monkeypatch) -> None:
    (tmp_path / "alt.txt").write_bytes(GERMAN_CP1252.encode("cp1252"))
    detect = charset_normalizer.from_bytes

    class Noisy:
        def __del__(self) -> None:
            raise RuntimeError("failed in a finalizer")

    def detector(*args, **kwargs):
        Noisy()  # dropped at once: Python ignores its error and would print a traceback
        return detect(*args, **kwargs)

    monkeypatch.setattr(charset_normalizer, "from_bytes", detector)
    assert main(["report", "alt.txt", "-q", "--fail-on", "never"]) == 0
    assert capsys.readouterr().err == ""
    (log,) = (tmp_path / "logs").iterdir()
    assert "RuntimeError: failed in a finalizer" in log.read_text(encoding="utf-8")


def test_ctrl_c_is_130(tmp_path, capsys, monkeypatch) -> None:
    (tmp_path / "alt.txt").write_bytes(GERMAN_CP1252.encode("cp1252"))
    _crash_with(monkeypatch, KeyboardInterrupt())
    assert main(["report", "alt.txt"]) == 130
    assert one_line(capsys.readouterr().err) == "review-app: interrupted"
    assert not (tmp_path / "logs").exists()


@pytest.mark.parametrize("read_first", [0, 100])
def test_a_closed_pipe_is_quiet(tmp_path, read_first) -> None:
    lines = [f"Satz Nummer {i} bleibt so, wie er ist." for i in range(3000)]
    (tmp_path / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n".join(lines[::-1]) + "\n", encoding="utf-8")
    flagged = [f"Die Lockereung Nummer {i} kam spät." for i in range(300)]
    (tmp_path / "c.txt").write_text("\n".join(flagged) + "\n", encoding="utf-8")
    for args in (
        ["diff", "a.txt", "a.txt", "-f", "json"],  # through rich's Console
        ["diff", "a.txt", "b.txt", "--unified"],
        ["report", "c.txt", "-f", "json", "-q"],  # through sys.stdout
    ):
        with subprocess.Popen(
            [sys.executable, "-m", "review_app", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            assert len(process.stdout.read(read_first)) == read_first
            process.stdout.close()  # like `| head -c 100`
            err = process.stderr.read()
            code = process.wait(timeout=60)
        assert err == b""
        # Closed before the first write: the write fails, exit 2. Closed in the middle of a
        # write: the kernel reports a short write, not an error, so Python may never know.
        assert code == 2 if read_first == 0 else code in (0, 2)


# --- 9. the rest of bad input in a report -----------------------------------------------------


def test_missing_file_among_good_ones_is_reported_and_exit_2(tmp_path, capsys) -> None:
    (tmp_path / "a.txt").write_text("Die Lockereung kam.\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert main(["report", "a.txt", "missing.txt", "empty", "-q", "-f", "json"]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "review-app: error: missing.txt: no such file or folder",
        "review-app: error: empty: no text files (*.txt, *.text, *.md, *.xlf, *.xliff, *.po, "
        "*.tmx) in this folder",
    ]
    data = json.loads(out)
    assert [f["path"] for f in data["files"]] == ["a.txt"]
    assert [f["path"] for f in data["failures"]] == ["missing.txt", "empty"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("new\nline.txt", "new␊line.txt"),
        ("clear\x1b[2J.txt", "clear␛[2J.txt"),
        ("title\x1b]0;pwned\x07.txt", "title␛]0;pwned␇.txt"),
        ("back\rspace\b.txt", "back␍space␈.txt"),
        ("bidi\u202etxt.exe", "bidi⟨U+202E⟩txt.exe"),
    ],
)
def test_hostile_file_names_are_shown_visibly_on_one_line(tmp_path, name, shown) -> None:
    result = run_cli("report", name, "-q")  # missing
    assert result.returncode == 2
    assert one_line(result.stderr) == f"review-app: error: {shown}: no such file or folder"
    (tmp_path / name).write_bytes(b"\x00\x01binary")
    result = run_cli("diff", name, name)
    assert one_line(result.stderr) == f"review-app: error: {shown}: binary file, not text"


def test_languagetool_status_shows_a_hostile_server_version_as_unknown(capsys) -> None:
    """The version a server claims reaches the terminal only when it looks like a version."""
    server = LTServer(state=LTState(version="\x1b]0;PWNED\x07\x1b[2J6.6")).start()
    try:
        assert main(["languagetool", "status", "--languagetool-url", server.url]) == 0
    finally:
        server.stop()
    out = capsys.readouterr().out
    assert f"server: {server.url} answers, LanguageTool ?\n" in out
    assert "\x1b" not in out and "\x07" not in out
