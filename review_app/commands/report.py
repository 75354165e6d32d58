"""`review-app report PATH...`: a grammar report for many files, written as it is made.

Files are read here, cut into chunks and checked in worker processes (`--jobs`) or on a Dask
cluster (`--cluster`); the results come back in order and each format writes them as they
come, so memory does not grow with the corpus. The report is the same whatever does the work.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import BinaryIO, TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from review_app.batch.items import ChunkItem, ChunkResult
from review_app.batch.local import run_local, usable_cores
from review_app.checking.flag import Severity
from review_app.commands.common import (
    add_bilingual_arguments,
    add_checker_arguments,
    bilingual_options,
    settings_from_args,
    stdin_bytes,
)
from review_app.config import Settings
from review_app.document.textio import (
    STDIN,
    STDIN_ARGUMENT,
    StandardInput,
    Utf8Writer,
    cannot_write,
    overwritten_input,
    read_file_bytes,
    same_file_as_stream,
    write_output,
)
from review_app.document.visible import escaped
from review_app.errors import InputError, ReviewAppError
from review_app.report.build import (
    Source,
    collect_paths,
    paths_from_list,
    report_events,
    source_name,
)
from review_app.report.model import (
    Earlier,
    FileChunk,
    FileDone,
    FileFailure,
    ReportEnd,
    ReportEvent,
)
from review_app.report.render_html import HtmlWriter
from review_app.report.render_json import JsonWriter
from review_app.report.render_jsonl import JsonlWriter, read_earlier
from review_app.report.render_markdown import MarkdownWriter
from review_app.report.render_text import TextWriter, plain_console
from review_app.report.stream import ReportWriter, write_events

# Each writes the report as it is made: a file at a time (jsonl: a chunk at a time).
FORMATS: dict[str, Callable[[TextIO], ReportWriter]] = {
    "text": lambda out: TextWriter(plain_console(out)),
    "markdown": MarkdownWriter,
    "json": JsonWriter,
    "html": HtmlWriter,
    "jsonl": JsonlWriter,
}
PROGRESS_MIN_BYTES = 30_000  # about 300 sentences: smaller runs end before a bar helps
TEXT_WIDTH = 100
MAX_LIST_BYTES = 1024 * 1024 * 1024  # a --files-from list: a million paths is ~100 MB


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="check files and folders, write a grammar report",
        description="Check text and bilingual files (folders: every *.txt, *.text, *.md, *.xlf, "
        "*.xliff, *.po, *.tmx inside) and report the flags. Exit code: 0 no flag at or above "
        "--fail-on, 1 such flags, 2 failure.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders; - reads standard input"
    )
    parser.add_argument(
        "--files-from",
        metavar="LIST",
        help="also check the paths in LIST, one a line (- reads it from standard input; blank "
        "lines and lines starting with # are skipped)",
    )
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help="default: text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "hint", "never"),
        default=None,
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    parser.add_argument(
        "--min-severity",
        choices=("error", "warning", "hint"),
        default="hint",
        help="leave out flags below this severity (default: hint, show all)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        default=None,
        help="worker processes that check (default: the usable cores; 1: in this process)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="with --format jsonl -o FILE: skip the files FILE already reports, append the rest",
    )
    parser.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="check on the workers of a running Dask scheduler, e.g. tcp://host:8786",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no notices")
    add_checker_arguments(parser)
    add_bilingual_arguments(parser)
    parser.set_defaults(func=run)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def _refuse_overwriting_inputs(
    output: str, paths: Sequence[Source], stdin: BinaryIO | None
) -> None:
    hit = overwritten_input(output, [p for p in paths if isinstance(p, Path)])
    if hit is None and STDIN in paths and same_file_as_stream(output, stdin):
        hit = STDIN
    if hit is not None:
        raise ReviewAppError(
            f"{output}: would overwrite the input {hit}; write the report elsewhere"
        )


def _check_options(args: argparse.Namespace) -> None:
    if not args.paths and args.files_from is None:
        raise ReviewAppError("give the files to check: PATH ... or --files-from LIST")
    if args.files_from == STDIN_ARGUMENT and STDIN_ARGUMENT in args.paths:
        raise ReviewAppError("--files-from - and the path - cannot both read standard input")
    if args.resume and (args.format != "jsonl" or not args.output):
        raise ReviewAppError("--resume needs --format jsonl and -o FILE (the report to resume)")
    if args.cluster and args.jobs is not None:
        raise ReviewAppError("--jobs is for this machine; with --cluster the workers decide")
    if args.source is not None and (len(args.paths) != 1 or args.files_from is not None):
        raise ReviewAppError("--source pairs one target file with its source: give one PATH")


def _inputs(args: argparse.Namespace, stdin: BinaryIO | None) -> list[str | Path]:
    inputs: list[str | Path] = list(args.paths)
    if args.files_from is None:
        return inputs
    name = args.files_from
    try:
        if name == STDIN_ARGUMENT:
            if stdin is None:
                raise InputError("--files-from -: standard input is closed")
            data = stdin.read()
        else:
            data = read_file_bytes(name, MAX_LIST_BYTES)
    except InputError as exc:
        raise ReviewAppError(f"--files-from: {exc}") from None
    except OSError as exc:
        raise ReviewAppError(f"--files-from {name}: cannot read ({exc.strerror or exc})") from None
    inputs.extend(paths_from_list(data))
    if not inputs:
        raise ReviewAppError(f"--files-from {name}: no paths in it")
    return inputs


def _parallel_safe(settings: Settings) -> bool:
    """Whether worker processes may each build their own checker: not when that would start a
    LanguageTool server per worker (a local install) or multiply the public API's rate."""
    if settings.check.checker == "offline":
        return True
    languagetool = settings.languagetool
    if getattr(languagetool, "urls", None) or getattr(languagetool, "url", None):
        return True
    if languagetool.public_api:
        return False
    from review_app.checking.languagetool import local_install_available

    return local_install_available() is None


