"""Opening a file for review: read, segment, find its journal, resume or start fresh, save."""

from __future__ import annotations

from pathlib import Path

from review_app.checking.wordlists import WordLists
from review_app.document.model import Document, Segment
from review_app.document.segment import iter_lines, segment_text
from review_app.document.textio import TextFile, read_text
from review_app.errors import ReviewAppError
from review_app.review.journal import (
    Journal,
    JournalContents,
    journal_path,
    read_journal,
    set_aside,
)
from review_app.review.revision import Reviser, SavedRevision
from review_app.review.session import Session


def _line_boundary(text: str, chars: int) -> int | None:
    """The start of the first line beginning at or after `chars`, if there is such a line."""
    if len(text) <= chars:
        return None
    for offset, _ in iter_lines(text):
        if offset >= chars:
            return offset
    return None


class Review:
    """One opened file: its document, the session over it, its journal and where it saves.

    After `open`, `pending` holds an earlier journal with work in it (if any); the shell asks
    the user and calls `start(resume=...)`, which attaches the journal to the session.
    """

    def __init__(
        self,
        textfile: TextFile,
        document: Document,
        words: WordLists | None = None,
        *,
        output: Path | None = None,
        in_place: bool = False,
    ) -> None:
        self.textfile = textfile
        self.document = document
        self.session = Session(document, words)
        self.reviser = Reviser(
            textfile, document, textfile.sha256, output=output, in_place=in_place
        )
        self.journal_path = journal_path(textfile.path)
        self.journal: Journal | None = None
        self.pending: JournalContents | None = None
        self.notices: list[str] = [textfile.notice] if textfile.notice else []
        self._rest_at: int | None = None  # where the text not yet segmented starts
        self._language = "de"
        self._find_journal()

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        language: str = "de-DE",
        words: WordLists | None = None,
        output: Path | None = None,
        in_place: bool = False,
        preview_chars: int | None = None,
    ) -> Review:
        """Read and segment `path`. With `preview_chars`, only the lines in about that many
        characters are segmented now (a screenful at once); `segment_rest` does the rest."""
        textfile = read_text(path)
        lang = language.split("-")[0]
        cut = _line_boundary(textfile.text, preview_chars) if preview_chars else None
        head = textfile.text if cut is None else textfile.text[:cut]
        document = segment_text(head, lang)
        if cut is not None:
            document = Document(textfile.text, document.segments)
        review = cls(textfile, document, words, output=output, in_place=in_place)
        review._rest_at = cut
        review._language = lang
        return review

    @property
    def loaded(self) -> bool:
        """Whether the whole text is segmented (see `open(preview_chars=...)`)."""
        return self._rest_at is None

    def segment_rest(self) -> Document:
        """The whole document: the segments so far plus the rest's. Pure, so a worker thread
        may run it; hand the result to `grow` on the thread that owns the session."""
        cut = self._rest_at
        if cut is None:
            return self.document
        text = self.textfile.text
        lines_before = sum(1 for _ in iter_lines(text[:cut]))
        first = len(self.document)
        tail = segment_text(text[cut:], self._language)
        shifted = tuple(
            Segment(
                index=first + s.index,
                start=cut + s.start,
                end=cut + s.end,
                text=s.text,
                line=lines_before + s.line,
            )
            for s in tail.segments
        )
        return Document(text, self.document.segments + shifted)

    def grow(self, document: Document) -> None:
        """Switch to the whole document (from `segment_rest`)."""
        self.session.extend(document)
        self.document = document
        self.reviser.document = document
        self._rest_at = None

    @property
    def path(self) -> Path:
        return self.textfile.path

    def _find_journal(self) -> None:
        contents = read_journal(self.journal_path)
        if contents is None:
            return
        if contents.sha256 != self.textfile.sha256:
            if self._is_our_saved_revision(contents):
                moved = set_aside(self.journal_path, "done")
                self.notices.append(
                    f"{self.path.name} is the revision saved in place last time; "
                    f"starting a new review of it (the old journal is {moved.name})"
                )
            elif contents.has_work:
                moved = set_aside(self.journal_path, "stale")
                self.notices.append(
                    f"{self.path.name} changed since the last review session; "
                    f"its journal was kept as {moved.name}"
                )
            return
        if contents.has_work:
            self.pending = contents

    def _is_our_saved_revision(self, contents: JournalContents) -> bool:
        return any(
            r.get("saved", {}).get("sha256") == self.textfile.sha256
            and Path(r["saved"].get("path", "")) == self.path.resolve()
            for r in contents.records
            if isinstance(r.get("saved"), dict)
        )

    def start(self, resume: bool = True) -> int:
        """Attach a journal: replay the pending one when `resume`, else start a new one.
        Returns the number of actions replayed."""
        replayed = 0
        if self.pending is not None and resume:
            if not self.loaded:
                raise ReviewAppError("the document is still being read; resume when it is")
            for record in self.pending.records:
                self.session.replay(record)
                replayed += "do" in record
            self.journal = Journal.reopen(self.journal_path)
        else:
            if self.pending is not None:
                moved = set_aside(self.journal_path, "discarded")
                self.notices.append(f"the earlier session's journal was kept as {moved.name}")
            self.journal = Journal.create(self.journal_path, self.path, self.textfile.sha256)
        self.pending = None
        self.session.record_to(self.journal.append)
        return replayed

    def save(self, *, force: bool = False) -> SavedRevision:
        if not self.loaded:
            raise ReviewAppError("the document is still being read; save again in a moment")
        saved = self.reviser.save(self.session.replacements(), force=force)
        self.session.mark_saved()
        if self.journal is not None:
            record = {"path": str(saved.path.resolve()), "sha256": saved.sha256}
            self.journal.append({"saved": record})
        return saved

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
