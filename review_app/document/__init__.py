"""The document: text read exactly, split into segments with character spans."""

from review_app.document.model import Document, Segment
from review_app.document.segment import segment_text
from review_app.document.textio import TextFile, read_text, write_atomic

__all__ = ["Document", "Segment", "TextFile", "read_text", "segment_text", "write_atomic"]
