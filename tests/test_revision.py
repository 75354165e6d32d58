"""Saving the revision: exact bytes outside edits, atomic, never over the original by default."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_app.document.segment import segment_text
from review_app.document.textio import read_text
from review_app.errors import ReviewAppError
from review_app.review.opening import Review
from review_app.review.revision import OriginalChanged, Reviser, revised_path
from tests.test_session_support import perform

SEED = Path(__file__).resolve().parents[1] / "corpus" / "putin-nordkorea.mt.de.txt"


def test_revised_path_names() -> None:
    original = Path("/x/article.de.txt")
    assert revised_path(original) == Path("/x/article.de.revised.txt")
    assert revised_path(original, Path("/y/out.txt")) == Path("/y/out.txt")
    assert revised_path(original, in_place=True) == original
    with pytest.raises(ReviewAppError, match="in-place"):
        revised_path(original, Path("/x/article.de.txt"))


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("utf-8", "\n", b""), ("utf-8", "\r\n", codecs.BOM_UTF8), ("cp1252", "\r\n", b"")],
)
def test_untouched_and_edited_saves_keep_bytes(tmp_path, encoding, newline, bom) -> None:
    text = ("Grüße „aus“ Köln.  Zweiter Satz.\n\n\n  Eingerückt: Trotzdessen.\t\nEnde.").replace(
        "\n", newline
    )
    path = tmp_path / "a.txt"
    original = bom + text.encode(encoding)
    path.write_bytes(original)
    review = Review.open(path)
    review.start()
    saved = review.save()
    assert saved.path == tmp_path / "a.revised.txt"
    assert saved.path.read_bytes() == original
    index = next(i for i, s in enumerate(review.document.segments) if "Trotzdessen" in s.text)
    fixed = review.session.text(index).replace("Trotzdessen", "Trotzdem")
    perform(review, review.session.plan_edit(index, fixed))
    review.save()
    expected = bom + text.replace("Trotzdessen", "Trotzdem").encode(encoding)
    assert saved.path.read_bytes() == expected
    assert path.read_bytes() == original


def test_typed_line_break_gets_the_files_newline(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Eins. Zwei.\r\nDrei.\r\n")
    review = Review.open(path)
    review.start()
    perform(review, review.session.plan_edit(0, "Eins.\nNeu."))
    assert review.save().path.read_bytes() == b"Eins.\r\nNeu. Zwei.\r\nDrei.\r\n"


def test_unencodable_character_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Grüße aus Köln, schöne Straße. Ende der Übung.\n".encode("cp1252"))
    review = Review.open(path)
    review.start()
    assert review.textfile.encoding == "cp1252"
    perform(review, review.session.plan_edit(0, "Grüße 🙂."))
    with pytest.raises(ReviewAppError, match="cp1252"):
        review.save()


def test_changed_original_is_detected_before_saving(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Eins. Zwei.\n", encoding="utf-8")
    review = Review.open(path)
    review.start()
    perform(review, review.session.plan_edit(0, "Neu."))
    path.write_text("Eins. Zwei. Drei.\n", encoding="utf-8")
    with pytest.raises(OriginalChanged, match="changed on disk"):
        review.save()
    assert not (tmp_path / "a.revised.txt").exists()
    assert review.session.has_unsaved_changes
    review.save(force=True)
    assert (tmp_path / "a.revised.txt").read_text(encoding="utf-8") == "Neu. Zwei.\n"


def test_in_place_keeps_a_backup_first(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Eins. Zwei.\n", encoding="utf-8")
    review = Review.open(path, in_place=True)
    review.start()
    perform(review, review.session.plan_edit(1, "Drei."))
    saved = review.save()
    assert saved.path == path and saved.backup == tmp_path / "a.txt.orig"
    assert saved.backup.read_text(encoding="utf-8") == "Eins. Zwei.\n"
    assert path.read_text(encoding="utf-8") == "Eins. Drei.\n"
    perform(review, review.session.plan_edit(0, "Null."))
    review.save()  # our own earlier save is not "changed on disk"
    assert path.read_text(encoding="utf-8") == "Null. Drei.\n"
    assert saved.backup.read_text(encoding="utf-8") == "Eins. Zwei.\n"


def test_output_option(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Eins.\n", encoding="utf-8")
    review = Review.open(path, output=tmp_path / "out" / "b.txt")
    review.start()
    assert review.save().path.read_text(encoding="utf-8") == "Eins.\n"


def test_a_planted_link_at_the_default_revision_name_is_not_followed(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Eins.\n", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me\n")
    (tmp_path / "a.revised.txt").symlink_to(victim)
    review = Review.open(path)
    review.start()
    perform(review, review.session.plan_edit(0, "Neu."))
    with pytest.raises(ReviewAppError, match="symbolic link"):
        review.save()
    assert victim.read_bytes() == b"keep me\n"
    assert review.session.has_unsaved_changes
    chosen = tmp_path / "chosen.txt"
    chosen.symlink_to(tmp_path / "real.txt")
    review.save_as(chosen)  # a path the user chose is followed
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "Neu.\n"


SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_DOC = segment_text(SEED_TEXT)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.dictionaries(
        st.integers(0, len(SEED_DOC) - 1),
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40),
        max_size=8,
    ),
    crlf=st.booleans(),
)
def test_edits_touch_only_their_segments(tmp_path, edits: dict[int, str], crlf: bool) -> None:
    text = SEED_TEXT.replace("\n", "\r\n") if crlf else SEED_TEXT
    path = tmp_path / "seed.txt"
    path.write_bytes(text.encode("utf-8"))
    textfile = read_text(path)
    document = segment_text(textfile.text)
    import hashlib

    reviser = Reviser(textfile, document, hashlib.sha256(path.read_bytes()).hexdigest())
    out = reviser.save(edits).path.read_bytes().decode("utf-8")
    # walk the segments: between them the bytes are the original's
    cursor_in = cursor_out = 0
    for seg in document.segments:
        gap = text[cursor_in : seg.start]
        assert out[cursor_out : cursor_out + len(gap)] == gap
        cursor_out += len(gap)
        new = edits.get(seg.index, seg.text)
        if crlf:
            new = new.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
        assert out[cursor_out : cursor_out + len(new)] == new
        cursor_out += len(new)
        cursor_in = seg.end
    assert out[cursor_out:] == text[cursor_in:]


def test_forced_in_place_save_over_an_unreadable_original_is_one_line(tmp_path) -> None:
    """The original's name now holds a folder (unreadable as a file, even for root): a forced
    save in place cannot back it up, so it refuses with one line and writes nothing."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"Eins. Zwei.\n")
    review = Review.open(path, in_place=True)
    review.start()
    perform(review, review.session.plan_edit(0, "Neu."))
    path.unlink()
    path.mkdir()
    with pytest.raises(OriginalChanged):
        review.save()
    with pytest.raises(ReviewAppError, match="not saved: the original cannot be read") as info:
        review.save(force=True)
    assert "\n" not in str(info.value)
    assert path.is_dir() and list(path.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["a.txt"]
    review.close()
