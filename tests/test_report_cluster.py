"""`report --cluster`: the same report through a real Dask cluster (a LocalCluster of two
worker processes on 127.0.0.1) as from a local run, byte for byte."""

from __future__ import annotations

import logging
import os
import pickle
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_app.batch.chunks import chunk_items, plan_cuts
from review_app.batch.cluster import run_on_cluster, settings_for_workers
from review_app.batch.items import ChunkItem, ChunkResult
from review_app.batch.local import run_local
from review_app.checking.wordlists import WordLists
from review_app.config import CheckSettings, OfflineSettings, Settings, WordsSettings
from review_app.errors import ReviewAppError
from tests.cli_support import isolate, one_line
from tests.shared_corpus import WMT24, needs_corpus

# the `test` extra installs Dask: in CI these tests must run
if os.environ.get("CI") == "true":
    import distributed
else:
    distributed = pytest.importorskip("distributed")
import dask  # installed with distributed

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "putin-nordkorea.mt.de.txt"
SYSTEMS = WMT24 / "systems"
CHUNK = "10000"  # characters: several chunks a file
OFFLINE = Settings(check=CheckSettings(checker="offline"), words=WordsSettings(accept=("Kim",)))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[distributed.LocalCluster]:
    """Two worker processes of one thread each, as `dask worker --nworkers 2 --nthreads 1`
    starts them; their config and cache folders are the test's."""
    home = tmp_path_factory.mktemp("workers")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("CONFIG", "CACHE", "LOG"):
            patch.setenv(f"REVIEW_APP_{name}_DIR", str(home / name.lower()))
        # without Dask's statistical profiler, as the README starts workers
        with (
            dask.config.set({"distributed.worker.profile.enabled": False}),
            distributed.LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                scheduler_port=0,
                dashboard_address="127.0.0.1:0",
                silence_logs=logging.ERROR,
            ) as local_cluster,
        ):
            yield local_cluster


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)
    monkeypatch.setenv("REVIEW_APP_CHUNK_CHARACTERS", CHUNK)
    # the checkout under test, also for a child process started outside it
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    )


def run_cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "review_app", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def wmt_files(folder: Path, names: tuple[str, ...], lines: int) -> list[Path]:
    """The first `lines` sentences of WMT24 systems (after the canary line) as files."""
    paths = []
    for name in names:
        text = (SYSTEMS / f"{name}.de.txt").read_text(encoding="utf-8")
        path = folder / f"{name}.txt"
        path.write_text("".join(text.splitlines(keepends=True)[1 : lines + 1]), encoding="utf-8")
        paths.append(path)
    return paths


def items_of(texts: list[str], size: int) -> list[ChunkItem]:
    return [
        item
        for index, text in enumerate(texts)
        for item in chunk_items(text, index, plan_cuts(text, size))
    ]


@needs_corpus
@pytest.mark.parametrize("form", ["json", "jsonl"])
def test_cluster_report_is_the_local_report_byte_for_byte(
    cluster: distributed.LocalCluster, tmp_path: Path, form: str
) -> None:
    first, second = wmt_files(tmp_path, ("GPT-4", "TSU-HITs"), lines=250)
    inputs = [str(first), str(tmp_path / "missing.txt"), str(SEED), str(second)]
    local = run_cli("report", *inputs, "-f", form, "-o", "local", "--jobs", "1")
    assert local.returncode == 2, local.stderr  # flags, and a file that could not be read
    address = cluster.scheduler_address
    remote = run_cli("report", *inputs, "-f", form, "-o", "cluster", "--cluster", address)
    assert (remote.returncode, remote.stderr) == (local.returncode, local.stderr)
    expected = (tmp_path / "local").read_bytes()
    assert (tmp_path / "cluster").read_bytes() == expected
    chunks = sum(len(plan_cuts(p.read_text(encoding="utf-8"), int(CHUNK))) for p in (first, second))
    assert chunks >= 8
    assert expected.count(b'"Lockereung"') >= 1  # the seed's known error is in the report


@pytest.fixture(scope="module")
def mixed() -> tuple[list[ChunkItem], list[ChunkResult]]:
    """Chunks of very different sizes (they finish out of order on two workers), and their
    results checked here, in one process."""
    texts = [SEED.read_text(encoding="utf-8") * times for times in (1, 6, 1, 3, 1)]
    items = items_of(texts, 3000)
    assert len(items) >= 15
    return items, list(run_local(items, OFFLINE, jobs=1))


def test_results_in_order_as_local_with_a_bounded_number_in_flight(
    cluster: distributed.LocalCluster, mixed: tuple[list[ChunkItem], list[ChunkResult]]
) -> None:
    items, expected = mixed
    drawn: list[int] = []

    def source() -> Iterator[ChunkItem]:
        for index, item in enumerate(items):
            drawn.append(index)
            yield item

    results = run_on_cluster(source(), OFFLINE, cluster.scheduler_address)
    first = next(results)
    in_flight_at_first = len(drawn)
    got = [first, *results]
    assert in_flight_at_first <= 4  # two per worker thread
    assert [(r.file_index, r.chunk_index) for r in got] == [
        (i.file_index, i.chunk_index) for i in items
    ]
    assert got == expected


