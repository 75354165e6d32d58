"""`report --jobs N`: files cut into chunks, checked in worker processes, the same report byte
for byte whatever N is; chunk cuts and offsets; inputs at scale (`--files-from`)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.batch.chunks import CHUNK_CHARACTERS_ENV, chunk_items, plan_cuts
from review_app.checking import Severity
from review_app.cli import main
from review_app.document.segment import iter_lines, segment_text
from review_app.report.build import build_report, collect_report, load_files, report_events
from review_app.report.model import FileChunk, FileDone, FileFailure, ReportEnd
from tests.cli_support import isolate, one_line
from tests.wordchecker import WordChecker

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus").glob("*.mt.de.txt"))
CLI = (sys.executable, "-m", "review_app")
# The checkout under test, whatever review_app an editable install elsewhere points at.
CHILD_ENV = {"PYTHONPATH": str(ROOT)}
CHUNK = 2_500  # characters: the inputs below make dozens of chunks
KNOWN = {
    "Lockereung": ("Lockerung", Severity.ERROR),
    "Sicherheitsbehorde": ("Sicherheitsbehörde", Severity.WARNING),
    "Wetterdienst": ("Wetteramt", Severity.HINT),
}


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)


def long_line(words: int) -> str:
    return " ".join(("Regierung", "Lockereung", "und", "beschlossen")[i % 4] for i in range(words))


def make_inputs(folder: Path) -> Path:
    """Six files in `folder`: LF, CRLF, lone CR, CP1252 (a notice), a binary file (a failure
    in the middle), and lines longer than LONG_TEXT in several chunks (a notice merged)."""
    folder.mkdir()
    text = "".join(p.read_text(encoding="utf-8") for p in CORPUS)
    (folder / "a.txt").write_text(text * 4, encoding="utf-8", newline="")
    (folder / "b.txt").write_bytes((text * 3).replace("\n", "\r\n").encode("utf-8"))
    (folder / "c.txt").write_bytes((text * 2).encode("cp1252", errors="replace"))
    (folder / "d.txt").write_bytes(b"\x7fELF\x00\x01\x02" * 40)
    long = f"{long_line(500)}.\n{text}{long_line(700)}\n{text}"
    (folder / "e.txt").write_text(long, encoding="utf-8")
    (folder / "f.txt").write_text(text.replace("\n", "\r") * 2, encoding="utf-8", newline="")
    return folder


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_inputs(tmp_path_factory.mktemp("jobs") / "texts")


class Workers(threading.Thread):
    """Counts the worker processes a child process spawns while it runs."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.seen: set[int] = set()
        self.stop = threading.Event()

    def run(self) -> None:
        root = psutil.Process(self.pid)
        while not self.stop.is_set():
            try:
                for child in root.children(recursive=True):
                    if "spawn_main" in " ".join(child.cmdline()):
                        self.seen.add(child.pid)
            except psutil.Error:
                pass
            self.stop.wait(0.02)


def report(folder: Path, fmt: str, jobs: int, out: Path) -> tuple[bytes, int]:
    """Run the CLI on `folder` (small chunks); the report's bytes and the workers it used."""
    command = [*CLI, "report", str(folder), "-f", fmt]
    command += ["-o", str(out), "--jobs", str(jobs), "--fail-on", "never", "-q"]
    env = {**os.environ, **CHILD_ENV, CHUNK_CHARACTERS_ENV: str(CHUNK)}
    child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    workers = Workers(child.pid)
    workers.start()
    _, stderr = child.communicate(timeout=300)
    workers.stop.set()
    workers.join()
    assert child.returncode == 2, stderr  # d.txt is binary
    assert one_line(stderr).endswith("d.txt: binary file, not text")
    return out.read_bytes(), len(workers.seen)


# Each format renders the same events; the JSON and JSONL reports hold all of them, so their
# equality covers the others (which REVIEW_APP_SLOW_TESTS=1 checks too: a pool each, ~10 s).
SLOW = pytest.mark.skipif(
    os.environ.get("REVIEW_APP_SLOW_TESTS") != "1", reason="~10 s: REVIEW_APP_SLOW_TESTS=1"
)


