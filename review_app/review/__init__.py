"""The review session: the editor's actions, undo/redo, the journal and the saved revision."""

from review_app.review.actions import Action
from review_app.review.opening import Review
from review_app.review.revision import OriginalChanged, Reviser, SavedRevision
from review_app.review.session import SegmentStatus, Session

__all__ = [
    "Action",
    "OriginalChanged",
    "Review",
    "Reviser",
    "SavedRevision",
    "SegmentStatus",
    "Session",
]
