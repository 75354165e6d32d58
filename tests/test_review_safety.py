"""Nothing lost: the journal, the lock, the backup and saving against hostile files and faults.

Faults are real, never mocked objects of ours: a symbolic link planted at the journal's name, a
second process holding the lock, a journal deleted under a running session, damaged lines, a
file-size limit (RLIMIT_FSIZE, the same EFBIG a full quota gives) or a tiny tmpfs (ENOSPC) in a
child process, a read-only bind mount, names too long for the file system.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_app import cli
from review_app.checking.wordlists import WordLists
from review_app.errors import ReviewAppError
from review_app.review.journal import lock_path, read_journal, sidecar_path
from review_app.review.opening import Review
from review_app.review.revision import OriginalMissing
from tests.test_session import ACTION as SESSION_ACTION
from tests.test_session import LINES, check_pending, plan, state
from tests.test_session_support import SAMPLE, DictChecker, perform

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(folder))
    monkeypatch.setenv("REVIEW_APP_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def write_sample(folder: Path, text: str = SAMPLE, name: str = "article.txt") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def started(path: Path, **options) -> Review:
    review = Review.open(path, **options)
    review.start()
    return review


def run_python(code: str, tmp_path: Path, timeout: float = 120) -> dict:
    """Run `code` in a child process (from the repository); the JSON on its last stdout line."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "REVIEW_APP_CONFIG_DIR": str(tmp_path / "config")},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


# ----- 1. the journal is never followed through a symbolic link -----------------------------


