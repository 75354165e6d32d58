"""Bilingual readers and writers: what every format reads, and what writing it back changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_app.bilingual.formats import (
    FORMATS,
    aligned_units,
    detect_format,
    display,
    read_bilingual,
    write_bilingual,
)
from review_app.bilingual.model import BilingualFile, State, TagKind, Unit, is_placeholder
from review_app.errors import InputError

DATA = Path(__file__).parent / "data" / "bilingual"
SAMPLES = ["xliff12.xlf", "xliff20.xlf", "sample.tmx", "sample.po", "sample.tsv", "sample.csv"]


def sample(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8")  # CRLF kept


def read(name: str, **options: object) -> tuple[str, BilingualFile]:
    text = sample(name)
    fmt = detect_format(name, text)
    assert fmt is not None
    return text, read_bilingual(text, name, fmt, **options)  # type: ignore[arg-type]


def by_id(file: BilingualFile) -> dict[str, Unit]:
    return {u.id: u for u in file.units}


def shown(unit: Unit) -> tuple[str, str]:
    return display(unit.source, unit.tags), display(unit.target, unit.tags)


# Reading


def test_formats_list() -> None:
    assert FORMATS == ("xliff", "po", "tmx", "tsv", "csv")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.txt", '<?xml version="1.0"?>\n<!-- c -->\n<xliff version="1.2">', "xliff"),
        ("a.xml", "\ufeff<xlf:xliff xmlns:xlf='x' version='2.0'>", "xliff"),
        ("memory.xml", "<?xml version='1.0'?><tmx version='1.4'>", "tmx"),
        ("messages", '# c\nmsgid "a"\nmsgstr "b"\n', "po"),
        ("a.po", "", "po"),
        ("a.sdlxliff", "", "xliff"),
        ("a.TSV", "a\tb\n", "tsv"),
        ("a.csv", "a,b\n", "csv"),
        ("a.tmx", "", "tmx"),
        ("article.de.txt", "Ein Text.\n", None),
        ("page.html", "<html><body>x</body></html>", None),
    ],
)
def test_detect_format(name: str, text: str, expected: str | None) -> None:
    assert detect_format(name, text) == expected


def test_xliff_12_units() -> None:
    _, file = read("xliff12.xlf")
    assert file.format == "xliff-1.2"
    assert (file.source_language, file.target_language) == ("en-US", "de-DE")
    units = by_id(file)
    assert list(units) == ["t1", "t2", "t4", "t5", "t6/1", "t6/2", "t7/1", "t7/2", "t8", "t9"]
    t1 = units["t1"]
    assert shown(t1) == (
        "Putin visits <1>North Korea</1> & <x2/>Pyongyang",
        "Putin besucht <1>Nordkorea</1> & <x2/>Pjöngjang",
    )
    assert t1.notes == ("Check the name <Pjöngjang>",)  # not the header note, not alt-trans
    assert t1.context == "title"
    assert (t1.state, t1.raw_state) == (State.TRANSLATED, "translated")
    assert [(t.kind, t.id, t.raw) for t in t1.tags] == [
        (TagKind.OPEN, "1", '<g id="1">'),
        (TagKind.CLOSE, "1", "</g>"),
        (TagKind.STANDALONE, "2", '<x id="2"/>'),
    ]
    assert units["t2"].state is State.FUZZY
    assert shown(units["t2"])[1] == "Drücken Sie <5>OK</5> und <ph6/>."
    assert units["t2"].tags[2].raw == '<ph id="6">{0}</ph>'  # kept whole, content included
    assert (units["t4"].target, units["t4"].state) == ("", State.NEW)
    assert units["t5"].state is State.REVIEWED  # approved="yes"
    assert shown(units["t5"])[1] == "Der <m1>Gipfel</m1> <bpt7/>endete<ept7/>."
    assert shown(units["t6/2"]) == ("Second <8>sentence</8>.", "Zweiter <8>Satz</8>.")
    assert units["t6/1"].target == "Erster Satz."
    assert units["t7/2"].source == "no target." and units["t7/2"].target == ""
    assert units["t8"].target == ""
    assert shown(units["t9"]) == ("Use <b> & more", "Nutze <b> & mehr<?>")  # CDATA, comment


def test_xliff_same_tag_same_placeholder() -> None:
    _, file = read("xliff12.xlf")
    t1 = by_id(file)["t1"]
    source_tags = [c for c in t1.source if is_placeholder(c)]
    target_tags = [c for c in t1.target if is_placeholder(c)]
    assert source_tags == target_tags and len(source_tags) == 3


def test_xliff_target_offsets_point_at_raw_content() -> None:
    text, file = read("xliff12.xlf")
    t1 = by_id(file)["t1"]
    assert text[t1.target_start : t1.target_end] == (
        'Putin besucht <g id="1">Nordkorea</g> &amp; <x id="2"/>Pjöngjang'
    )
    assert text.splitlines()[t1.line].strip().startswith('<target state="translated">')


def test_xliff_20_units() -> None:
    _, file = read("xliff20.xlf")
    assert (file.format, file.source_language, file.target_language) == ("xliff-2.0", "en", "de")
    units = by_id(file)
    assert list(units) == ["u1/s1", "u1/s2", "u2", "u4"]
    s1 = units["u1/s1"]
    assert shown(s1) == ("Press <1>Start</1> <ph2/> now.", "Drücken Sie <1>Start</1> <ph2/> jetzt.")
    assert s1.notes == ("Shown on the start page & in mails",)
    assert (s1.state, s1.context) == (State.REVIEWED, "greeting")
    assert shown(units["u1/s2"])[1] == "Dann <3>warten</3><U+0007>."
    assert [t.kind for t in units["u1/s2"].tags][:2] == [TagKind.OPEN, TagKind.CLOSE]
    assert (units["u2"].target, units["u2"].state) == ("", State.NEW)
    assert units["u4"].state is State.TRANSLATED


def test_tmx_units() -> None:
    _, file = read("sample.tmx")
    assert (file.format, file.source_language, file.target_language) == ("tmx", "en-US", "de-DE")
    units = by_id(file)
    assert shown(units["1"]) == (
        "The <bpt1/>summit<ept1/> ended.",
        "Der <bpt1/>Gipfel<ept1/> endete.",
    )
    assert units["1"].notes == ("From the 2024 memory",)
    assert shown(units["2"])[1] == "Sag <hi>hallo</hi> & geh"
    assert (units["3"].target, units["3"].state) == ("", State.NEW)


def test_po_units() -> None:
    _, file = read("sample.po")
    assert file.format == "po"
    units = file.units
    assert [u.id for u in units] == [
        "[menu] Open %s",
        "A long message that was wrapped.\n",
        "One file [0]",
        "One file [1]",
        'Say "hi"\tnow',
        "Untranslated",
    ]  # the header and the obsolete entry are left out
    assert (units[0].state, units[0].context) == (State.FUZZY, "menu")
    assert units[0].notes == ("Translator: keep it short", "Shown in the File menu")
    assert units[1].target == "Eine lange Nachricht, die umbrochen wurde.\n"
    assert (units[2].source, units[2].target) == ("One file", "Eine Datei")
    assert (units[3].source, units[3].target) == ("%d files", "%d Dateien")
    assert units[4].target == 'Sag "hallo"\tjetzt'
    assert (units[5].target, units[5].state) == ("", State.NEW)


def test_tsv_units() -> None:
    _, file = read("sample.tsv")
    units = file.units
    assert [(u.id, u.source, u.target) for u in units] == [
        ("1", "Hello world", "Hallo Welt"),
        ("2", '"Quoted" start', '"Zitat" am Anfang'),  # a quote that only starts the field
        ("3", "Tab inside", "Tab\there"),
        ("4", "Empty", ""),
    ]
    assert units[0].notes == ("greeting",) and units[1].notes == ()
    assert units[3].state is State.NEW


def test_csv_units() -> None:
    _, file = read("sample.csv")
    assert [(u.source, u.target) for u in file.units] == [
        ("Hello, world", "Hallo, Welt"),
        ('She said "hi"', 'Sie sagte "hallo"'),
        ("Plain", "Schlicht"),
        ("Two\r\nlines", "Zwei\r\nZeilen"),
    ]


def test_table_columns_by_name_language_and_option() -> None:
    text = "ID;EN;DE;Fr\n1;one;eins;un\n"
    file = read_bilingual(text, "t.csv", "csv")
    assert (file.units[0].source, file.units[0].target) == ("one", "eins")
    assert (file.source_language, file.target_language) == ("en", "de")
    file = read_bilingual(text, "t.csv", "csv", columns=("en", "fr"))
    assert file.units[0].target == "un"
    file = read_bilingual("en\tfr\nyes\toui\n", "t.tsv", "tsv", target_language="fr")
    assert file.units[0].target == "oui"


def test_aligned_units() -> None:
    file = aligned_units("One.\nTwo.\n\nFour.\n", "Eins.\r\nZwei.\r\n\r\nVier.\r\n", "s", "t")
    assert file.format == "aligned"
    assert [(u.id, u.source, u.target, u.line) for u in file.units] == [
        ("1", "One.", "Eins.", 0),
        ("2", "Two.", "Zwei.", 1),
        ("3", "", "", 2),
        ("4", "Four.", "Vier.", 3),
    ]
    assert file.units[1].target_start == 7


def test_private_use_characters_in_the_text_are_tags_of_their_own() -> None:
    text = 'msgid "Icon \ue001"\nmsgstr "Symbol \ue001"\n'
    unit = read_bilingual(text, "a.po", "po").units[0]
    assert unit.target == "Symbol \ue001" and display(unit.target, unit.tags) == "Symbol <U+E001>"
    assert write_bilingual(text, read_bilingual(text, "a.po", "po"), {0: "\ue001 Icon"}, {}) == (
        'msgid "Icon \ue001"\nmsgstr "\ue001 Icon"\n'
    )
    xml = (
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>\ue000 <x id="1"/></source>'
        '<target>\ue000 <x id="1"/></target></trans-unit></body></file></xliff>'
    )
    unit = read_bilingual(xml, "a.xlf", "xliff").units[0]
    assert display(unit.target, unit.tags) == "<U+E000> <x1/>"
    assert len(set(unit.target) - {" "}) == 2  # the tag did not take the literal's character


# Writing back


@pytest.mark.parametrize("name", SAMPLES)
def test_untouched_file_is_written_back_byte_for_byte(name: str) -> None:
    text, file = read(name)
    same = {u.index: u.target for u in file.units}
    states = {u.index: u.state for u in file.units}
    assert write_bilingual(text, file, same, states) == text
    assert write_bilingual(text, file, {}, {}) == text


def test_xliff_12_write_targets_and_states() -> None:
    text, file = read("xliff12.xlf")
    units = by_id(file)
    t1, t4, t2 = units["t1"], units["t4"], units["t2"]
    new_t1 = t1.target.replace("Pjöngjang", "Pjöngjang & <Umgebung>")
    out = write_bilingual(
        text,
        file,
        {t1.index: new_t1, t4.index: "Noch kein Ziel."},
        {t1.index: State.REVIEWED, t4.index: State.TRANSLATED, t2.index: State.REVIEWED},
    )
    assert (
        '<target state="signed-off">Putin besucht <g id="1">Nordkorea</g> &amp; <x id="2"/>'
        "Pjöngjang &amp; &lt;Umgebung&gt;</target>"
    ) in out
    assert (
        "        <source>No target yet.</source>\n"
        '        <target state="translated">Noch kein Ziel.</target>\n'
    ) in out
    assert '<trans-unit id="t2" approved="yes">' in out
    assert '<target state="signed-off">Drücken Sie' in out
    again = by_id(read_bilingual(out, "x.xlf", "xliff"))
    assert again["t1"].target == new_t1 and again["t1"].state is State.REVIEWED
    assert (again["t4"].target, again["t4"].state) == ("Noch kein Ziel.", State.TRANSLATED)
    assert again["t2"].state is State.REVIEWED


def test_xliff_12_segments_write_into_their_mrk() -> None:
    text, file = read("xliff12.xlf")
    units = by_id(file)
    out = write_bilingual(text, file, {units["t6/1"].index: "Satz eins."}, {})
    assert '<mrk mtype="seg" mid="1">Satz eins.</mrk> <mrk mtype="seg" mid="2">Zweiter' in out
    out = write_bilingual(
        text, file, {units["t7/2"].index: "kein Ziel."}, {units["t7/2"].index: State.TRANSLATED}
    )
    assert '<target state="needs-translation"><mrk mtype="seg" mid="1"></mrk> ' not in out
    again = by_id(read_bilingual(out, "x.xlf", "xliff"))
    assert (again["t7/1"].target, again["t7/2"].target) == ("", "kein Ziel.")
    # the segments share the trans-unit's target, whose state is the least advanced of them
    assert again["t7/2"].state is State.NEW


def test_xliff_12_empty_target_element_is_opened() -> None:
    text, file = read("xliff12.xlf")
    t8 = by_id(file)["t8"]
    out = write_bilingual(text, file, {t8.index: "Leer"}, {t8.index: State.TRANSLATED})
    assert '<source>Empty target</source><target state="translated">Leer</target>' in out


def test_xliff_20_write() -> None:
    text, file = read("xliff20.xlf")
    units = by_id(file)
    s1, u2 = units["u1/s1"], units["u2"]
    out = write_bilingual(
        text,
        file,
        {u2.index: "Noch nichts, " + u2.source[13:].replace("really", "wirklich")},
        {s1.index: State.TRANSLATED, u2.index: State.REVIEWED},
    )
    assert '<segment id="s1" state="translated">' in out
    assert (
        '        <source>Nothing yet, <mrk id="m1" type="term">really</mrk>.</source>\n'
        '        <target>Noch nichts, <mrk id="m1" type="term">wirklich</mrk>.</target>\n'
    ) in out
    assert '<segment state="reviewed">' in out
    again = by_id(read_bilingual(out, "a.xlf", "xliff"))
    assert (again["u2"].state, again["u1/s1"].state) == (State.REVIEWED, State.TRANSLATED)


def test_tmx_write_inserts_missing_tuv() -> None:
    text, file = read("sample.tmx")
    out = write_bilingual(text, file, {2: "Noch kein Deutsch", 1: "Sag \ue000hi\ue001"}, {})
    assert (
        '      <tuv xml:lang="en-US"><seg>No German yet</seg></tuv>\n'
        '      <tuv xml:lang="de-DE"><seg>Noch kein Deutsch</seg></tuv>\n'
    ) in out
    assert '<seg>Sag <hi type="x">hi</hi></seg>' in out


def test_po_write_targets_and_fuzzy() -> None:
    text, file = read("sample.po")
    out = write_bilingual(
        text,
        file,
        {0: 'Öffne "%s"\n', 1: "Kurz.", 4: "Sag hallo"},
        {0: State.REVIEWED, 4: State.TRANSLATED, 5: State.FUZZY},
    )
    assert '#, c-format\nmsgctxt "menu"\nmsgid "Open %s"\nmsgstr "Öffne \\"%s\\"\\n"\n' in out
    assert 'msgstr ""\n"Kurz."\n' in out  # a wrapped msgstr stays wrapped
    assert '#, fuzzy\nmsgid "Say' not in out and 'msgstr "Sag hallo"' in out  # line removed
    assert '#, fuzzy\nmsgid "Untranslated"' in out
    again = read_bilingual(out, "a.po", "po").units
    assert [u.target for u in again[:2]] == ['Öffne "%s"\n', "Kurz."]
    assert [u.state for u in again] == [
        State.TRANSLATED,
        State.TRANSLATED,
        State.TRANSLATED,
        State.TRANSLATED,
        State.TRANSLATED,
        State.NEW,  # empty stays NEW; the fuzzy flag is there
    ]
    assert again[5].raw_state == "fuzzy"


def test_po_plural_forms_share_the_fuzzy_flag() -> None:
    text = 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    file = read_bilingual(text, "a.po", "po")
    out = write_bilingual(text, file, {}, {0: State.FUZZY})
    assert out.startswith("#, fuzzy\nmsgid")
    file = read_bilingual(out, "a.po", "po")
    assert write_bilingual(out, file, {}, {0: State.REVIEWED}) == out  # form 1 still fuzzy
    assert write_bilingual(out, file, {}, {0: State.REVIEWED, 1: State.REVIEWED}) == text


def test_po_new_line_break_uses_gettext_layout() -> None:
    text = 'msgid "a"\r\nmsgstr "b"\r\n'
    out = write_bilingual(text, read_bilingual(text, "a.po", "po"), {0: "x\ny"}, {})
    assert out == 'msgid "a"\r\nmsgstr ""\r\n"x\\n"\r\n"y"\r\n'


def test_table_write_quotes_only_when_needed() -> None:
    text, file = read("sample.tsv")
    out = write_bilingual(text, file, {0: "Hallo\tdu", 1: "kein Zitat", 3: 'Leer "x"'}, {})
    assert out.splitlines()[1:5] == [
        '1\tHello world\t"Hallo\tdu"\tgreeting',
        '2\t"Quoted" start\tkein Zitat\t',
        '3\tTab inside\t"Tab\there"\t',
        '4\tEmpty\tLeer "x"\t',
    ]
    text, file = read("sample.csv")
    out = write_bilingual(text, file, {1: 'Sie sagte "hi"', 2: "a,b", 0: "Hallo"}, {})
    assert out.split("\r\n")[1:4] == [
        '"Hello, world","Hallo"',
        '"She said ""hi""","Sie sagte ""hi"""',
        'Plain,"a,b"',
    ]


