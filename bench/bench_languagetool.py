"""How many requests and how long the LanguageTool checker takes for a 10,000-sentence document.

Usage: python bench/bench_languagetool.py [--sentences 10000] [--url URL]

Without --url it starts the LanguageTool-compatible test server (tests/lt_server.py) in a
child process, so the figures measure review-app's side (batching, UTF-16 mapping, the
language_tool_python client, the cache), not LanguageTool's own checking speed (about 160
German sentences/s per its authors). The sentences are the WMT24 machine translations in
../shared/corpora/wmt24-en-de/systems/, segmented, one per line.
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


def run(url: str, text: str) -> tuple[float, int, int]:
    """(seconds, /v2/check requests, flags) for one report-like run."""
    document = segment_text(text)
    started = time.perf_counter()
    checker = connect(LanguageToolSettings(url=url))
    flags = check_document(document, checker)
    elapsed = time.perf_counter() - started
    requests = checker.requests
    checker.close()
    return elapsed, requests, sum(len(f) for f in flags)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--url", help="a real LanguageTool server instead of the test server")
    args = parser.parse_args()
    text = "\n".join(sentences(args.sentences)) + "\n"
    segments = len(segment_text(text).segments)
    server = None
    url = args.url
    if url is None:
        server, url = start_server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["REVIEW_APP_CACHE_DIR"] = tmp
            first = run(url, text)
            second = run(url, text)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    print(f"server:      {'test server (tests/lt_server.py)' if args.url is None else url}")
    print(f"document:    {segments:,} sentences, {len(text.encode('utf-8')) / 1e6:.2f} MB")
    for name, (elapsed, requests, flags) in (("cold cache", first), ("warm cache", second)):
        print(
            f"{name}:  {requests} /v2/check requests (+1 GET /v2/languages), "
            f"{elapsed:.2f} s, {segments / elapsed:,.0f} sentences/s, {flags} flags"
        )


if __name__ == "__main__":
    main()
