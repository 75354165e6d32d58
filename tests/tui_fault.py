"""Run the review TUI on FILE exactly as `review-app review FILE` runs it (`run_app`, the CLI's
one-line error), with one fault added: the key `!` raises an unexpected error in a handler, or
with `--in-worker` in a worker thread. For the crash tests in tests/test_tui_safety.py, which
run this under a real terminal (a pty). Not a mock: the app, the journal and the crash handling
are the real ones; only the fault is added.

Usage: python -m tests.tui_fault FILE [--in-worker]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType

from review_app import cli
from review_app.commands.review import run_app
from review_app.errors import ReviewAppError
from review_app.review.opening import Review
from review_app.tui.app import ReviewApp
from tests.test_session_support import DictChecker

FAULT = "injected fault \x1b]0;PWNED\x07"


class FaultyApp(ReviewApp):
    CSS_PATH = str(Path(sys.modules[ReviewApp.__module__].__file__).with_name("app.tcss"))
    BINDINGS: ClassVar[list[BindingType]] = [
        *ReviewApp.BINDINGS,
        Binding("exclamation_mark", "fault", "Fault", priority=True),
    ]

    def __init__(self, *args, in_worker: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.in_worker = in_worker

    def action_fault(self) -> None:
        if self.in_worker:
            self.fail_in_worker()
        else:
            raise RuntimeError(FAULT)

    @work(thread=True, group="fault")
    def fail_in_worker(self) -> None:
        raise RuntimeError(FAULT)


def main(argv: list[str]) -> int:
    review = Review.open(Path(argv[0]))
    app = FaultyApp(review, DictChecker, resume=False, in_worker="--in-worker" in argv)
    try:
        return run_app(app)
    except ReviewAppError as exc:  # what review_app.cli.main does with it
        cli.fail(str(exc))
        return cli.EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