@pytest.mark.parametrize(
    "fmt",
    ["jsonl", "json", *(pytest.param(f, marks=SLOW) for f in ("text", "markdown", "html"))],
)
def test_jobs_give_the_same_report_byte_for_byte(inputs: Path, tmp_path: Path, fmt: str) -> None:
    one, none = report(inputs, fmt, 1, tmp_path / f"1.{fmt}")
    two, used = report(inputs, fmt, 2, tmp_path / f"2.{fmt}")
    assert none == 0 and used == 2  # the second run really ran in two worker processes
    assert two == one
    if fmt == "jsonl":
        if os.environ.get("REVIEW_APP_SLOW_TESTS") == "1":  # three workers on two cores: slow
            three, used = report(inputs, fmt, 3, tmp_path / f"3.{fmt}")
            assert used == 3 and three == one
        records = [json.loads(line) for line in one.decode("utf-8").splitlines()]
        files = [r for r in records if r["type"] == "file"]
        assert [Path(r["path"]).name for r in files] == [
            "a.txt",
            "b.txt",
            "c.txt",
            "e.txt",
            "f.txt",
        ]
        failure = next(i for i, r in enumerate(records) if r["type"] == "failure")
        assert records[failure - 1]["path"].endswith("c.txt")  # in its place, after c.txt
        [notice] = [n for r in files for n in r["notices"] if "longer than" in n]
        assert notice.startswith("2 segments longer than 2,000 characters (the longest: segment")
        assert len(plan_cuts((inputs / "a.txt").read_text(encoding="utf-8"), CHUNK)) > 10


# --- chunks: cut at line breaks, exactly the segments of the whole file -----------------------

LINES = st.lists(
    st.sampled_from(["Die Lockereung kam.", "Gut. Sehr gut!", "", "  ", "Wetterdienst", "x" * 30]),
    max_size=40,
)
BREAKS = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(LINES.map(" ".join), BREAKS), max_size=30), st.integers(1, 120))
def test_chunks_are_whole_lines_and_give_the_files_segments(parts, size: int) -> None:
    text = "".join(line + brk for line, brk in parts)
    items = list(chunk_items(text, 0, plan_cuts(text, size)))
    assert "".join(item.text for item in items) == text
    starts = {offset for offset, _ in iter_lines(text)} | {len(text)}
    segments = []
    for index, item in enumerate(items):
        assert item.chunk_index == index
        assert item.char_offset in starts  # never inside a line, nor inside a CRLF
        assert item.line_offset == sum(1 for o, _ in iter_lines(text) if o < item.char_offset)
        # at most `size` characters (one more when a CRLF straddles the cut), or one line
        single = "\n" not in item.text[:-2] and "\r" not in item.text[:-2]
        assert len(item.text) <= size + 1 or single
        for seg in segment_text(item.text).segments:
            segments.append(
                (
                    item.char_offset + seg.start,
                    item.char_offset + seg.end,
                    seg.text,
                    item.line_offset + seg.line,
                )
            )
    whole = [(s.start, s.end, s.text, s.line) for s in segment_text(text).segments]
    assert segments == whole