def test_a_worker_of_two_threads_checks_one_chunk_at_a_time(
    mixed: tuple[list[ChunkItem], list[ChunkResult]],
) -> None:
    """`dask worker --nthreads 2`: both threads share the process's one checker."""
    items, expected = mixed
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=True,
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    ) as two_threads:
        assert list(run_on_cluster(items, OFFLINE, two_threads.scheduler_address)) == expected


def test_stopping_early_cancels_the_rest_and_closes_the_client(
    cluster: distributed.LocalCluster,
) -> None:
    scheduler = cluster.scheduler
    clients_before = set(scheduler.clients)
    items = items_of([SEED.read_text(encoding="utf-8") * 4], 2000)
    results = run_on_cluster(items, OFFLINE, cluster.scheduler_address)
    assert next(results).chunk_index == 0
    results.close()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (
        scheduler.tasks or set(scheduler.clients) != clients_before
    ):
        time.sleep(0.1)
    assert not scheduler.tasks
    assert set(scheduler.clients) == clients_before


def test_settings_reach_the_workers_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "dictionary.txt").write_text("Personalwort\n", encoding="utf-8")
    (tmp_path / "accept.txt").write_text("# project words\nProjektwort\n", encoding="utf-8")
    settings = Settings(
        offline=OfflineSettings(dictionary=Path("dicts/de_DE.dic")),
        words=WordsSettings(accept=("Listenwort",), accept_file=Path("accept.txt")),
        project_root=tmp_path,
    )
    shipped = pickle.loads(pickle.dumps(settings_for_workers(settings)))
    assert shipped.offline.dictionary == tmp_path / "dicts" / "de_DE.dic"
    assert shipped.project_root == tmp_path
    assert shipped.check == settings.check and shipped.languagetool == settings.languagetool
    # on a worker of another machine: other folders, another user's dictionary, no word file
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "config").mkdir(parents=True)
    (elsewhere / "config" / "dictionary.txt").write_text("Fremdwort\n", encoding="utf-8")
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(elsewhere / "config"))
    monkeypatch.chdir(elsewhere)
    words = WordLists.from_settings(shipped.words)
    for word in ("Personalwort", "Projektwort", "Listenwort"):
        assert words.accepts(word)
    assert not words.accepts("Fremdwort") and not words.accepts("# project words")


def test_local_report_imports_nothing_of_dask(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from review_app.cli import main\n"
        f"code = main(['report', {str(SEED)!r}, '-q', '-f', 'jsonl', '-o', 'r.jsonl'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
        "print(code, loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "1 []", result.stderr
    assert (tmp_path / "r.jsonl").stat().st_size > 0


def test_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path, monkeypatch) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "2s")
    address = f"tcp://127.0.0.1:{port}"
    result = run_cli("report", str(SEED), "-f", "jsonl", "-o", "r.jsonl", "--cluster", address)
    assert result.returncode == 2
    assert one_line(result.stderr).startswith(
        f"review-app: error: --cluster: cannot reach the Dask scheduler at {address} ("
    )
    assert not (tmp_path / "r.jsonl").exists()


@pytest.mark.parametrize("address", ["localhost", "http://localhost:8786", "tcp://host:99999"])
def test_not_a_scheduler_address_is_one_line_and_exit_2(address: str) -> None:
    started = time.monotonic()
    result = run_cli("report", str(SEED), "--cluster", address, timeout=60)
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        f"review-app: error: --cluster {address}: not a Dask scheduler address; expected "
        "tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786)"
    )
    assert time.monotonic() - started < 20  # no lingering client stalls the exit


def test_without_dask_the_cluster_option_says_what_to_install() -> None:
    script = (
        "import sys\n"
        "sys.modules['distributed'] = None  # as if Dask were not installed\n"
        "from review_app.cli import main\n"
        f"sys.exit(main(['report', {str(SEED)!r}, '--cluster', 'tcp://127.0.0.1:8786']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        "review-app: error: --cluster needs Dask on this machine: pip install 'review-app[cluster]'"
    )


def test_cluster_and_jobs_together_are_refused() -> None:
    result = run_cli("report", str(SEED), "--cluster", "tcp://127.0.0.1:8786", "--jobs", "2")
    assert result.returncode == 2
    assert "--jobs is for this machine" in one_line(result.stderr)


def test_a_worker_without_review_app_is_named(tmp_path: Path) -> None:
    """A real `dask worker` process in which review_app cannot be imported."""
    preload = tmp_path / "no_review_app.py"
    preload.write_text("import sys\nsys.modules['review_app'] = None\n", encoding="utf-8")
    with distributed.LocalCluster(
        n_workers=0,
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    ) as bare:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_worker",
                bare.scheduler_address,
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--no-dashboard",
                "--preload",
                str(preload),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with pytest.raises(ReviewAppError) as raised:
                list(
                    run_on_cluster(items_of(["Ein Satz.\n"], 100), OFFLINE, bare.scheduler_address)
                )
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    message = str(raised.value)
    assert message.startswith("--cluster: worker tcp://127.0.0.1:")
    assert "cannot run review-app" in message and "install review-app on every worker" in message
