"""Opening a large file on its first lines, then growing to the whole document."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.document.segment import segment_text
from review_app.errors import ReviewAppError
from review_app.review.opening import Review
from review_app.review.session import Session
from tests.test_session_support import perform

SEED = Path(__file__).resolve().parents[1] / "corpus" / "putin-nordkorea.mt.de.txt"


@settings(max_examples=25, deadline=None)
@given(chars=st.integers(1, 5000), crlf=st.booleans())
def test_head_plus_rest_is_the_whole_segmentation(tmp_path_factory, chars, crlf) -> None:
    text = SEED.read_text(encoding="utf-8")
    if crlf:
        text = text.replace("\n", "\r\n")
    path = tmp_path_factory.mktemp("grow") / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    review = Review.open(path, preview_chars=chars)
    whole = segment_text(text)
    if review.loaded:
        assert review.document == whole
        return
    assert len(review.document) < len(whole)
    document = review.segment_rest()
    assert document == whole
    review.grow(document)
    assert review.loaded and len(review.session) == len(whole)


def test_session_extend_keeps_state_and_checks_rest(tmp_path) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    review = Review.open(path, preview_chars=600)
    review.start()
    session = review.session
    head = len(session)
    perform(review, session.plan_edit(0, "Neu."))
    perform(review, session.plan_toggle_reviewed(1))
    with pytest.raises(ReviewAppError, match="still being read"):
        review.save()
    review.grow(review.segment_rest())
    assert len(session) > head
    assert session.text(0) == "Neu." and session.is_reviewed(1)
    assert not session.is_checked(head)
    assert head in set(session.needs_check())
    assert review.save().path.read_text(encoding="utf-8") == text.replace("zum Inhalt", "Neu.", 1)


def test_extend_refuses_another_document() -> None:
    session = Session(segment_text("Eins. Zwei.\n"))
    with pytest.raises(ValueError):
        session.extend(segment_text("Drei. Vier. Fünf.\n"))