def test_a_report_in_small_chunks_locates_flags_as_one_chunk_does(
    inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WordChecker ignores `prepare`, so chunks may change nothing: not a segment number, span,
    line, column, sentence, notice or count."""
    loaded, failures = load_files(sorted(inputs.iterdir()))
    assert [Path(f.path).name for f in failures] == ["d.txt"]
    whole = build_report(loaded, WordChecker(KNOWN), failures)
    monkeypatch.setenv(CHUNK_CHARACTERS_ENV, "300")
    assert len(plan_cuts(loaded[0].text, 300)) > 30
    chunked = build_report(loaded, WordChecker(KNOWN), failures)
    assert chunked == whole
    assert whole.summary.flags > 100
    e = next(f for f in whole.files if f.path.endswith("e.txt"))
    assert any(n.startswith("2 segments longer than") for n in e.notices)


def test_flags_below_min_severity_are_left_out_but_make_the_exit_code(inputs: Path) -> None:
    loaded, _ = load_files([inputs / "a.txt"])
    events = list(report_events(loaded, _checking(KNOWN), min_severity=Severity.ERROR))
    shown = [f for e in events if isinstance(e, FileChunk) for f in e.flags]
    assert shown and {f.severity for f in shown} == {Severity.ERROR}
    [done] = [e for e in events if isinstance(e, FileDone)]
    assert done.worst == Severity.ERROR and done.counts.by_severity["warning"] == 0
    end = events[-1]
    assert isinstance(end, ReportEnd) and end.summary.flags == len(shown)
    report = collect_report(events)
    assert report.files[0].flags == tuple(shown)
    only_hints = {k: v for k, v in KNOWN.items() if v[1] == Severity.HINT}
    hints = list(report_events(loaded, _checking(only_hints), min_severity=Severity.ERROR))
    end = hints[-1]
    assert isinstance(end, ReportEnd) and end.summary.flags == 0
    assert end.worst == Severity.HINT
    assert end.exit_code("hint") == 1 and end.exit_code("warning") == 0


def _checking(known: dict):
    from review_app.batch.local import run_with_checker

    return lambda items: run_with_checker(items, WordChecker(known))


# --- inputs at scale ---------------------------------------------------------------------------


def test_files_from_a_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = make_inputs(tmp_path / "texts")
    listing = tmp_path / "list.txt"
    listing.write_text(
        "# the texts\n\ntexts/a.txt\r\n   \ntexts/missing.txt\n# texts/b.txt\ntexts/e.txt\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    code = main(["report", "--files-from", str(listing), "-f", "json", "-o", str(out), "-q"])
    assert code == 2
    assert one_line(capsys.readouterr().err) == (
        "review-app: error: texts/missing.txt: no such file or folder"
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["path"] for f in data["files"]] == ["texts/a.txt", "texts/e.txt"]
    assert data["failures"] == [
        {"path": "texts/missing.txt", "error": "texts/missing.txt: no such file or folder"}
    ]
    assert texts.is_dir()


def test_files_from_standard_input_with_paths_too(tmp_path: Path) -> None:
    make_inputs(tmp_path / "texts")
    result = subprocess.run(
        [*CLI, "report", "texts/c.txt", "--files-from", "-", "-f", "jsonl", "--fail-on=never"],
        input=b"texts/f.txt\n#texts/a.txt\ntexts/c.txt\n",
        env={**os.environ, **CHILD_ENV},
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [r["path"] for r in records if r["type"] == "file"] == ["texts/c.txt", "texts/f.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give the files to check: PATH ... or --files-from LIST"),
        (["a.txt", "--jobs", "0"], "argument -j/--jobs: expected a whole number of 1 or more"),
        (["a.txt", "--resume"], "--resume needs --format jsonl and -o FILE"),
        (["a.txt", "--resume", "-f", "jsonl"], "--resume needs --format jsonl and -o FILE"),
        (["-", "--files-from", "-"], "--files-from - and the path - cannot both read"),
        (["--files-from", "nope.txt"], "--files-from: nope.txt: no such file"),
    ],
)
def test_bad_options_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "a.txt").write_text("Ein Satz.\n", encoding="utf-8")
    try:
        code = main(["report", *args])
    except SystemExit as exc:  # argparse's errors
        code = exc.code
    assert code == 2
    assert message in one_line(capsys.readouterr().err)


def test_an_empty_list_and_unreadable_inputs_write_no_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "list.txt").write_text("# nothing yet\n\n", encoding="utf-8")
    assert main(["report", "--files-from", "list.txt"]) == 2
    assert "list.txt: no paths in it" in one_line(capsys.readouterr().err)
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 10)
    assert main(["report", "bin.txt", "-f", "jsonl", "-o", "r.jsonl"]) == 2
    assert re.search("bin.txt: binary file", one_line(capsys.readouterr().err))
    assert not (tmp_path / "r.jsonl").exists()


def test_failures_stand_where_their_file_stands(inputs: Path) -> None:
    loaded = sorted(inputs.iterdir())
    events = list(report_events(loaded, _checking(KNOWN)))
    order = [Path(e.path).name for e in events if isinstance(e, FileDone | FileFailure)]
    assert order == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]


def test_the_progress_bar_follows_the_workers(inputs: Path, tmp_path: Path) -> None:
    """On a terminal (a pty as stderr) the bar advances as the workers' results arrive."""
    import pty

    primary, secondary = pty.openpty()
    env = {**os.environ, **CHILD_ENV, CHUNK_CHARACTERS_ENV: str(CHUNK), "TERM": "xterm"}
    command = [*CLI, "report", str(inputs), "-f", "jsonl", "-o", "r.jsonl", "--jobs", "2"]
    child = subprocess.Popen(command, env={**env, "COLUMNS": "120"}, stderr=secondary)
    os.close(secondary)
    shown = bytearray()
    with contextlib.suppress(OSError):  # EIO once the child has closed the terminal
        while chunk := os.read(primary, 65536):
            shown += chunk
    os.close(primary)
    assert child.wait(timeout=300) == 2
    screen = shown.decode("utf-8", errors="replace")
    counts = [int(n.replace(",", "")) for n in re.findall(r"([\d,]+) segments", screen)]
    assert "checking" in screen and len(set(counts)) > 3  # drawn again and again
    assert max(counts) == sum(
        r["segments"] for r in map(json.loads, (tmp_path / "r.jsonl").open()) if r["type"] == "file"
    )
    assert "review-app: checker: offline" in screen