def test_table_written_with_options_columns() -> None:
    text = "id;en;de;fr\n1;one;eins;un\n"
    file = read_bilingual(text, "t.csv", "csv", columns=("en", "fr"))
    assert write_bilingual(text, file, {0: "une"}, {}) == "id;en;de;fr\n1;one;eins;une\n"


def test_aligned_write() -> None:
    target = "Eins.\r\nZwei.\r\n"
    file = aligned_units("One.\nTwo.\n", target, "s", "t")
    assert write_bilingual(target, file, {1: "Zwo."}, {1: State.REVIEWED}) == "Eins.\r\nZwo.\r\n"


# Targets that cannot be written


def xliff_unit(source: str, target: str) -> str:
    return (
        '<xliff version="1.2"><file><body><trans-unit id="u&amp;1">'
        f"<source>{source}</source><target>{target}</target>"
        "</trans-unit></body></file></xliff>"
    )


def one_line_error(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    message = str(excinfo.value)
    assert "\n" not in message and message
    return message


def tag(unit: Unit, label: str) -> str:
    return next(t.char for t in unit.tags if t.label == label)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t, u: t.replace(tag(u, "</1>"), ""),
            "unit u&1: tag <1> is opened and never closed",
        ),
        (lambda t, u: tag(u, "</1>") + t.replace(tag(u, "</1>"), ""), "tag </1> closes a tag it"),
        (lambda t, u: t + "\ue0ff", "unit u&1: U+E0FF is not one of its tags"),
        (lambda t, u: t + tag(u, "<x2/>"), "unit u&1: tag <x2/> is used twice"),
        (lambda t, u: t + tag(u, "</3>"), "unit u&1: tag </3> closes a tag it does not match"),
    ],
)
def test_unwritable_targets(change: object, expected: str) -> None:
    text = xliff_unit(
        'a <g id="1">b <g id="3">c</g></g><x id="2"/>', 'A <g id="1">B</g><x id="2"/>'
    )
    file = read_bilingual(text, "a.xlf", "xliff")
    unit = file.units[0]
    new = change(unit.target, unit)  # type: ignore[operator]
    with pytest.raises(InputError) as excinfo:
        write_bilingual(text, file, {0: new}, {})
    assert expected in one_line_error(excinfo)


