"""The review journal: fsync'd JSON lines, resume, torn lines, changed originals, kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from review_app.review.journal import Journal, journal_path, read_journal, sidecar_path
from review_app.review.opening import Review
from tests.test_session import check_pending
from tests.test_session_support import SAMPLE, DictChecker, perform


def write_sample(tmp_path: Path, text: str = SAMPLE) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_sidecar_beside_the_file(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    assert journal_path(path) == tmp_path / ".article.txt.review-journal"


def test_every_action_is_on_disk_at_once_and_resumes(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    review = Review.open(path)
    assert review.pending is None
    review.start()
    check_pending(review.session, DictChecker())
    perform(review, review.session.plan_edit(0, "Erste Zeile ohne Fehler."))
    perform(review, review.session.plan_toggle_reviewed(2))
    perform(review, review.session.plan_ignore_rule("DOUBLE_WORD"))
    perform(review, review.session.plan_undo())
    # on disk before close(): the process could die here
    lines = sidecar_path(path).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["journal"] == 1
    assert len(lines) == 5
    review.close()

    again = Review.open(path)
    assert again.pending is not None and again.pending.has_work
    assert again.start(resume=True) == 3
    session = again.session
    assert session.text(0) == "Erste Zeile ohne Fehler."
    assert session.is_reviewed(2)
    assert session.ignored_rules == frozenset()
    assert session.can_redo()
    perform(again, session.plan_redo())
    last = json.loads(sidecar_path(path).read_text().splitlines()[-1])
    assert last == {"redo": True, "action": {"kind": "ignore_rule", "rule_id": "DOUBLE_WORD"}}


def test_start_fresh_keeps_old_journal_aside(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    review = Review.open(path)
    review.start()
    perform(review, review.session.plan_toggle_reviewed(0))
    review.close()
    again = Review.open(path)
    again.start(resume=False)
    assert not again.session.is_reviewed(0)
    kept = [p.name for p in tmp_path.iterdir() if ".review-journal.discarded-" in p.name]
    assert len(kept) == 1
    assert read_journal(sidecar_path(path)).records == []


def test_changed_original_is_not_resumed(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    review = Review.open(path)
    review.start()
    perform(review, review.session.plan_toggle_reviewed(0))
    review.close()
    path.write_bytes(SAMPLE.replace("Fehlre", "Fehler").encode("utf-8"))
    again = Review.open(path)
    assert again.pending is None
    assert any("changed since" in notice for notice in again.notices)
    assert any(".review-journal.stale-" in p.name for p in tmp_path.iterdir())


def test_torn_last_line_is_ignored_and_cut(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    review = Review.open(path)
    review.start()
    perform(review, review.session.plan_toggle_reviewed(1))
    review.close()
    with sidecar_path(path).open("ab") as handle:
        handle.write(b'{"do":{"kind":"reviewed","ind')
    contents = read_journal(sidecar_path(path))
    assert len(contents.records) == 1 and contents.skipped == 0
    journal = Journal.reopen(contents)
    journal.append({"undo": True})
    journal.close()
    again = read_journal(sidecar_path(path))
    assert len(again.records) == 2 and again.skipped == 0


def test_header_only_journal_is_not_offered(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    first = Review.open(path)
    first.start()
    first.close()
    assert Review.open(path).pending is None


def test_kill_9_loses_nothing(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    script = f"""
import sys, time
from pathlib import Path
from review_app.review.opening import Review
review = Review.open(Path({str(path)!r}))
review.start()
review.perform(review.session.plan_edit(0, "Gerettet."))
review.perform(review.session.plan_toggle_reviewed(3))
print("done", flush=True)
time.sleep(60)
"""
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert proc.stdout.readline().strip() == "done"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    time.sleep(0.05)
    review = Review.open(path)
    review.start(resume=True)
    assert review.session.text(0) == "Gerettet."
    assert review.session.is_reviewed(3)


def test_in_place_save_then_reopen_starts_fresh_on_the_revision(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    review = Review.open(path, in_place=True)
    review.start()
    perform(review, review.session.plan_edit(0, "Erste Zeile ohne Fehler."))
    review.save()
    review.close()
    again = Review.open(path)
    assert again.pending is None
    assert any("saved in place" in notice for notice in again.notices)
    assert any(".review-journal.done-" in p.name for p in tmp_path.iterdir())
    assert again.session.text(0) == "Erste Zeile ohne Fehler."


def test_unwritable_folder_uses_the_config_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(tmp_path / "config"))
    path = write_sample(tmp_path)
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)  # as for a read-only folder
    where = journal_path(path)
    assert where.parent == tmp_path / "config" / "journals"
    assert where.name.startswith("article.txt.") and where.name.endswith(".review-journal")
    review = Review.open(path)
    review.start()
    perform(review, review.session.plan_toggle_reviewed(0))
    review.close()
    assert Review.open(path).pending is not None
