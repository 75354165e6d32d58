"""gettext PO files: one unit per msgstr (per msgstr[n] for plural forms), with the exact
span of each msgstr's quoted strings, so an edit replaces only them.

The scanner is our own (polib reads PO well but gives no offsets); it is strict: a line it
does not understand, a bad escape, an unterminated string, a msgid without msgstr are
one-line errors with line:column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from review_app.bilingual.inline import literal_tags, markup
from review_app.bilingual.model import BilingualFile, State, Unit
from review_app.bilingual.splice import Edit, apply_edits
from review_app.bilingual.xmlwrite import owner_state
from review_app.errors import InputError

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+(?=\")")
_STRING = re.compile(r'"((?:[^"\\\r\n]|\\.)*)"[ \t]*$')
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)")
_SIMPLE = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    '"': '"',
    "\\": "\\",
    "'": "'",
    "?": "?",
}
_ENCODE = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_NEEDS_ENCODING = re.compile(r'[\\"\x00-\x1f\x7f]')
_LINE = re.compile(r"([^\r\n]*)(\r\n|\n|\r|$)")


class _PoError(Exception):
    def __init__(self, line: int, column: int, what: str) -> None:
        super().__init__(what)
        self.line, self.column = line, column


@dataclass
class _Field:
    keyword: str
    line: int  # 0-based line of the keyword
    start: int  # first quote
    end: int = 0  # after the last quote
    value: str = ""
    lines: int = 0  # quoted strings it is made of


@dataclass
class _Entry:
    fields: dict[str, _Field] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    flags: tuple[int, int] | None = None  # span of the "#," line, line end excluded
    flags_end: int = 0  # after its line end
    flag_words: list[str] = field(default_factory=list)
    insert_flags_at: int = -1  # where a new "#, fuzzy" line goes
    newline: str = "\n"
    obsolete: bool = False

    def has_keyword(self) -> bool:
        return bool(self.fields)


def _decode(raw: str, line: int, column: int) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code in _SIMPLE:
            return _SIMPLE[code]
        if code[0] == "x":
            return chr(int(code[1:], 16))
        if code[0] in "01234567":
            return chr(int(code, 8))
        raise _PoError(line, column + match.start(), f"unknown escape \\{code}")

    return _ESCAPE.sub(replace, raw) if "\\" in raw else raw


def encode(text: str) -> str:
    """`text` as the inside of a PO string."""
    if not _NEEDS_ENCODING.search(text):
        return text
    return _NEEDS_ENCODING.sub(lambda m: _ENCODE.get(m.group(), f"\\{ord(m.group()):03o}"), text)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.entries: list[_Entry] = []
        self.entry = _Entry()
        self.current: _Field | None = None

    def finish(self) -> None:
        if self.entry.has_keyword() or self.entry.obsolete:
            self.entries.append(self.entry)
        self.entry = _Entry()
        self.current = None

    def new_entry_if_complete(self) -> None:
        if any(k.startswith("msgstr") for k in self.entry.fields):
            self.finish()

    def scan(self) -> list[_Entry]:
        for number, match in enumerate(_LINE.finditer(self.text)):
            if match.start() >= len(self.text) and not match.group(0):
                break
            self.line(number, match.start(), match.group(1), match.group(2))
            if not match.group(2):
                break
        self.finish()
        return self.entries

    def line(self, number: int, start: int, line: str, newline: str) -> None:
        stripped = line.strip()
        if not stripped:
            self.finish()
        elif stripped.startswith("#~"):
            self.new_entry_if_complete()
            self.entry.obsolete = True
            self.current = None
        elif stripped.startswith("#"):
            self.comment(start, line, newline)
        elif stripped.startswith('"'):
            if self.current is None:
                raise _PoError(number, 1, "a string without msgid/msgstr before it")
            self.string(self.current, number, start + line.index('"'), line[line.index('"') :])
        else:
            self.keyword(number, start, line, newline)

    def comment(self, start: int, line: str, newline: str) -> None:
        self.new_entry_if_complete()
        if self.entry.obsolete:
            self.finish()
        self.current = None
        entry = self.entry
        if line.startswith("#,"):
            entry.flags = (start, start + len(line))
            entry.flags_end = start + len(line) + len(newline)
            entry.flag_words = [w.strip() for w in line[2:].split(",") if w.strip()]
        elif line.startswith("#.") or line.startswith("# ") or line == "#":
            entry.notes.append(line[2:].strip() if line.startswith("#.") else line[1:].strip())
        if line.startswith("#|") and entry.insert_flags_at < 0:
            entry.insert_flags_at = start

    def keyword(self, number: int, start: int, line: str, newline: str) -> None:
        indent = len(line) - len(line.lstrip())
        match = _KEYWORD.match(line, indent)
        if match is None:
            raise _PoError(number, indent + 1, f"unexpected text {line.strip()[:30]!r}")
        keyword = match.group(1)
        if self.entry.obsolete or (
            keyword in ("msgctxt", "msgid")
            and (
                "msgid" in self.entry.fields
                or any(k.startswith("msgstr") for k in self.entry.fields)
            )
        ):
            self.finish()
        entry = self.entry
        if keyword in entry.fields:
            raise _PoError(number, indent + 1, f"{keyword} given twice in one entry")
        if entry.insert_flags_at < 0:
            entry.insert_flags_at = start
        entry.newline = newline or entry.newline
        quote = start + match.end()
        self.current = entry.fields[keyword] = _Field(keyword, number, quote)
        self.string(self.current, number, quote, line[match.end() :])

    def string(self, current: _Field, number: int, start: int, rest: str) -> None:
        match = _STRING.match(rest)
        if match is None:
            column = start - self.text.rfind("\n", 0, start)
            raise _PoError(number, column, "unterminated or malformed string")
        column = start - self.text.rfind("\n", 0, start) + 1
        current.value += _decode(match.group(1), number, column)
        current.end = start + len(match.group(0).rstrip(" \t"))
        current.lines += 1


@dataclass(frozen=True)
class PoLayout:
    file: BilingualFile
    entry_of: tuple[int, ...]  # per unit: the number of its entry in `entries`
    msgstrs: tuple[_Field, ...]  # per unit: its msgstr
    entries: tuple[_Entry, ...]


def _unit_id(entry: _Entry) -> str:
    msgid = entry.fields["msgid"].value
    context = entry.fields.get("msgctxt")
    return msgid if context is None else f"[{context.value}] {msgid}"


def _check_entry(entry: _Entry) -> None:
    keys = entry.fields
    first = next(iter(keys.values()))
    if "msgid" not in keys:
        raise _PoError(first.line, 1, "msgstr without msgid")
    plural = "msgid_plural" in keys
    forms = [k for k in keys if k.startswith("msgstr")]
    if not forms:
        raise _PoError(keys["msgid"].line, 1, "msgid without msgstr")
    if (plural and "msgstr" in keys) or (not plural and forms != ["msgstr"]):
        what = "msgid_plural needs msgstr[n]" if plural else "msgstr[n] without msgid_plural"
        raise _PoError(keys[forms[0]].line, 1, what)


def read_po(text: str, name: str) -> PoLayout:
    try:
        entries = _Scanner(text).scan()
        for entry in entries:
            if not entry.obsolete:
                _check_entry(entry)
    except _PoError as exc:
        raise InputError(f"{name}:{exc.line + 1}:{exc.column}: {exc}") from None
    units: list[Unit] = []
    owners: list[int] = []
    fields: list[_Field] = []
    kept: list[_Entry] = []
    for entry in entries:
        if entry.obsolete or ("msgctxt" not in entry.fields and not entry.fields["msgid"].value):
            continue  # an obsolete entry, or the header
        forms = sorted(
            (k for k in entry.fields if k.startswith("msgstr")),
            key=lambda k: int(k[7:-1]) if "[" in k else 0,
        )
        fuzzy = "fuzzy" in entry.flag_words
        for form in forms:
            msgstr = entry.fields[form]
            plural = form != "msgstr"
            number = int(form[7:-1]) if plural else 0
            source_key = "msgid_plural" if plural and number > 0 else "msgid"
            source = entry.fields[source_key].value
            state = State.FUZZY if fuzzy else State.TRANSLATED
            units.append(
                Unit(
                    index=len(units),
                    id=_unit_id(entry) + (f" [{number}]" if plural else ""),
                    source=source,
                    target=msgstr.value,
                    target_start=msgstr.start,
                    target_end=msgstr.end,
                    line=msgstr.line,
                    tags=literal_tags(source, msgstr.value),
                    state=state if msgstr.value else State.NEW,
                    raw_state="fuzzy" if fuzzy else None,
                    notes=tuple(entry.notes),
                    context=entry.fields["msgctxt"].value if "msgctxt" in entry.fields else None,
                )
            )
            owners.append(len(kept))
            fields.append(msgstr)
        kept.append(entry)
    file = BilingualFile("po", None, None, tuple(units))
    return PoLayout(file, tuple(owners), tuple(fields), tuple(kept))


def _quoted(text: str, was_wrapped: bool, newline: str) -> str:
    """The new msgstr strings: one line, or (when the original was wrapped over several
    lines, or the text has an inner line break) gettext's layout: "" and then one quoted
    line per piece ending in \\n. No wrapping at a width."""
    inner_break = "\n" in text.rstrip("\n")
    if not was_wrapped and not inner_break:
        return f'"{encode(text)}"'
    pieces = re.findall(r"[^\n]*\n|[^\n]+$", text)
    return '""' + "".join(f'{newline}"{encode(p)}"' for p in pieces)


def _flag_edit(text: str, entry: _Entry, fuzzy: bool) -> Edit | None:
    words = [w for w in entry.flag_words if w != "fuzzy"]
    if fuzzy == ("fuzzy" in entry.flag_words):
        return None
    if fuzzy:
        words.insert(0, "fuzzy")
    line = "#, " + ", ".join(words)
    if entry.flags is not None and words:
        return Edit(*entry.flags, line)
    if entry.flags is not None:
        return Edit(entry.flags[0], entry.flags_end, "")
    return Edit(entry.insert_flags_at, entry.insert_flags_at, line + entry.newline)


def write_po(
    text: str, layout: PoLayout, targets: Mapping[int, str], states: Mapping[int, State]
) -> str:
    edits: list[Edit] = []
    by_entry: dict[int, list[Unit]] = {}
    for unit in layout.file.units:
        by_entry.setdefault(layout.entry_of[unit.index], []).append(unit)
        new = targets.get(unit.index, unit.target)
        if new != unit.target:
            markup(unit.id, new, unit.tags, lambda s: s)  # placeholders: only literal ones
            msgstr = layout.msgstrs[unit.index]
            entry = layout.entries[layout.entry_of[unit.index]]
            edits.append(
                Edit(
                    unit.target_start,
                    unit.target_end,
                    _quoted(new, msgstr.lines > 1, entry.newline),
                )
            )
    for number, members in by_entry.items():
        new_states = [states.get(u.index, u.state) for u in members]
        if all(s == u.state for s, u in zip(new_states, members, strict=True)):
            continue
        edit = _flag_edit(text, layout.entries[number], owner_state(new_states) is State.FUZZY)
        if edit is not None:
            edits.append(edit)
    return apply_edits(text, edits)
