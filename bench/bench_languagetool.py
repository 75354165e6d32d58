"""How many requests and how long the LanguageTool checker takes for a 10,000-sentence document.

Usage: python bench/bench_languagetool.py [--sentences 10000] [--servers 1] [--url URL ...]

Without --url it starts --servers LanguageTool-compatible test servers (tests/lt_server.py),
each in a child process, so the figures measure review-app's side (batching, UTF-16 mapping,
the HTTP client, the cache), not LanguageTool's own checking speed (about 160 German
sentences/s per its authors). With several servers it also prints the /v2/check requests each
server took (batches go to the servers in turn). The sentences are the WMT24 machine
translations in ../shared/corpora/wmt24-en-de/systems/, segmented, one per line.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SYSTEMS = ROOT.parent / "shared" / "corpora" / "wmt24-en-de" / "systems"

from review_app.checking.languagetool import connect  # noqa: E402
from review_app.checking.run import check_document  # noqa: E402
from review_app.config import LanguageToolSettings  # noqa: E402
from review_app.document.segment import segment_text  # noqa: E402


def sentences(count: int) -> list[str]:
    found: list[str] = []
    for path in sorted(SYSTEMS.glob("*.de.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()[1:]  # line 1: canary
        found.extend(s.text for s in segment_text("\n".join(lines)).segments)
    if len(found) < count:
        sys.exit(f"only {len(found)} sentences in {SYSTEMS}")
    return found[:count]


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "lt_server.py"), "--port", str(port)]
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, url
        except OSError:
            time.sleep(0.05)
    server.kill()
    sys.exit("test server did not start")


def run(urls: list[str], text: str) -> tuple[float, float, dict[str, int], int]:
    """(seconds, CPU seconds, /v2/check requests by server, flags) for one report-like run."""
    document = segment_text(text)
    started, cpu = time.perf_counter(), time.process_time()
    checker = connect(LanguageToolSettings(url=tuple(urls)))
    flags = check_document(document, checker)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    pool = checker.backend.client()
    by_server = dict(getattr(pool, "requests_by_server", {urls[0]: checker.requests}))
    checker.close()
    return elapsed, cpu, by_server, sum(len(f) for f in flags)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--servers", type=int, default=1, help="test servers to start")
    parser.add_argument(
        "--url", action="append", help="a real LanguageTool server (repeat for several)"
    )
    args = parser.parse_args()
    text = "\n".join(sentences(args.sentences)) + "\n"
    segments = len(segment_text(text).segments)
    started: list[subprocess.Popen[bytes]] = []
    urls = args.url or []
    try:
        if not urls:
            for _ in range(args.servers):
                server, url = start_server()
                started.append(server)
                urls.append(url)
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["REVIEW_APP_CACHE_DIR"] = tmp
            first = run(urls, text)
            second = run(urls, text)
    finally:
        for server in started:
            server.terminate()
            server.wait()
    where = f"{len(urls)} test server(s) (tests/lt_server.py)" if started else ", ".join(urls)
    print(f"servers:     {where}")
    print(f"document:    {segments:,} sentences, {len(text.encode('utf-8')) / 1e6:.2f} MB")
    for name, (elapsed, cpu, by_server, flags) in (("cold cache", first), ("warm cache", second)):
        requests = sum(by_server.values())
        print(
            f"{name}:  {requests} /v2/check requests (+1 GET /v2/languages a server), "
            f"{elapsed:.2f} s ({cpu:.2f} s CPU), {segments / elapsed:,.0f} sentences/s, "
            f"{flags} flags"
        )
        if len(by_server) > 1 and requests:
            counts = list(by_server.values())
            print(
                f"  by server: {', '.join(map(str, counts))} requests "
                f"(balance: busiest {max(counts) / (requests / len(counts)):.2f}x the mean)"
            )


if __name__ == "__main__":
    main()
