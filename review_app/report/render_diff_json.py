"""The diff as JSON. `version` is the schema version; bump it when a field changes meaning.

Written piece by piece (`write_diff_json`), one unit, sentence or correction a line, so the
diff of two huge files is never held whole in memory as a tree of objects or one string.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, TextIO

from review_app import __version__
from review_app.compare.model import Comparison, DiffOp, Score, SentencePair, Unit
from review_app.report.render_json import dumps, write_list

SCHEMA_VERSION = 1


def _score(score: Score) -> dict[str, Any]:
    return {
        "name": score.name,
        "value": score.value,
        "signature": score.signature,
        "detail": score.detail,
    }


def _op(op: DiffOp) -> dict[str, Any]:
    return {
        "tag": op.tag,
        "original_span": [op.a_start, op.a_end],
        "revised_span": [op.b_start, op.b_end],
        "original": op.a_text,
        "revised": op.b_text,
    }


def _sentence(pair: SentencePair) -> dict[str, Any]:
    s = pair.scores
    return {
        "index": pair.index,
        "unit": pair.unit,
        "kind": pair.kind,
        "original_segments": list(pair.original_segments),
        "revised_segments": list(pair.revised_segments),
        "original_span": list(pair.original_span),
        "revised_span": list(pair.revised_span),
        "original": pair.original_text,
        "revised": pair.revised_text,
        "source": pair.source,
        "unit_id": pair.unit_id,
        "scores": {"hter": s.hter, "chrf": s.chrf, "chrf++": s.chrf_pp, "bleu": s.bleu},
        "ter_edits": asdict(s.ter),
        "ops": [_op(op) for op in pair.ops],
    }


def _unit(unit: Unit) -> dict[str, Any]:
    return {
        "index": unit.index,
        "original_lines": list(unit.original_lines),
        "revised_lines": list(unit.revised_lines),
        "changed": unit.changed,
        "sentences": list(unit.sentences),
        "ter_edits": asdict(unit.ter),
    }


def _head(comparison: Comparison) -> dict[str, Any]:
    """Every field but the long lists (`_lists`)."""
    return {
        "version": SCHEMA_VERSION,
        "tool": f"review-app {__version__}",
        "original": asdict(comparison.original),
        "revised": asdict(comparison.revised),
        "line_mode": comparison.line_mode,
        "empty_revision": comparison.empty_revision,
        "notes": list(comparison.notes),
        "scores": [_score(s) for s in comparison.scores],
        "sentence_signatures": {s.name: s.signature for s in comparison.sentence_signatures},
        "counts": asdict(comparison.counts),
    }


def _lists(comparison: Comparison) -> dict[str, Iterable[dict[str, Any]]]:
    """The long lists, each made item by item as it is read."""
    return {
        "corrections": (asdict(c) for c in comparison.corrections),
        "units": (_unit(u) for u in comparison.units),
        "sentences": (_sentence(p) for p in comparison.sentences),
    }


def diff_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The whole diff as one JSON-ready dict (what `write_diff_json` writes)."""
    lists = {key: list(items) for key, items in _lists(comparison).items()}
    return {**_head(comparison), **lists}


def write_diff_json(comparison: Comparison, out: TextIO) -> None:
    """The diff as JSON into `out`; it reads back as `diff_to_dict(comparison)`."""
    head = dumps(_head(comparison))
    out.write(head[: head.rindex("}")].rstrip())
    for key, items in _lists(comparison).items():
        out.write(f',\n  "{key}": ')
        write_list(out, items, "  ")
    out.write("\n}\n")


def render_diff_json(comparison: Comparison) -> str:
    buffer = io.StringIO()
    write_diff_json(comparison, buffer)
    return buffer.getvalue()
