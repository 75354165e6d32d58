"""Where the shared WMT24 corpus lies (../shared beside the checkout, as in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

WMT24 = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wmt24-en-de"

# Outside CI a checkout without ../shared skips these tests; in CI they must run.
needs_corpus = pytest.mark.skipif(
    not WMT24.is_dir() and os.environ.get("CI") != "true",
    reason="shared WMT24 corpus not present (../shared/corpora/wmt24-en-de)",
)
