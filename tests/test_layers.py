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
    "review_app.report.stream",
    "review_app.batch.items",
    "review_app.batch.chunks",
    "review_app.batch.worker",
    "review_app.batch.local",
    "review_app.bilingual.model",
    "review_app.collector",
    "review_app.checking.rule",
    "review_app.bilingual.formats",
    "review_app.bilingual.document",
    "review_app.bilingual.opening",
    "review_app.qa",
    *(f"review_app.qa.{name}" for name in ("rules", "glossary", "names", "consistency")),
    # every rule module of the offline checker, as `review-app rules` and the engine load them
    "review_app.checking.offline.registry",
    *(
        f"review_app.checking.offline.{name}"
        for name in (
            "word_rules",
            "rules",
            "rules_typography",
            "rules_casing",
            "rules_compounds",
            "rules_agreement",
            "rules_objects",
            "rules_verbs",
            "rules_context",
        )
    ),
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
