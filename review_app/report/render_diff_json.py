"""The diff as JSON. `version` is the schema version; bump it when a field changes meaning."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from review_app import __version__
from review_app.compare.model import Comparison, DiffOp, Score, SentencePair, Unit
from review_app.report.render_json import dumps

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


def diff_to_dict(comparison: Comparison) -> dict[str, Any]:
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
        "corrections": [asdict(c) for c in comparison.corrections],
        "units": [_unit(u) for u in comparison.units],
        "sentences": [_sentence(p) for p in comparison.sentences],
    }


def render_diff_json(comparison: Comparison) -> str:
    return dumps(diff_to_dict(comparison))
