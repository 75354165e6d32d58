"""The core never imports the shells: no Textual, no rich, when the core is imported."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "review_app.document",
    "review_app.checking",
    "review_app.checking.run",
    "review_app.checking.wordlists",
    "review_app.config",
    "review_app.report.model",
    "review_app.report.build",
]
OPTIONAL_CORE = ["review_app.review", "review_app.compare", "review_app.checking.offline"]


def test_core_does_not_import_textual_or_rich() -> None:
    code = f"""
import importlib, importlib.util, sys
for name in {CORE_MODULES!r}:
    importlib.import_module(name)
for name in {OPTIONAL_CORE!r}:
    if importlib.util.find_spec(name) is not None:
        importlib.import_module(name)
bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))
print(','.join(bad))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
