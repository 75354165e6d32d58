"""The review keys, in one table: bindings, the help screen and the command palette read it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma-separated
    action: str  # an action of the app, without the "app." prefix
    title: str  # for the footer, help and command palette
    help: str
    show: bool = False  # shown in the footer
    display: str | None = None  # how the help screen writes the keys


KEYS: tuple[Key, ...] = (
    # The footer (show=True) fits 80 columns, `?` and `q` included; the rest is in help (`?`).
    Key("j,down", "next_sentence", "Next", "Next sentence", False, "j ↓"),
    Key("k,up", "previous_sentence", "Previous", "Previous sentence", False, "k ↑"),
    Key("n", "next_flagged", "Flagged", "Next sentence with open flags", True),
    Key("p", "previous_flagged", "Prev flagged", "Previous sentence with open flags"),
    Key(
        "tab",
        "next_flag",
        "Flag",
        "Select the next flag of this sentence (a hint's suggestions get numbers once chosen)",
        True,
    ),
    Key("shift+tab", "previous_flag", "Prev flag", "Select the previous flag", False, "shift+tab"),
    Key("1", "apply(0)", "Apply", "Apply that suggestion of the selected flag", True, "1…9"),
    *(Key(str(n), f"apply({n - 1})", f"Apply {n}", f"Apply suggestion {n}") for n in range(2, 10)),
    Key(
        "A",
        "apply_everywhere",
        "Apply everywhere",
        "Apply suggestion 1 to every occurrence of this flag in the document (one undo)",
    ),
    Key("e,enter", "edit", "Edit", "Edit the sentence (Escape keeps the edit)", True, "e ⏎"),
    Key("i", "ignore_flag", "Ignore", "Ignore the selected flag"),
    Key("I", "ignore_rule", "Ignore rule", "Ignore the selected flag's rule in the document"),
    Key("a", "add_word", "Add word", "Add the flagged word to the personal dictionary"),
    Key("space", "toggle_reviewed", "Reviewed", "Mark the sentence reviewed (and go on)", True),
    Key("f", "cycle_filter", "Filter", "Show all / flagged / unreviewed sentences"),
    Key("u", "undo", "Undo", "Undo the last action", True),
    Key("U,ctrl+r", "redo", "Redo", "Redo what was undone", False, "U ctrl+r"),
    Key("w,ctrl+s", "save", "Save", "Save the revised text", True, "w ctrl+s"),
    Key("d", "toggle_sentence_diff", "Diff", "Show/hide this sentence's word diff and live HTER"),
    Key("D", "document_diff", "Document diff", "Diff and post-editing scores of the document"),
    Key("g", "go_to", "Go to", "Go to a sentence number"),
    Key("slash", "search", "Search", "Search the sentences", False, "/"),
    Key(
        "percent_sign,ctrl+h",
        "replace",
        "Find and replace",
        "Find and replace in every sentence, with a preview (one undo)",
        False,
        "% ctrl+h",
    ),
    Key(
        "o",
        "other_occurrence",
        "Other occurrence",
        "Bilingual files: the next unit with the same source or the same translation",
    ),
    Key("pagedown", "page_down", "Page down", "Next page of sentences"),
    Key("pageup", "page_up", "Page up", "Previous page of sentences"),
    Key("home", "first_sentence", "First", "First sentence"),
    Key("end", "last_sentence", "Last", "Last sentence"),
    Key("question_mark", "help", "Help", "All keys", True, "?"),
    Key("q", "quit", "Quit", "Quit (asks first when there are unsaved changes)", True),
)


def bindings() -> list[Binding]:
    return [
        Binding(
            k.keys,
            f"app.{k.action}",
            k.title,
            show=k.show,
            key_display=(k.display or k.keys).split()[0] if k.show else k.display,
        )
        for k in KEYS
    ]


def help_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen, one row per action family."""
    rows = []
    for k in KEYS:
        if k.action.startswith("apply(") and k.action != "apply(0)":
            continue
        rows.append((k.display or k.keys, k.help))
    return rows