def test_crossed_pairs_are_refused() -> None:
    text = xliff_unit('<g id="1">a<g id="2">b</g></g>', '<g id="1">A<g id="2">B</g></g>')
    file = read_bilingual(text, "a.xlf", "xliff")
    o1, o2, c2, c1 = (t.char for t in file.units[0].tags)
    with pytest.raises(InputError) as excinfo:
        write_bilingual(text, file, {0: f"{o1}A{o2}B{c1}{c2}"}, {})
    assert "closes a tag it does not match" in one_line_error(excinfo)
    # a tag only in the source is written with the source's markup
    only_source = xliff_unit('a <x id="9"/>', "A")
    file = read_bilingual(only_source, "a.xlf", "xliff")
    out = write_bilingual(only_source, file, {0: "A " + file.units[0].tags[0].char}, {})
    assert '<target>A <x id="9"/></target>' in out


def test_line_break_in_aligned_target_is_refused() -> None:
    file = aligned_units("a\n", "b\n", "s", "t")
    with pytest.raises(InputError) as excinfo:
        write_bilingual("b\n", file, {0: "b\nc"}, {})
    assert "unit 1: a line break" in one_line_error(excinfo)


def test_po_unit_ids_in_errors_stay_on_one_line() -> None:
    text = 'msgid "a\\nb"\nmsgstr "x"\n'
    file = read_bilingual(text, "a.po", "po")
    with pytest.raises(InputError) as excinfo:
        write_bilingual(text, file, {0: "\ue123"}, {})
    assert "unit a\\nb:" in one_line_error(excinfo)