def _runner(
    args: argparse.Namespace, settings: Settings, jobs: int
) -> Callable[[Iterable[ChunkItem]], Iterator[ChunkResult]]:
    if args.cluster:
        from review_app.batch.cluster import run_on_cluster

        return lambda items: run_on_cluster(items, settings, args.cluster)
    return lambda items: run_local(items, settings, jobs)


def run(args: argparse.Namespace) -> int:
    _check_options(args)
    stdin = stdin_bytes()
    failures: list[FileFailure] = []
    paths = collect_paths(_inputs(args, stdin), failures)
    if args.output:
        _refuse_overwriting_inputs(args.output, paths, stdin)
    files = [p for p in paths if isinstance(p, Path)]
    settings = settings_from_args(args, start=files[0] if files else None)
    if args.output:  # the source and glossary files are inputs too
        also_read = [p for p in (args.source, settings.check.glossary) if p is not None]
        _refuse_overwriting_inputs(args.output, also_read, None)
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    earlier, keep = Earlier(), 0
    if args.resume:
        _require_resumable(args.output)
        earlier, keep = read_earlier(args.output)
    from review_app.bilingual.checks import qa_settings

    jobs = args.jobs or usable_cores()
    if jobs > 1 and not _parallel_safe(settings):
        jobs = 1
    skip = earlier.paths()
    todo = [p for p in paths if source_name(p) not in skip]
    sizes = _sizes(todo)
    show = not args.quiet and stderr.is_terminal and sum(sizes.values()) >= PROGRESS_MIN_BYTES
    with _progress(sum(sizes.values()), show) as advance:
        watch = _Watch(stderr, args.quiet, sizes, advance)
        events = watch(
            report_events(
                paths,
                _runner(args, settings, jobs),
                stdin=stdin,
                failures=failures,
                min_severity=Severity.parse(args.min_severity),
                earlier=earlier,
                bilingual=bilingual_options(args),
                qa=qa_settings(settings),
            )
        )
        head = _until_a_file(events)
        if isinstance(head[-1], ReportEnd) and not earlier.files:
            return 2  # no file could be read: no report (each failure has its line)
        end = _emit(chain(head, events), args, keep)
    if not args.quiet:  # after the report: a failed write is then the only line
        stderr.print(f"review-app: checker: {escaped(end.checker.description)}", markup=False)
    return end.exit_code(settings.check.fail_on)