@pytest.mark.parametrize("dangling", [False, True])
def test_journal_symlink_is_refused_and_its_target_untouched(tmp_path, capsys, dangling) -> None:
    path = write_sample(tmp_path)
    victim = tmp_path / "victim.conf"
    if not dangling:
        victim.write_bytes(b"precious = 1\n")
    sidecar_path(path).symlink_to(victim)
    code = cli.main(["review", str(path), "--checker", "offline"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "symbolic link" in err and "Traceback" not in err
    if dangling:
        assert not victim.exists()
    else:
        assert victim.read_bytes() == b"precious = 1\n"
    assert sidecar_path(path).is_symlink()
    assert not lock_path(sidecar_path(path)).exists()  # the lock was given back


def test_lock_file_symlink_is_refused(tmp_path, capsys) -> None:
    path = write_sample(tmp_path)
    victim = tmp_path / "victim.conf"
    victim.write_bytes(b"precious = 1\n")
    lock_path(sidecar_path(path)).symlink_to(victim)
    assert cli.main(["review", str(path), "--checker", "offline"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "symbolic link" in err
    assert victim.read_bytes() == b"precious = 1\n"


def test_journal_that_is_a_fifo_is_refused_without_blocking(tmp_path) -> None:
    path = write_sample(tmp_path)
    os.mkfifo(sidecar_path(path))
    with pytest.raises(ReviewAppError, match="not a regular file"):
        Review.open(path)


def test_symlink_swapped_in_during_the_session_is_moved_aside_not_followed(tmp_path) -> None:
    path = write_sample(tmp_path)
    victim = tmp_path / "victim.conf"
    victim.write_bytes(b"precious = 1\n")
    review = started(path)
    perform(review, review.session.plan_toggle_reviewed(0))
    sidecar_path(path).unlink()
    sidecar_path(path).symlink_to(victim)
    notices = perform(review, review.session.plan_toggle_reviewed(1))
    assert victim.read_bytes() == b"precious = 1\n"
    kept = tmp_path / ".article.txt.review-journal.replaced-1"
    assert kept.is_symlink() and os.readlink(kept) == str(victim)
    assert len(notices) == 1 and "replaced" in notices[0]
    assert len(read_journal(sidecar_path(path)).records) == 2
    review.close()


# ----- 2. --in-place: the original is replaced only after a backup that is on disk ------------

BIG = "Kurz.\n" + "Lang " * 20_000 + "Ende.\n"  # one 100 KB sentence


def test_failed_backup_refuses_the_save_and_the_next_save_backs_up_again(tmp_path) -> None:
    """A real write failure (EFBIG from a file-size limit, as on a full quota) hits the 100 KB
    backup; the 8-byte revision would fit, so saving without a backup would be seen."""
    path = write_sample(tmp_path, BIG)
    original = path.read_bytes()
    result = run_python(
        f"""
        import json, resource, signal
        from pathlib import Path
        from review_app.errors import ReviewAppError
        from review_app.review.opening import Review

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        review = Review.open(Path({str(path)!r}), in_place=True)
        review.start()
        index = next(i for i in range(len(review.session)) if "Lang" in review.session.text(i))
        review.perform(review.session.plan_edit(index, "Kurz."))
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, hard))
        errors = []
        for _ in range(2):
            try:
                review.save()
            except ReviewAppError as exc:
                errors.append(str(exc))
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
        saved = review.save()
        print(json.dumps({{"errors": errors, "backup": str(saved.backup)}}))
        """,
        tmp_path,
    )
    assert len(result["errors"]) == 2
    for error in result["errors"]:
        assert "not saved" in error and "backup" in error and "\n" not in error
    assert result["backup"] == str(tmp_path / "article.txt.orig")
    assert (tmp_path / "article.txt.orig").read_bytes() == original
    assert path.read_bytes() == b"Kurz.\nKurz.\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(("tmp", ".orig.1"))]
    assert leftovers == []


def test_backup_failure_leaves_the_original_byte_for_byte(tmp_path) -> None:
    """No backup can be written at all (its name is too long for the file system)."""
    name = "a" * 250 + ".txt"
    path = write_sample(tmp_path, "Eins. Zwei.\n", name=name)
    review = started(path, in_place=True)
    assert review.journal_path.parent == tmp_path / "config" / "journals"  # no room beside it
    perform(review, review.session.plan_edit(0, "Neu."))
    for _ in range(2):
        with pytest.raises(ReviewAppError, match="not saved: cannot write the backup") as info:
            review.save()
        assert "\n" not in str(info.value)
    assert path.read_bytes() == b"Eins. Zwei.\n"
    assert review.session.has_unsaved_changes
    review.close()


def test_backup_never_replaces_a_file_or_follows_a_link(tmp_path) -> None:
    path = write_sample(tmp_path, "Eins. Zwei.\n")
    (tmp_path / "article.txt.orig").mkdir()
    victim = tmp_path / "victim.conf"
    (tmp_path / "article.txt.orig.1").symlink_to(victim)  # dangling: must not be created
    review = started(path, in_place=True)
    perform(review, review.session.plan_edit(0, "Neu."))
    saved = review.save()
    assert saved.backup == tmp_path / "article.txt.orig.2"
    assert saved.backup.read_bytes() == b"Eins. Zwei.\n"
    assert not victim.exists() and (tmp_path / "article.txt.orig").is_dir()
    assert path.read_bytes() == b"Neu. Zwei.\n"
    review.close()


def test_a_deleted_backup_is_written_again_before_the_next_save(tmp_path) -> None:
    path = write_sample(tmp_path, "Eins. Zwei.\n")
    review = started(path, in_place=True)
    perform(review, review.session.plan_edit(0, "Neu."))
    backup = review.save().backup
    backup.unlink()
    perform(review, review.session.plan_edit(1, "Drei."))
    assert review.save().backup == backup
    assert backup.read_bytes() == b"Eins. Zwei.\n"  # the original as opened, not our revision
    assert path.read_bytes() == b"Neu. Drei.\n"
    review.close()


def test_someone_elses_version_is_backed_up_before_a_forced_save(tmp_path) -> None:
    path = write_sample(tmp_path, "Eins. Zwei.\n")
    review = started(path, in_place=True)
    perform(review, review.session.plan_edit(0, "Neu."))
    review.save()
    path.write_bytes(b"Fremd. Geaendert.\n")
    perform(review, review.session.plan_edit(1, "Drei."))
    review.save(force=True)
    assert (tmp_path / "article.txt.orig").read_bytes() == b"Eins. Zwei.\n"
    assert (tmp_path / "article.txt.orig.1").read_bytes() == b"Fremd. Geaendert.\n"
    assert path.read_bytes() == b"Neu. Drei.\n"
    review.close()


# ----- 3. one session per file -------------------------------------------------------------


def hold_lock(path: Path, tmp_path: Path) -> subprocess.Popen:
    """A second process with `path` open for review, holding its lock until killed."""
    code = f"""
        import time
        from pathlib import Path
        from review_app.review.opening import Review
        review = Review.open(Path({str(path)!r}))
        review.start()
        review.perform(review.session.plan_toggle_reviewed(0))
        print("ready", flush=True)
        time.sleep(120)
        """
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "REVIEW_APP_CONFIG_DIR": str(tmp_path / "config")},
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_second_session_learns_who_holds_the_file_and_changes_nothing(tmp_path) -> None:
    path = write_sample(tmp_path)
    holder = hold_lock(path, tmp_path)
    try:
        before = files(tmp_path)
        review = Review.open(path)
        assert review.read_only and review.pending is None
        who = review.locked_by
        assert who.pid == holder.pid and who.host and who.user and who.since
        assert f"process {holder.pid}" in who.describe()
        with pytest.raises(ReviewAppError, match="read-only"):
            review.start()
        with pytest.raises(ReviewAppError, match="read-only"):
            review.perform(review.session.plan_toggle_reviewed(1))
        with pytest.raises(ReviewAppError, match="read-only"):
            review.save()
        review.close()
        assert files(tmp_path) == before  # journal, lock, original: not a byte changed
        assert not review.session.is_reviewed(1)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
    # The holder died: the kernel gave its lock back, the file left behind is no lock.
    assert lock_path(sidecar_path(path)).exists()
    review = Review.open(path)
    assert not review.read_only and review.pending is not None
    assert review.start(resume=True) == 1 and review.session.is_reviewed(0)
    review.close()
    assert not lock_path(sidecar_path(path)).exists()


def test_lock_holder_text_from_the_file_is_shown_escaped(tmp_path) -> None:
    from review_app.review.lock import Holder

    holder = Holder.from_bytes(b'{"pid": 7, "user": "\\u001b]0;pwned\\u0007", "host": "[b]x"}')
    assert "\x1b" not in holder.describe() and "\x07" not in holder.describe()
    assert Holder.from_bytes(b"\xff garbage").describe() == "another review-app session"
    assert Holder.from_bytes(b'{"pid": true}').pid is None


# ----- 4. the journal deleted or replaced while the session runs -----------------------------


def test_journal_deleted_mid_session_is_written_again_and_resumes_everything(tmp_path) -> None:
    path = write_sample(tmp_path)
    review = started(path)
    session = review.session
    perform(review, session.plan_edit(0, "Erste Zeile ohne Fehler."))
    perform(review, session.plan_toggle_reviewed(2))
    perform(review, session.plan_undo())
    sidecar_path(path).unlink()
    notices = perform(review, session.plan_ignore_rule("DOUBLE_WORD"))
    assert len(notices) == 1 and "deleted" in notices[0] and "3 records" in notices[0]
    perform(review, session.plan_toggle_reviewed(4))
    expected = (state(session), session.done_actions, session.can_redo())
    review.close()

    again = Review.open(path)
    assert again.start(resume=True) == 4
    resumed = again.session
    assert (state(resumed), resumed.done_actions, resumed.can_redo()) == expected
    assert again.skipped_lines == 0
    again.close()


def test_journal_replaced_mid_session_keeps_both(tmp_path) -> None:
    path = write_sample(tmp_path)
    review = started(path)
    perform(review, review.session.plan_toggle_reviewed(0))
    stranger = tmp_path / "stranger"
    stranger.write_bytes(b"someone else's file\n")
    os.replace(stranger, sidecar_path(path))
    notices = perform(review, review.session.plan_toggle_reviewed(1))
    assert "replaced" in notices[0] and ".replaced-1" in notices[0]
    kept = tmp_path / ".article.txt.review-journal.replaced-1"
    assert kept.read_bytes() == b"someone else's file\n"
    assert len(read_journal(sidecar_path(path)).records) == 2
    review.close()


# ----- 5. damaged journals --------------------------------------------------------------------


def test_damaged_header_is_moved_aside_to_the_first_free_name(tmp_path) -> None:
    path = write_sample(tmp_path)
    journal = sidecar_path(path)
    (tmp_path / f"{journal.name}.damaged-1").write_bytes(b"older damage\n")
    journal.write_bytes(b"\x00\x00garbage header\n{}\n")
    review = Review.open(path)
    assert review.pending is None
    assert any("damaged-2" in n and "not its header" in n for n in review.notices)
    assert (tmp_path / f"{journal.name}.damaged-2").read_bytes() == b"\x00\x00garbage header\n{}\n"
    assert (tmp_path / f"{journal.name}.damaged-1").read_bytes() == b"older damage\n"
    review.start()
    assert read_journal(journal).records == []
    review.close()


def test_bad_lines_in_the_middle_cost_only_themselves(tmp_path) -> None:
    path = write_sample(tmp_path)
    review = started(path)
    perform(review, review.session.plan_toggle_reviewed(0))
    perform(review, review.session.plan_edit(1, "Neu."))
    review.close()
    journal = sidecar_path(path)
    lines = journal.read_bytes().splitlines(keepends=True)
    damaged = b"".join(
        [
            lines[0],
            lines[1],
            b'{"do": {"kind": "reviewed", "ind\n',  # torn in the middle (then more was written)
            b'{"do": {"kind": "change", "index": 1, "before": "wrong", "after": "x"}}\n',
            b'{"do": {"kind": "reviewed", "index": "3", "value": true}}\n',
            b"[1, 2, 3]\n",
            lines[2],
            b'{"do": {"kind": "reviewed", "index": 4, "va',  # torn last line: the crash case
        ]
    )
    journal.write_bytes(damaged)
    again = Review.open(path)
    assert again.pending is not None and again.pending.skipped == 3
    assert again.start(resume=True) == 2
    assert again.session.is_reviewed(0) and again.session.text(1) == "Neu."
    assert again.skipped_lines == 4  # 3 unreadable + 1 whose `before` is not the text
    assert any("4 lines" in n and "damaged-1" in n for n in again.take_notices())
    assert (tmp_path / f"{journal.name}.damaged-1").read_bytes() == damaged
    clean = read_journal(journal)
    assert clean.skipped == 0 and len(clean.records) == 2
    again.close()
    third = Review.open(path)
    third.start(resume=True)
    assert third.skipped_lines == 0 and third.session.text(1) == "Neu."
    third.close()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)
STEP_KEYS = {"do", "undo", "redo", "saved"}


def _broken(record: dict, how: int, n: int) -> dict:
    """A valid step record made invalid in one of several ways."""
    if "do" not in record:
        return [{"undo": "yes"}, {"redo": 1}, {"undo": True, "action": {"kind": 5}}][how % 3]
    action = dict(record["do"])
    choice = how % 5
    if choice == 2 and "index" in action:
        action["index"] = [-1, n + 5, "1", True][how // 5 % 4]
    elif choice == 3 and "before" in action:
        action["before"] += "\ufffe!"  # never a segment's text: fails at replay
    elif choice == 4:
        del action[next(k for k in action if k not in ("kind", "how"))]
    elif choice == 1:
        action["extra"] = 1
    else:
        action["kind"] = "nonsense"
    return {"do": action}


GARBAGE = st.one_of(
    st.binary(min_size=1, max_size=40).filter(lambda b: b"\n" not in b and b.strip()),
    JSON_VALUES.filter(lambda v: not (isinstance(v, dict) and STEP_KEYS & v.keys())).map(
        lambda v: json.dumps(v).encode()
    ),
    st.integers(0, 10_000).map(lambda k: ("broken", k)),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=LINES,
    actions=st.lists(SESSION_ACTION, max_size=20),
    garbage=st.lists(st.tuples(st.integers(0, 40), GARBAGE), max_size=12),
)
def test_garbage_lines_never_raise_and_keep_every_valid_action(
    tmp_path_factory, lines, actions, garbage
) -> None:
    folder = tmp_path_factory.mktemp("journal")
    text = "\n".join(lines) + "\n"
    path = write_sample(folder, text)
    checker = DictChecker()
    first = started(path)
    live = first.session
    check_pending(live, checker)
    records = []
    for action in actions:
        step = plan(live, action, checker)
        if step is not None:
            records.append(step.record())
            live.commit(step)
    first.close()
    journal = sidecar_path(path)
    out = [journal.read_bytes().splitlines(keepends=True)[0]]
    valid = [json.dumps(r).encode() + b"\n" for r in records]
    inserted = 0
    for position in range(len(valid) + 1):
        for where, junk in garbage:
            if where % (len(valid) + 1) == position:
                if isinstance(junk, tuple):
                    if not records:
                        continue
                    broken = _broken(records[junk[1] % len(records)], junk[1], 50)
                    junk = json.dumps(broken).encode()
                out.append(junk + b"\n")
                inserted += 1
        if position < len(valid):
            out.append(valid[position])
    journal.write_bytes(b"".join(out))

    again = Review.open(path)
    if records:
        again.start(resume=True)
    else:
        again.start(resume=False)
    replayed = again.session
    check_pending(replayed, checker)
    check_pending(live, checker)
    assert state(replayed) == state(live)
    assert replayed.can_undo() == live.can_undo() and replayed.can_redo() == live.can_redo()
    if records:
        assert again.skipped_lines == inserted
    again.close()


# ----- 6. journal first, then the change; a failed write changes nothing ---------------------

FULL_JOURNAL = """
    import json, resource, signal
    from pathlib import Path
    from review_app.errors import ReviewAppError
    from review_app.review.journal import read_journal
    from review_app.review.opening import Review

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    path = Path({path!r})
    review = Review.open(path)
    review.start()
    session = review.session
    review.perform(session.plan_edit(0, "Vorher."))
    journal = review.journal_path
    size = journal.stat().st_size
    texts = [session.text(i) for i in range(len(session))]
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 10, hard))  # room for 10 bytes only
    errors = []
    for step in (session.plan_edit(1, "Nachher."), session.plan_toggle_reviewed(2),
                 session.plan_undo()):
        try:
            review.perform(step)
        except ReviewAppError as exc:
            errors.append(str(exc))
    unchanged = [session.text(i) for i in range(len(session))] == texts
    out = {{
        "errors": errors,
        "unchanged": unchanged and not session.is_reviewed(2) and session.can_undo(),
        "journal_size_kept": journal.stat().st_size == size,
    }}
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
    review.perform(session.plan_edit(1, "Nachher."))
    review.close()
    contents = read_journal(journal)
    out["records"] = len(contents.records)
    out["skipped"] = contents.skipped
    print(json.dumps(out))
"""


def test_full_disk_journal_write_changes_nothing(tmp_path) -> None:
    path = write_sample(tmp_path)
    result = run_python(FULL_JOURNAL.format(path=str(path)), tmp_path)
    assert len(result["errors"]) == 3
    for error in result["errors"]:
        assert "cannot write the review journal" in error and "File too large" in error
    assert result["unchanged"] and result["journal_size_kept"]
    assert result["records"] == 2 and result["skipped"] == 0  # no half line left behind
    again = Review.open(path)
    again.start(resume=True)
    assert again.session.text(0) == "Vorher." and again.session.text(1) == "Nachher."
    again.close()


def unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=4k tmpfs /mnt && umount /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(
    not unshare_works(), reason="needs a private mount namespace (unshare -m, mount)"
)


def private_mount_run(
    setup: str, python_args: list[str], tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    """Python with `python_args` in a child process with its own mounts, made by `setup`."""
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", f'{setup} && exec "$0" "$@"', sys.executable, *python_args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "REVIEW_APP_CONFIG_DIR": str(tmp_path / "config")},
    )


def in_private_mount(setup: str, code: str, tmp_path: Path) -> dict:
    """Run `code` with its own mounts; the JSON on its last stdout line."""
    result = private_mount_run(setup, ["-c", textwrap.dedent(code)], tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@needs_mounts
def test_really_full_disk_journal_write_changes_nothing(tmp_path) -> None:
    """A 64 KB tmpfs filled up (ENOSPC), in a private mount namespace."""
    disk = tmp_path / "disk"
    disk.mkdir()
    code = f"""
        import json, os
        from pathlib import Path
        from review_app.errors import ReviewAppError
        from review_app.review.opening import Review

        path = Path({str(disk / "article.txt")!r})
        path.write_text({SAMPLE!r}, encoding="utf-8")
        review = Review.open(path)
        review.start()
        session = review.session
        filler = path.with_name("filler")
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"x" * 512)
        except OSError:
            os.close(fd)
        error = ""
        try:
            review.perform(session.plan_edit(0, "Neu." * 1000))
        except ReviewAppError as exc:
            error = str(exc)
        unchanged = session.text(0) != "Neu." * 1000 and not session.can_undo()
        filler.unlink()
        review.perform(session.plan_edit(0, "Neu."))
        print(json.dumps({{"error": error, "unchanged": unchanged,
                          "text": session.text(0)}}))
        """
    result = in_private_mount(f"mount -t tmpfs -o size=64k tmpfs {disk}", code, tmp_path)
    assert "No space left on device" in result["error"] and "\n" not in result["error"]
    assert result["unchanged"] and result["text"] == "Neu."


def test_dictionary_is_written_by_the_shell_and_a_failure_is_a_notice(tmp_path) -> None:
    path = write_sample(tmp_path, "Fehlre hier. Und Fehlre da.\n")
    good = WordLists(personal_path=tmp_path / "dict" / "d.txt", personal=set(), project=set())
    review = Review.open(path, words=good)
    review.start()
    check_pending(review.session, DictChecker())
    assert perform(review, review.session.plan_add_word("Fehlre")) == []
    assert (tmp_path / "dict" / "d.txt").read_bytes() == b"Fehlre\n"
    assert perform(review, review.session.plan_undo()) == []
    assert (tmp_path / "dict" / "d.txt").read_bytes() == b""
    review.close()

    (tmp_path / "not-a-folder").write_bytes(b"")
    blocked = tmp_path / "not-a-folder" / "d.txt"  # its folder is a file: a real failure
    words = WordLists(personal_path=blocked, personal=set(), project=set())
    review = Review.open(path, words=words)
    review.start(resume=False)
    check_pending(review.session, DictChecker())
    notices = perform(review, review.session.plan_add_word("Fehlre"))
    assert len(notices) == 1 and "cannot write your dictionary" in notices[0]
    assert "Fehlre" in review.session.added_words and review.session.open_flags_total == 0
    assert words.accepts("Fehlre")  # for this session
    assert read_journal(sidecar_path(path)).records[-1]["do"]["word"] == "Fehlre"
    review.close()


def test_resume_writes_words_a_crash_kept_out_of_the_dictionary(tmp_path) -> None:
    path = write_sample(tmp_path, "Fehlre hier.\n")
    journal = sidecar_path(path)
    review = started(path)
    perform(review, review.session.plan_add_word("Fehlre"))  # no WordLists: no dictionary
    review.close()
    words = WordLists(personal_path=tmp_path / "d.txt", personal=set(), project=set())
    again = Review.open(path, words=words)
    again.start(resume=True)
    assert (tmp_path / "d.txt").read_bytes() == b"Fehlre\n"
    assert journal.exists()
    again.close()


# ----- 7. --fresh where the old journal cannot be moved; the original deleted -----------------


@needs_mounts
def test_fresh_when_the_old_journal_cannot_be_moved_is_one_line(tmp_path) -> None:
    """A real failure: a file mounted over the journal cannot be renamed (EBUSY)."""
    path = write_sample(tmp_path)
    review = started(path)
    perform(review, review.session.plan_toggle_reviewed(0))
    review.close()
    journal = sidecar_path(path)
    before = journal.read_bytes()
    pin = tmp_path / "pin"
    pin.write_bytes(before)
    result = private_mount_run(
        f"mount --bind {pin} {journal}",
        ["-m", "review_app", "review", "--fresh", str(path), "--checker", "offline"],
        tmp_path,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""  # no screen
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "cannot move the old review journal aside" in result.stderr
    assert journal.read_bytes() == before and pin.read_bytes() == before


def read_only_folder(tmp_path: Path, monkeypatch) -> Path:
    """A folder with a journal of earlier work, then seen as read-only (os.access says so,
    as it does for a read-only mount; root may write anywhere otherwise)."""
    path = write_sample(tmp_path)
    review = started(path)
    perform(review, review.session.plan_toggle_reviewed(2))
    review.close()
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    return path


def test_fresh_in_a_read_only_folder_leaves_the_old_journal_there(tmp_path, monkeypatch) -> None:
    path = read_only_folder(tmp_path, monkeypatch)
    before = sidecar_path(path).read_bytes()
    review = Review.open(path)
    assert review.pending is not None  # the earlier work is offered
    review.start(resume=False)
    assert review.journal_path.parent == tmp_path / "config" / "journals"
    assert any("stays where it is" in n for n in review.take_notices())
    assert sidecar_path(path).read_bytes() == before
    review.close()


def test_resume_in_a_read_only_folder_continues_in_the_config_folder(tmp_path, monkeypatch):
    path = read_only_folder(tmp_path, monkeypatch)
    review = Review.open(path)
    assert review.start(resume=True) == 1
    perform(review, review.session.plan_toggle_reviewed(3))
    review.close()
    again = Review.open(path)
    assert again.pending.path == again.journal_path  # the config folder's journal now
    again.start(resume=True)
    assert again.session.is_reviewed(2) and again.session.is_reviewed(3)
    again.close()


@needs_mounts
def test_fresh_in_a_really_read_only_folder(tmp_path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = write_sample(folder)
    review = started(path)
    perform(review, review.session.plan_toggle_reviewed(2))
    review.close()
    before = files(folder)
    code = f"""
        import json
        from pathlib import Path
        from review_app.review.opening import Review
        review = Review.open(Path({str(path)!r}))
        offered = review.pending is not None
        review.start(resume=False)
        review.perform(review.session.plan_toggle_reviewed(1))
        print(json.dumps({{"offered": offered, "journal": str(review.journal_path),
                          "notices": review.take_notices()}}))
        review.close()
        """
    setup = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder}"
    result = in_private_mount(setup, code, tmp_path)
    assert result["offered"]
    assert result["journal"].startswith(str(tmp_path / "config" / "journals"))
    assert any("stays where it is" in n for n in result["notices"])
    assert files(folder) == before


def test_in_place_with_the_original_deleted_saves_elsewhere(tmp_path) -> None:
    path = write_sample(tmp_path, "Eins. Zwei.\n")
    review = started(path, in_place=True)
    perform(review, review.session.plan_edit(0, "Neu."))
    path.unlink()
    with pytest.raises(OriginalMissing, match="is gone"):
        review.save()
    elsewhere = tmp_path / "rescued.txt"
    saved = review.save_as(elsewhere, force=True)
    assert saved.path == elsewhere and elsewhere.read_bytes() == b"Neu. Zwei.\n"
    assert not path.exists() and saved.backup is None
    perform(review, review.session.plan_edit(1, "Drei."))
    assert review.save(force=True).path == elsewhere  # and there from now on
    assert elsewhere.read_bytes() == b"Neu. Drei.\n"
    review.close()