# Malformed input


BAD_INPUTS = [
    (
        "a.xlf",
        "xliff",
        '<xliff version="1.2"><file>',
        "a.xlf:1:28: malformed XML (no element found)",
    ),
    (
        "a.xlf",
        "xliff",
        "<xliff version='1.2'><a></b></xliff>",
        "a.xlf:1:27: malformed XML (mismatched tag)",
    ),
    (
        "bomb.xlf",
        "xliff",
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<xliff/>',
        "bomb.xlf:2:1: DOCTYPE declarations are not accepted",
    ),
    ("a.xlf", "xliff", '<xliff version="1.1"/>', "a.xlf:1:1: unsupported XLIFF version 1.1"),
    ("a.xlf", "xliff", "<tmx/>", "a.xlf:1:1: not XLIFF (root element <tmx>)"),
    (
        "a.xlf",
        "xliff",
        '<xliff version="1.2"><file><body><trans-unit id="1"/></body></file></xliff>',
        "a.xlf:1:34: trans-unit without <source>",
    ),
    (
        "m.tmx",
        "tmx",
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg>'
        '</tuv><tuv xml:lang="de"><seg>b</seg></tuv><tuv xml:lang="fr"><seg>c</seg></tuv></tu>'
        "</body></tmx>",
        "m.tmx: TMX has several target languages (de, fr): choose one with --target-language",
    ),
    ("a.po", "po", 'msgid "a"\nmsgstr "b\n', "a.po:2:8: unterminated or malformed string"),
    ("a.po", "po", 'msgid "a"\n', "a.po:1:1: msgid without msgstr"),
    ("a.po", "po", 'msgid "a\\q"\nmsgstr "b"\n', "a.po:1:9: unknown escape \\q"),
    ("a.po", "po", 'msgid "a"\nmsgstr "b"\nhello\n', "a.po:3:1: unexpected text 'hello'"),
    ("a.po", "po", 'msgid "a"\nmsgstr[0] "b"\n', "a.po:2:1: msgstr[n] without msgid_plural"),
    (
        "a.tsv",
        "tsv",
        "foo\tbar\na\tb\n",
        "a.tsv: no source column found in the header (columns: foo, bar); name them with "
        "--columns SOURCE,TARGET",
    ),
    ("a.csv", "csv", 'source,target\n"a,b\n', "a.csv:2:1: a quoted field is never closed"),
    (
        "a.csv",
        "csv",
        'source,target\n"a"b,c\n',
        "a.csv:2:4: text after the closing quote of a field",
    ),
    (
        "a.csv",
        "csv",
        "source,target\nonly\n",
        "a.csv:2:1: row 1 has 1 fields, not the 2 the header needs",
    ),
    ("a.csv", "csv", "", "a.csv: no header row"),
]