def _until_a_file(events: Iterator[ReportEvent]) -> list[ReportEvent]:
    """The events up to the first that is not a failure (the run's first checked file, or
    the end when nothing could be read)."""
    head: list[ReportEvent] = []
    for event in events:
        head.append(event)
        if not isinstance(event, FileFailure):
            return head
    raise ValueError("the events ended before the report did")


def _sizes(paths: Sequence[Source]) -> dict[int, int]:
    """Bytes of each file (by position), for the progress bar; standard input counts 0."""
    sizes: dict[int, int] = {}
    for index, path in enumerate(paths):
        if isinstance(path, StandardInput):
            continue
        try:
            sizes[index] = os.stat(path).st_size
        except (OSError, ValueError):
            continue
    return sizes


@dataclass
class _Watch:
    """What the user sees on stderr while the report is made: failures and notices as they
    come, and the progress bar."""

    stderr: Console
    quiet: bool
    sizes: dict[int, int]
    advance: Callable[[float, int], None] | None
    said: set[str] = field(default_factory=set)
    _done: dict[int, float] = field(default_factory=dict)

    def __call__(self, events: Iterable[ReportEvent]) -> Iterator[ReportEvent]:
        for event in events:
            if isinstance(event, FileFailure):
                self.stderr.print(
                    f"review-app: error: {escaped(event.error)}", style="red", markup=False
                )
            elif isinstance(event, FileChunk):
                self._chunk(event)
            elif isinstance(event, FileDone) and not self.quiet:
                for notice in event.notices:
                    self.stderr.print(f"review-app: {escaped(notice)}", markup=False)
            yield event

    def _chunk(self, chunk: FileChunk) -> None:
        if not self.quiet:
            for notice in chunk.checker_notices:
                if notice not in self.said:
                    self.said.add(notice)
                    self.stderr.print(f"review-app: {escaped(notice)}", markup=False)
        if self.advance is not None:
            size = self.sizes.get(chunk.file_index, 0)
            share = size * chunk.done / chunk.characters if chunk.characters else size
            self.advance(share - self._done.get(chunk.file_index, 0.0), chunk.segments)
            self._done[chunk.file_index] = share


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[float, int], None] | None]:
    if not enabled:
        yield None
        return
    columns = (
        TextColumn("checking"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[segments]:,} segments"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("check", total=total, segments=0)
        checked = 0

        def advance(done: float, segments: int) -> None:
            nonlocal checked
            checked += segments
            progress.update(task, advance=done, segments=checked)

        yield advance


def _emit(events: Iterable[ReportEvent], args: argparse.Namespace, keep: int) -> ReportEnd:
    make = FORMATS[args.format]
    if args.format == "jsonl" and args.output:
        return _append_jsonl(events, args.output, keep, resuming=args.resume and keep > 0)
    if args.output:
        ends: list[ReportEnd] = []
        write_output(
            args.output,
            lambda handle: ends.append(write_events(events, make(Utf8Writer(handle)))),
        )
        return ends[0]
    if args.format == "text":
        console = Console(highlight=False)
        if not console.is_terminal:  # a pipe: the same width as a report written with -o
            console = Console(highlight=False, width=TEXT_WIDTH)
        return write_events(events, TextWriter(console))
    return write_events(events, make(sys.stdout))


def _require_resumable(output: str) -> None:
    try:
        mode = os.stat(output).st_mode
    except FileNotFoundError:
        return
    except (OSError, ValueError) as exc:
        raise ReviewAppError(f"{output}: cannot resume ({exc})") from None
    if not stat.S_ISREG(mode):
        raise ReviewAppError(f"{output}: --resume needs a regular file to append to")


def _append_jsonl(
    events: Iterable[ReportEvent], output: str, keep: int, resuming: bool
) -> ReportEnd:
    """The JSONL report written straight into `output` (not atomically: a killed run leaves
    its finished files there for --resume), after its first `keep` bytes."""
    try:
        if resuming:
            os.truncate(output, keep)
        handle = open(output, "a" if resuming else "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise cannot_write(output, exc) from None
    with handle:
        try:
            end = write_events(events, JsonlWriter(handle, resuming=resuming))
            handle.flush()
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                os.fsync(handle.fileno())
        except BrokenPipeError:
            raise
        except OSError as exc:
            if exc.filename is not None:  # not a write to `handle`
                raise
            raise cannot_write(output, exc) from None
    return end
