"""`report --cluster tcp://HOST:8786`: the chunks checked by the workers of an existing Dask
scheduler, the results back in the items' order, as `run_local` gives them.

Only the report command imports this module, and only when --cluster is given; Dask itself is
imported inside `run_on_cluster`, so a local run never loads it. Dask is the engine: its
scheduler places the tasks; this module keeps a bounded number in flight and reads them in order.

What the workers need: review-app (the same version) and Dask installed, and the offline
dictionary, if one is configured, at the same absolute path. The accepted words travel with the
settings (see `settings_for_workers`), so the workers need none of the word files.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

import review_app
from review_app.batch.items import ChunkItem, ChunkResult
from review_app.batch.worker import check_item
from review_app.checking.wordlists import WordLists
from review_app.config import Settings, WordsSettings
from review_app.document.visible import escaped
from review_app.errors import ReviewAppError

IN_FLIGHT_PER_THREAD = 2  # one chunk being checked, one waiting on the worker
MIN_IN_FLIGHT = 4
WORKERS_TIMEOUT = 60.0  # seconds to wait for a scheduler without workers to get one
INSTALL_HINT = "pip install 'review-app[cluster]'"
# What a worker runs (the renderers run here only), and the data files among it.
WORKER_CODE = ("batch", "checking", "document", "config.py", "errors.py", "report/model.py")
CODE_SUFFIXES = (".py", ".tsv", ".txt", ".json")
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")  # Dask's, but for inproc (one process only)

# A Dask worker runs tasks on `--nthreads` threads of one process; the checker built for the
# process keeps per-document state between `prepare` and `check`, so its tasks take turns.
_CHECKER_TURN = threading.Lock()


def run_on_cluster(
    items: Iterable[ChunkItem], settings: Settings, address: str
) -> Iterator[ChunkResult]:
    """The ChunkResults of `items`, in their order, checked by the workers of the Dask
    scheduler at `address`. Connects at once (ReviewAppError when the scheduler cannot be
    reached or has no workers); `items` are read lazily, a bounded number in flight."""
    for_workers = settings_for_workers(settings)
    client = _connect(address)
    try:
        _check_workers(client, address, for_workers)
        # sent once: each worker then hands the same Settings object to every task it runs
        shipped = client.scatter(for_workers, broadcast=True, hash=False)
    except BaseException:
        client.close()
        raise
    return _in_order(client, items, shipped, _in_flight_limit(client), address)


def settings_for_workers(settings: Settings) -> Settings:
    """`settings` as a worker on another machine must see them: the accepted words (project
    list, accept file, personal dictionary) read here and sent as `accept`, so a worker reads
    no word file of its own (nor its user's personal dictionary); the dictionary path absolute."""
    words = WordLists.from_settings(settings.words)
    accepted = tuple(sorted(words.personal | words.project))
    shipped_words = WordsSettings(
        accept=accepted,
        accept_file=None,
        # not None (that would be the worker's own user dictionary): a path that is never a file
        personal_dictionary=Path(os.devnull),
    )
    dictionary = settings.offline.dictionary
    offline = settings.offline
    if dictionary is not None:
        offline = replace(offline, dictionary=Path(os.path.abspath(dictionary)))
    return replace(settings, words=shipped_words, offline=offline)


def check_on_worker(settings: Settings, item: ChunkItem) -> ChunkResult:
    """The task each worker runs (review_app must be importable there)."""
    with _CHECKER_TURN:
        return check_item(settings, item)


def worker_facts(dictionary: str | None) -> tuple[str, str, bool]:
    """Run on each worker before the first task: its review-app version and code digest, and
    whether the configured offline dictionary is there."""
    return review_app.__version__, code_digest(), dictionary is None or Path(dictionary).is_file()


def code_digest() -> str:
    """A digest of the code and data that decide a chunk's flags: equal on two machines, their
    reports are equal too (a version number does not change with every edit of a checkout)."""
    root = Path(review_app.__file__).parent
    digest = hashlib.sha256()
    for part in WORKER_CODE:
        top = root / part
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
                name = path.relative_to(root).as_posix()
                digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _connect(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise ReviewAppError(f"--cluster needs Dask on this machine: {INSTALL_HINT}") from None
    _check_address(address)
    try:
        return Client(address, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ReviewAppError(
            f"--cluster: cannot reach the Dask scheduler at {escaped(address)} ({_reason(exc)})"
        ) from None


def _check_address(address: str) -> None:
    """Refused here, not by Client: a Client that fails on its address lingers and stalls
    the interpreter's exit for a minute."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        host, port = parse_host_port(location)
    except ValueError:
        scheme, host, port = "", "", 0
    if scheme not in SCHEMES or not host or not 0 < port < 65536:
        raise ReviewAppError(
            f"--cluster {escaped(address)}: not a Dask scheduler address; expected "
            "tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786)"
        )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return escaped(text.splitlines()[0])


def _check_workers(client: Any, address: str, for_workers: Settings) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError:
        raise ReviewAppError(
            f"--cluster: the Dask scheduler at {escaped(address)} has no workers (waited "
            f"{WORKERS_TIMEOUT:g} s); start some with `dask worker {escaped(address)}`"
        ) from None
    path = for_workers.offline.dictionary
    dictionary = str(path) if path is not None else None
    facts = client.run(worker_facts, dictionary, on_error="return")
    here = code_digest()
    for name, answer in sorted(facts.items()):
        problem = _worker_problem(answer, here, dictionary)
        if problem:
            raise ReviewAppError(f"--cluster: worker {escaped(name)} {problem}")


def _worker_problem(answer: Any, here: str, dictionary: str | None) -> str:
    if isinstance(answer, BaseException):
        return f"cannot run review-app ({_reason(answer)}); install review-app on every worker"
    version, digest, has_dictionary = answer
    if (version, digest) != (review_app.__version__, here):
        theirs = f"{escaped(str(version))}, code {escaped(str(digest))}"
        return (
            f"runs another review-app ({theirs}) than this machine "
            f"({review_app.__version__}, code {here}); install the same one on every worker"
        )
    if not has_dictionary:
        return (
            f"has no dictionary at {escaped(str(dictionary))}; every worker needs the offline "
            "dictionary at the same path"
        )
    return ""


def _in_flight_limit(client: Any) -> int:
    threads = sum(client.nthreads().values())
    return max(MIN_IN_FLIGHT, IN_FLIGHT_PER_THREAD * threads)


def _in_order(
    client: Any, items: Iterable[ChunkItem], shipped: Any, limit: int, address: str
) -> Iterator[ChunkResult]:
    from distributed import KilledWorker

    pending: deque[tuple[ChunkItem, Any]] = deque()
    source = iter(items)
    try:
        while True:
            for item in islice(source, limit - len(pending)):
                future = client.submit(check_on_worker, shipped, item, pure=False)
                pending.append((item, future))
            if not pending:
                return
            item, future = pending.popleft()
            try:
                result = future.result()
            except KilledWorker:
                raise ReviewAppError(
                    f"--cluster: chunk {item.chunk_index + 1} of file {item.file_index + 1} "
                    "killed the workers that checked it (out of memory?)"
                ) from None
            except (OSError, CancelledError) as exc:  # Dask's FutureCancelledError is one
                raise ReviewAppError(
                    f"--cluster: lost the Dask scheduler at {escaped(address)} ({_reason(exc)})"
                ) from None
            future.release()
            yield result
    finally:
        if pending:
            client.cancel([future for _, future in pending])
        client.close()
