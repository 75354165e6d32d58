"""The review session: the editor's actions, undo/redo, the journal and the saved revision."""

from review_app.review.actions import Action, Step
from review_app.review.opening import Review
from review_app.review.revision import OriginalChanged, OriginalMissing, Reviser, SavedRevision
from review_app.review.session import SegmentStatus, Session

__all__ = [
    "Action",
    "OriginalChanged",
    "OriginalMissing",
    "Review",
    "Reviser",
    "SavedRevision",
    "SegmentStatus",
    "Session",
    "Step",
]
