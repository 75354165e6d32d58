"""The status bar: checker in use, reviewed N of M, open flags, checking progress, unsaved."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from review_app.document.visible import one_to_one
from review_app.review.session import Session


def changes_state(session: Session) -> str:
    """Whether there are changes: "unsaved", "saved" or "none". It compares every sentence,
    so a shell keeps the answer until the session changes."""
    if session.has_unsaved_changes:
        return "unsaved"
    return "saved" if session.replacements() else "none"


def status_text(
    session: Session,
    checker: str,
    *,
    filter_name: str,
    progress: str = "",
    read_only: bool = False,
    loading: bool = False,
    changes: str | None = None,
) -> Text:
    """`loading`: the file is still being read, so the sentences are those read so far.
    `changes`: what `changes_state(session)` says (worked out when not given)."""
    if changes is None:
        changes = changes_state(session)
    out = Text(no_wrap=True, overflow="ellipsis")
    so_far = " so far" if loading else ""
    out.append(f" reviewed {session.reviewed_count:,} of {len(session):,}{so_far}")
    out.append(f" │ open flags {session.open_flags_total:,}")
    if progress:
        out.append(f" │ {progress}", Style(color="cyan"))
    if filter_name != "all":
        out.append(f" │ filter: {filter_name}", Style(color="yellow"))
    if read_only:
        out.append(" │ read-only", Style(color="yellow", bold=True))
    elif changes == "unsaved":
        out.append(" │ unsaved changes", Style(color="red", bold=True))
    elif changes == "saved":
        out.append(" │ saved", Style(dim=True))
    else:
        out.append(" │ no changes", Style(dim=True))
    out.append(f" │ {one_to_one(checker)}", Style(dim=True))  # may name a server, a file
    return out


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; }
    """