@pytest.mark.parametrize(("name", "fmt", "text", "expected"), BAD_INPUTS)
def test_malformed_input_is_one_line_error(name: str, fmt: str, text: str, expected: str) -> None:
    with pytest.raises(InputError) as excinfo:
        read_bilingual(text, name, fmt)
    assert one_line_error(excinfo).startswith(expected)


def test_tmx_target_language_chooses_the_tuv() -> None:
    text = BAD_INPUTS[6][2]
    file = read_bilingual(text, "m.tmx", "tmx", target_language="fr")
    assert (file.units[0].target, file.target_language) == ("c", "fr")


def test_table_missing_named_column() -> None:
    with pytest.raises(InputError) as excinfo:
        read_bilingual("a,b\n1,2\n", "t.csv", "csv", columns=("a", "c"))
    assert one_line_error(excinfo) == "t.csv: no target column 'c' in the header (columns: a, b)"


def test_aligned_line_count_mismatch() -> None:
    with pytest.raises(InputError) as excinfo:
        aligned_units("a\nb\nc\n", "x\ny\n", "src.en.txt", "mt.de.txt")
    assert one_line_error(excinfo) == (
        "mt.de.txt has 2 lines but its source src.en.txt has 3 lines: line-aligned files need "
        "the same number of lines"
    )


def test_writer_refuses_text_the_units_were_not_read_from() -> None:
    text, file = read("xliff20.xlf")
    with pytest.raises(InputError):
        write_bilingual(text.replace('<unit id="u4">', '<unit id="u5">'), file, {0: "x"}, {})


def test_unknown_format() -> None:
    with pytest.raises(InputError) as excinfo:
        read_bilingual("x", "a.txt", "docx")
    assert "unknown bilingual format 'docx'" in one_line_error(excinfo)
