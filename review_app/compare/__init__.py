"""Comparing an MT original with its revision: alignment, word diff, post-editing scores."""

from review_app.compare.build import compare_files, compare_texts
from review_app.compare.metrics import sentence_hter
from review_app.compare.model import Comparison, DiffOp, SentencePair, Unit
from review_app.compare.worddiff import word_diff

__all__ = [
    "Comparison",
    "DiffOp",
    "SentencePair",
    "Unit",
    "compare_files",
    "compare_texts",
    "sentence_hter",
    "word_diff",
]
