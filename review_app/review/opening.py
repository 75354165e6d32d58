"""Opening a file for review: read, segment, lock, find its journal, resume or start fresh;
then every change through `perform` (journal first, then the session), and saving."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from review_app.checking.wordlists import WordLists
from review_app.document.model import Document, Segment
from review_app.document.segment import iter_lines, segment_text
from review_app.document.textio import TextFile, read_text
from review_app.errors import ReviewAppError
from review_app.review.actions import AddWord, Step, is_saved_record
from review_app.review.journal import (
    DamagedJournal,
    Journal,
    JournalContents,
    header,
    journal_path,
    lock_path,
    name_fits,
    read_journal,
    remove_empty,
    set_aside,
    sidecar_path,
)
from review_app.review.lock import Holder, Locked, ReviewLock
from review_app.review.revision import Compose, Reviser, SavedRevision
from review_app.review.session import Session

if TYPE_CHECKING:
    from review_app.bilingual.opening import OpenedBilingual


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

    Opening takes the file's lock; when another session holds it, `locked_by` says who and the
    review is read-only (no change, no save, no journal). Otherwise, after `open`, `pending`
    holds an earlier journal with work in it (if any); the shell asks the user and calls
    `start(resume=...)`. From then on every change is a `Step` given to `perform`.
    """

    def __init__(
        self,
        textfile: TextFile,
        document: Document,
        words: WordLists | None = None,
        *,
        output: Path | None = None,
        in_place: bool = False,
        compose: Compose | None = None,
    ) -> None:
        self.textfile = textfile
        self.document = document
        self.words = words
        self.session = Session(document)
        self.reviser = Reviser(
            textfile, document, textfile.sha256, output=output, in_place=in_place, compose=compose
        )
        self.journal_path = journal_path(textfile.path)
        self.journal: Journal | None = None
        self.pending: JournalContents | None = None
        self.notices: list[str] = [textfile.notice] if textfile.notice else []
        self.lock: ReviewLock | None = None
        self.locked_by: Holder | None = None
        self.skipped_lines = 0  # journal lines left out on resume
        self.resume_at: int | None = None  # the segment of the last action resumed
        self._rest_at: int | None = None  # where the text not yet segmented starts
        self._language = "de"
        try:
            self._take_lock()
            if self.locked_by is None:
                self._find_journal()
        except BaseException:
            self.close()
            raise

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
        textfile: TextFile | None = None,
    ) -> Review:
        """Read and segment `path`. With `preview_chars`, only the lines in about that many
        characters are segmented now (a screenful at once); `segment_rest` does the rest.
        `textfile`: the file already read."""
        if textfile is None:
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

    @classmethod
    def open_bilingual(
        cls,
        opened: OpenedBilingual,
        *,
        words: WordLists | None = None,
        output: Path | None = None,
        in_place: bool = False,
        set_states: bool = True,
    ) -> Review:
        """A bilingual file read by `review_app.bilingual.opening.open_bilingual`: one segment per
        unit; saving writes the edited targets (and their states) back into the file's text."""
        from review_app.bilingual.document import bilingual_document, revised_bilingual

        file = opened.file
        text = opened.textfile.text

        def compose(replacements: Mapping[int, str], reviewed: frozenset[int]) -> str:
            return revised_bilingual(text, file, replacements, reviewed, set_states=set_states)

        document = bilingual_document(file)
        return cls(
            opened.textfile, document, words, output=output, in_place=in_place, compose=compose
        )

    @property
    def bilingual(self) -> bool:
        return self.reviser.compose is not None

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

    @property
    def read_only(self) -> bool:
        """Another session holds the file: look, but change nothing."""
        return self.locked_by is not None

    @property
    def started(self) -> bool:
        return self.journal is not None

    def take_notices(self) -> list[str]:
        """The notices for the user so far (each is given once)."""
        notices, self.notices = self.notices, []
        return notices

    # ----- the lock and the journal found on opening ---------------------------------------

    def _take_lock(self) -> None:
        try:
            self.lock = ReviewLock.acquire(lock_path(self.journal_path))
        except Locked as exc:
            self.locked_by = exc.holder
        except OSError as exc:
            self.notices.append(
                f"No lock could be taken for {self.path.name} ({exc.strerror}): a second "
                "session on it would not be noticed"
            )

    def _find_journal(self) -> None:
        contents = self._read_journal(self.journal_path)
        if contents is not None:
            self._judge(contents)
        sidecar = sidecar_path(self.path)
        if self.pending is None and self.journal_path != sidecar and name_fits(sidecar):
            # The folder is read-only now: a journal written beside the file earlier counts.
            try:
                earlier = read_journal(sidecar)
            except DamagedJournal:
                earlier = None
            if earlier and earlier.sha256 == self.textfile.sha256 and earlier.has_work:
                self.pending = earlier

    def _read_journal(self, path: Path) -> JournalContents | None:
        """The journal at `path`; one whose header cannot be read is moved aside, not used."""
        try:
            return read_journal(path)
        except DamagedJournal as exc:
            moved = set_aside(path, "damaged")
            self.notices.append(f"{exc}; it was kept as {moved.name} and a new journal starts")
            return None

    def _judge(self, contents: JournalContents) -> None:
        path = contents.path
        if contents.sha256 != self.textfile.sha256:
            if self._is_our_saved_revision(contents):
                moved = set_aside(path, "done")
                self.notices.append(
                    f"{self.path.name} is the revision saved in place last time; "
                    f"starting a new review of it (the old journal is {moved.name})"
                )
            elif contents.worth_keeping:
                moved = set_aside(path, "stale")
                self.notices.append(
                    f"{self.path.name} changed since the last review session; "
                    f"its journal was kept as {moved.name}"
                )
        elif contents.has_work:
            self.pending = contents
        elif contents.skipped:
            moved = set_aside(path, "damaged")
            self.notices.append(
                f"{contents.skipped} lines of the review journal could not be read; "
                f"it was kept as {moved.name}"
            )

    def _is_our_saved_revision(self, contents: JournalContents) -> bool:
        return any(
            r["saved"]["sha256"] == self.textfile.sha256
            and Path(r["saved"]["path"]) == self.path.resolve()
            for r in contents.records
            if is_saved_record(r)
        )

    # ----- starting: resume or fresh --------------------------------------------------------

    def start(self, resume: bool = True) -> int:
        """Attach a journal: replay the pending one when `resume`, else start a new one.
        Returns the number of actions replayed. Does nothing once started."""
        if self.journal is not None:
            return 0
        if self.read_only:
            raise ReviewAppError(self._read_only_reason())
        pending = self.pending
        replayed = 0
        if pending is not None and resume:
            if not self.loaded:
                raise ReviewAppError("the document is still being read; resume when it is")
            kept, replayed = self._replay(pending)
            self.journal = self._continue(pending, kept)
            self._sync_dictionary()
        else:
            if pending is not None:
                self._discard(pending)
            self._clear_journal_path()
            self.journal = Journal.create(
                self.journal_path, [header(self.path, self.textfile.sha256)]
            )
        self.pending = None
        return replayed

    def _replay(self, pending: JournalContents) -> tuple[list[dict], int]:
        """Commit every record that applies; a record that does not (a damaged line, a change
        whose `before` is not the text) is skipped and counted, never raised."""
        kept: list[dict] = []
        replayed = skipped = 0
        for record in pending.records:
            if is_saved_record(record):
                self.session.mark_saved()
                kept.append(record)
                continue
            step = self.session.plan_record(record)
            if step is None:
                skipped += 1
                continue
            self.session.commit(step)
            kept.append(step.record())
            replayed += step.verb == "do"
            if step.index is not None:
                self.resume_at = step.index
        self.skipped_lines = pending.skipped + skipped
        return kept, replayed

    def _continue(self, pending: JournalContents, kept: list[dict]) -> Journal:
        """The journal to go on with after a resume: the same file when every line was used,
        else a clean one with the records used (the old file kept aside)."""
        here = pending.path == self.journal_path
        if here and not self.skipped_lines:
            return Journal.reopen(pending)
        if here:
            moved = set_aside(pending.path, "damaged")
            self.notices.append(
                f"{self.skipped_lines} lines of the review journal could not be used and were "
                f"skipped; the journal as it was is kept as {moved.name}"
            )
        else:
            self.notices.append(
                f"Resumed from {pending.path}; this session's journal is {self.journal_path} "
                "(the file's folder is read-only)"
            )
            if self.skipped_lines:
                self.notices.append(
                    f"{self.skipped_lines} lines of the earlier journal could not be used"
                )
        self._clear_journal_path()
        return Journal.create(self.journal_path, [pending.header, *kept])

    def _discard(self, pending: JournalContents) -> None:
        if pending.path == self.journal_path:
            moved = set_aside(pending.path, "discarded")
            self.notices.append(f"The earlier session's journal was kept as {moved.name}")
        else:
            self.notices.append(
                f"The earlier session's journal {pending.path} stays where it is "
                "(its folder is read-only)"
            )

    def _clear_journal_path(self) -> None:
        """Make room for a new journal: what is there is moved aside, or removed when it holds
        nothing (no work, nothing unreadable)."""
        contents = self._read_journal(self.journal_path)
        if contents is None:
            remove_empty(self.journal_path)  # an empty file, or nothing
        elif contents.worth_keeping:
            moved = set_aside(self.journal_path, "discarded")
            self.notices.append(f"An earlier journal was kept as {moved.name}")
        else:
            remove_empty(self.journal_path)

    def _sync_dictionary(self) -> None:
        """Words added in the resumed session are in the personal dictionary (a crash may
        have come between journaling and writing it)."""
        if self.words is None:
            return
        for word in sorted(self.session.added_words - self.words.personal):
            self.notices.extend(self._dictionary(word, add=True))

    # ----- changes ---------------------------------------------------------------------------

    def perform(self, step: Step) -> list[str]:
        """The one way a change reaches the session: journal `step` (fsync'd), then commit it,
        then its side effects. When the journal cannot be written the session is unchanged and
        ReviewAppError says why. Returns notices for the user."""
        journal = self._journal_for_changes()
        if not self.session.applies(step):
            raise ReviewAppError("that change no longer fits the sentence as it is now")
        notices = journal.append(step.record())
        self.session.commit(step)
        if isinstance(step.action, AddWord):
            notices += self._dictionary(step.action.word, add=step.verb != "undo")
        return notices

    def _journal_for_changes(self) -> Journal:
        if self.read_only:
            raise ReviewAppError(self._read_only_reason())
        if self.journal is None:
            raise ReviewAppError("the review has not started yet")
        return self.journal

    def _read_only_reason(self) -> str:
        holder = self.locked_by.describe() if self.locked_by else "another session"
        return f"read-only: {self.path.name} is being reviewed by {holder}"

    def _dictionary(self, word: str, *, add: bool) -> list[str]:
        """Write the personal dictionary; a failure is a notice (the action stays)."""
        if self.words is None:
            return []
        try:
            (self.words.add_personal if add else self.words.remove_personal)(word)
        except ReviewAppError as exc:
            return [f"{exc} (the word counts for this session only)"]
        return []

    # ----- saving ---------------------------------------------------------------------------

    def save(self, *, force: bool = False) -> SavedRevision:
        if self.read_only:
            raise ReviewAppError(self._read_only_reason())
        if not self.loaded:
            raise ReviewAppError("the document is still being read; save again in a moment")
        session = self.session
        reviewed = frozenset(i for i in range(len(session)) if session.is_reviewed(i))
        saved = self.reviser.save(session.replacements(), reviewed=reviewed, force=force)
        self.session.mark_saved()
        if self.journal is None:
            return saved
        record = {"path": str(saved.path.resolve()), "sha256": saved.sha256}
        try:
            notices = self.journal.append({"saved": record})
        except ReviewAppError as exc:
            notices = [f"Saved, but the journal could not record it: {exc}"]
        return replace(saved, notices=tuple(notices))

    def save_as(self, path: Path, *, force: bool = False) -> SavedRevision:
        """Save to `path` (and there from now on), e.g. when the original is gone."""
        reviser = self.reviser
        before = (reviser.target, reviser.in_place, reviser.target_chosen)
        reviser.retarget(path)
        try:
            return self.save(force=force)
        except BaseException:
            reviser.target, reviser.in_place, reviser.target_chosen = before
            raise

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
        if self.lock is not None:
            self.lock.release()
