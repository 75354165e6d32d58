"""Reports and diffs against hostile input: file text and names that would drive a terminal or
inject Markdown/HTML, answers of an untrusted LanguageTool server, absurdly long lines and
identical lines. Nothing is injected, spans stay exact, output stays bounded."""

from __future__ import annotations

import io
import itertools
import json
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console

from review_app.batch.chunks import CHUNK_CHARACTERS, plan_cuts
from review_app.checking import Flag, Severity
from review_app.checking.run import LONG_TEXT, check_texts, windows
from review_app.cli import main
from review_app.document.visible import escaped
from review_app.report.build import build_report, load_files
from review_app.report.model import CONTEXT_RADIUS
from review_app.report.render_html import render_html
from review_app.report.render_json import render_json
from review_app.report.render_markdown import render_markdown
from review_app.report.render_text import print_text_report, render_text
from tests.lt_server import HOSTILE_MESSAGE, HOSTILE_RULE_ID, LTServer
from tests.wordchecker import WordChecker

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())

# Clear screen, set the title, write the clipboard, a hyperlink, bell, backspaces, vertical
# tab, form feed, DEL, the 8-bit CSI, a bidi override, a zero-width space, Rich and Textual
# markup, HTML, Markdown code and table syntax.
HOSTILE = (
    "Die Lockereung \x1b[2J kam \x1b]0;pwned\x07 und \x1b]52;c;ZXZpbA==\x07 dann "
    "\x1b]8;;http://evil.example\x1b\\Link\x1b]8;;\x1b\\ zurück\x08\x08X \x0bvt \x0cff \x7fdel "
    "\x9b31m rot \u202eevil\u202c null\u200bbreit [b]fett[/] [@click=app.quit] "
    "<script>alert(1)</script> `code` |pipe| Lockereung."
)
BAD_NAME = "<img src=x onerror=alert(1)> `a` [b](javascript:x) \x1b[2J\x07\u202e.txt"
SGR = re.compile(r"\x1b\[[0-9;]*m")
KNOWN = {"Lockereung": ("Lockerung", Severity.ERROR), "Fehlr": ("Fehler", Severity.WARNING)}


def raw_controls(text: str, allowed: str = "\n") -> list[str]:
    """C0 controls (but `allowed`), DEL and C1 controls: what a terminal would act on."""
    return [c for c in text if (ord(c) < 0x20 and c not in allowed) or 0x7F <= ord(c) <= 0x9F]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("REVIEW_APP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REVIEW_APP_CHECKER", "offline")
    monkeypatch.delenv("REVIEW_APP_LANGUAGETOOL_URL", raising=False)


@pytest.fixture()
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / BAD_NAME
    path.write_text(HOSTILE + "\n", encoding="utf-8")
    return path


def report_of(paths: Sequence[Path], known: dict | None = None):
    loaded, failures = load_files(paths)
    return build_report(loaded, WordChecker(known or KNOWN), failures)


# --- terminals -----------------------------------------------------------------------------


def test_text_report_on_stdout_shows_controls_and_never_sends_them(hostile_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "review_app", "report", "-q", str(hostile_file)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert raw_controls(result.stdout) == []
    assert raw_controls(result.stderr) == []
    shown = " ".join(result.stdout.split())
    # the name is shown whole: ESC, BEL and the bidi override visibly
    assert escaped(BAD_NAME) in shown
    for visible in ("␛[2J", "␛]0;pwned␇", "zurück␈␈X", "⟨U+009B⟩31m", "⟨U+202E⟩evil"):
        assert visible in shown


def test_rich_would_drop_bel_backspace_vt_ff_so_they_are_shown(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    padding = "Ein ganz gewöhnlicher Satz ohne Fehler steht hier. " * 3
    path.write_text(padding + "Ein\x07 \x08Fehlr \x0bhier\x0c.\n", encoding="utf-8")
    text = render_text(report_of([path]))
    assert "Ein␇ ␈Fehlr ␋hier␌." in text
    assert raw_controls(text) == []


def test_coloured_terminal_output_holds_only_colour_codes(hostile_file: Path) -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=100)
    print_text_report(report_of([hostile_file]), console)
    out = buffer.getvalue()
    assert "\x1b[" in out  # colours, from us
    assert raw_controls(SGR.sub("", out)) == []
    assert "\x1b]" not in out  # no OSC: no title, clipboard or hyperlink


def test_json_offsets_count_the_real_characters(hostile_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["report", "-q", "-f", "json", "-o", str(out), str(hostile_file)]) == 1
    raw = out.read_text(encoding="utf-8")
    assert raw_controls(raw) == []  # C0 by json, C1 and DEL by us, as \u escapes
    data = json.loads(raw)
    jsonschema.validate(data, SCHEMA)
    [file] = data["files"]
    assert file["path"] == str(hostile_file)
    text = hostile_file.read_text(encoding="utf-8")
    flags = [f for f in file["flags"] if f["text"] == "Lockereung"]
    assert [f["span"] for f in flags] == [[4, 14], [len(HOSTILE) - 11, len(HOSTILE) - 1]]
    for flag in file["flags"]:
        assert text[slice(*flag["span"])] == flag["text"]
        s, e = flag["segment_span"]
        assert (
            flag["context"][s - flag["context_start"] : e - flag["context_start"]] == flag["text"]
        )
    assert hostile_file.read_text(encoding="utf-8") == HOSTILE + "\n"  # untouched


def test_diff_text_markdown_and_unified_show_controls(tmp_path: Path, capsys) -> None:
    original = tmp_path / "a.txt"
    revised = tmp_path / BAD_NAME
    original.write_text(HOSTILE + "\nZweite\rZeile.\n", encoding="utf-8")
    revised.write_text(HOSTILE.replace("Lockereung", "Lockerung") + "\nZweite\rZeile!\n")
    for extra in ([], ["-f", "markdown"], ["--unified"], ["-f", "html"], ["-f", "json"]):
        assert main(["diff", str(original), str(revised), *extra]) == 0
        out = capsys.readouterr().out
        assert raw_controls(out, allowed="\n\t") == [], extra
        if extra in ([], ["--unified"]):
            assert "␛[2J" in out and "⟨U+009B⟩" in out and "⟨U+202E⟩" in out
            assert escaped(BAD_NAME) in " ".join(out.split())
    assert main(["diff", str(original), str(revised), "--unified"]) == 0
    unified = capsys.readouterr().out
    assert "-Zweite\n" not in unified  # a bare CR ends a line, as everywhere in review-app
    assert "+Zeile!\n" in unified and "-Zeile.\n" in unified


# --- Markdown and HTML ---------------------------------------------------------------------

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# What our Markdown may become; `em`, `a`, `img` or any HTML from the data would be injection.
MARKDOWN_TAGS = {
    "h1",
    "h2",
    "p",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "strong",
    "blockquote",
    "ul",
    "li",
}


class Elements(HTMLParser):
    """Tags, attributes and text of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_markdown_report_escapes_names_text_and_messages(hostile_file: Path) -> None:
    markdown = render_markdown(report_of([hostile_file]))
    assert raw_controls(markdown) == []
    page = Elements(MARKDOWN.render(markdown))
    assert {tag for tag, _ in page.tags} <= MARKDOWN_TAGS
    assert all(not attrs for _, attrs in page.tags)
    text = "".join(page.text)
    assert escaped(BAD_NAME) in text  # the heading is the name, literally
    assert "<script>alert(1)</script>" in text and "[@click=app.quit]" in text
    assert "`code` |pipe|" in text


def test_diff_markdown_escapes_names_and_sentences(tmp_path: Path, capsys) -> None:
    original, revised = tmp_path / BAD_NAME, tmp_path / "b ``x`` .txt"
    original.write_text(HOSTILE + "\n", encoding="utf-8")
    revised.write_text(HOSTILE.replace("Lockereung", "Lockerung") + "\n", encoding="utf-8")
    assert main(["diff", str(original), str(revised), "-f", "markdown"]) == 0
    page = Elements(MARKDOWN.render(capsys.readouterr().out))
    assert not {tag for tag, _ in page.tags} & {"img", "a", "script"}
    text = "".join(page.text)
    assert escaped(str(original)) in text and str(revised) in text
    assert "<script>alert(1)</script>" in text


HTML_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "p",
    "br",
    "span",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "mark",
    "small",
    "b",
    "footer",
    "del",
    "ins",
    "input",
    "label",
    "details",
    "summary",
    "ul",
    "li",
}
HTML_ATTRIBUTES = {"lang", "charset", "name", "content", "class", "type", "id", "checked", "for"}


def assert_html_is_ours(html: str) -> Elements:
    page = Elements(html)
    assert {tag for tag, _ in page.tags} <= HTML_TAGS
    for _, attrs in page.tags:
        assert set(attrs) <= HTML_ATTRIBUTES
        assert all(re.fullmatch(r"[\w .,=;-]*", value or "") for value in attrs.values()), attrs
    assert raw_controls(html) == []
    return page


def test_html_report_escapes_everything_also_attributes(hostile_file: Path) -> None:
    page = assert_html_is_ours(render_html(report_of([hostile_file])))
    text = "".join(page.text)
    assert escaped(BAD_NAME) in text
    assert "<script>alert(1)</script>" in text and "␛]52;c;ZXZpbA==␇" in text


def test_diff_html_escapes_everything(tmp_path: Path, capsys) -> None:
    original, revised = tmp_path / BAD_NAME, tmp_path / 'b" onmouseover="x.txt'
    original.write_text(HOSTILE + "\n", encoding="utf-8")
    revised.write_text(HOSTILE.replace("Lockereung", "Lockerung") + "\n", encoding="utf-8")
    assert main(["diff", str(original), str(revised), "-f", "html"]) == 0
    page = assert_html_is_ours(capsys.readouterr().out)
    assert str(revised) in "".join(page.text)


def test_languagetool_messages_and_rule_ids_stay_literal(
    lt_server: LTServer, tmp_path: Path
) -> None:
    source = tmp_path / "t.txt"
    source.write_text("Ein Fehlr ANTWORT_FEINDLICH.\n", encoding="utf-8")
    outputs = {}
    for fmt in ("text", "markdown", "html", "json"):
        out = tmp_path / f"r.{fmt}"
        args = ["report", "-q", "-f", fmt, "-o", str(out), "--checker", "languagetool"]
        assert main([*args, "--languagetool-url", lt_server.url, str(source)]) == 1
        outputs[fmt] = out.read_text(encoding="utf-8")
        assert raw_controls(outputs[fmt]) == [], fmt
    data = json.loads(outputs["json"])
    flags = data["files"][0]["flags"]
    assert {f["rule_id"] for f in flags} == {"GERMAN_SPELLER_RULE", HOSTILE_RULE_ID, "FEIND"}
    assert all(
        0 <= f["span"][0] <= f["span"][1] <= len("Ein Fehlr ANTWORT_FEINDLICH.") for f in flags
    )
    assert HOSTILE_MESSAGE in {f["message"] for f in flags}
    assert "malformed LanguageTool matches dropped" in data["checker"]["description"]
    assert escaped(HOSTILE_RULE_ID) in " ".join(outputs["text"].split())
    markdown_text = "".join(Elements(MARKDOWN.render(outputs["markdown"])).text)
    assert escaped(HOSTILE_MESSAGE) in markdown_text and HOSTILE_RULE_ID in markdown_text
    html_text = "".join(assert_html_is_ours(outputs["html"]).text)
    assert escaped(HOSTILE_MESSAGE) in html_text


# --- long lines, identical lines -----------------------------------------------------------

WORDS = ("und", "die", "Regierung", "hat", "Lockereung", "der", "Regeln", "beschlossen", "heute")


def long_line(characters: int, seed: int = 8) -> str:
    """German-looking words, no full stop: one segment however long."""
    pick = random.Random(seed).choice
    parts: list[str] = []
    size = 0
    while size < characters:
        parts.append(pick(WORDS))
        size += len(parts[-1]) + 1
    return " ".join(parts)[:characters]


def test_a_long_line_gives_a_bounded_report_with_exact_spans(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    line = long_line(100_000)
    path.write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["report", "-q", "-f", "json", "-o", str(out), "--fail-on=hint", str(path)]) == 1
    size = out.stat().st_size
    data = json.loads(out.read_text(encoding="utf-8"))
    [file] = data["files"]
    flags = file["flags"]
    assert len(flags) >= line.count("Lockereung")
    # the sentence once, the flags with capped context: 100 KB + under 1 KB a flag (it was
    # 100 KB a flag: 317 MB for these 3,170 flags)
    assert size < 200_000 + 1_000 * len(flags), size
    assert [s["text"] for s in file["sentences"]] == [line]
    assert any("checked in pieces" in n for n in file["notices"])
    for flag in flags:
        assert line[slice(*flag["span"])] == flag["text"]
        assert len(flag["context"]) <= 2 * CONTEXT_RADIUS + len(flag["text"])
    assert [f["span"][0] for f in flags if f["text"] == "Lockereung"] == [
        m.start() for m in re.finditer("Lockereung", line)
    ]


def test_long_line_text_markdown_html_show_capped_context(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(long_line(30_000) + "\n", encoding="utf-8")
    report = report_of([path])
    per_flag = 2 * CONTEXT_RADIUS + 400
    for render in (render_text, render_markdown, render_html):
        out = render(report)
        assert len(out) < 5_000 + per_flag * len(report.files[0].flags), render
        assert "…" in out


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Fehlr", "Lockereung", "gut", "ist", "x", "  ", "\t", "ää", "Ö-Ö"]),
        min_size=400,
        max_size=2_000,
    ).map(" ".join),
    st.integers(min_value=0, max_value=3),
)
def test_windows_find_exactly_the_flags_of_the_whole_text(text: str, prefix_spaces: int) -> None:
    text = " " * prefix_spaces + text
    checker = WordChecker(KNOWN)
    [whole] = checker.check([text])
    [windowed] = check_texts([text], checker)
    assert windowed == whole
    if len(text) > LONG_TEXT:
        assert len(windows(text)) > 1


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\x1b\u202e"), min_size=2_001, max_size=9_000))
def test_windows_cover_the_text_once(text: str) -> None:
    parts = windows(text)
    assert parts[0].keep_start == 0 and parts[-1].keep_end == len(text)
    for before, after in itertools.pairwise(parts):
        assert before.keep_end == after.keep_start
    for w in parts:
        assert w.start <= w.keep_start < w.keep_end <= w.end <= len(text)
        assert w.end - w.start <= LONG_TEXT


class CountingChecker(WordChecker):
    def __init__(self, known: dict) -> None:
        super().__init__(known)
        self.checked: list[str] = []

    def check(self, texts: Sequence[str], *, suggest: bool = True) -> list[list[Flag]]:
        self.checked.extend(texts)
        return super().check(texts, suggest=suggest)


def test_identical_lines_are_checked_once_a_chunk(tmp_path: Path) -> None:
    path = tmp_path / "same.txt"
    path.write_text("Die Lockereung kam heute.\n" * 20_000, encoding="utf-8")
    checker = CountingChecker(KNOWN)
    loaded, _ = load_files([path])
    report = build_report(loaded, checker)
    chunks = len(plan_cuts(loaded[0].text, CHUNK_CHARACTERS))
    assert chunks == 3  # 520,000 characters
    assert checker.checked == ["Die Lockereung kam heute."] * chunks
    assert report.summary.flags == 20_000
    assert [f.line for f in report.files[0].flags][-3:] == [19_998, 19_999, 20_000]


# --- fuzz: anything through the four formats -------------------------------------------------


@pytest.fixture(scope="module")
def offline() -> Iterator[object]:
    """The real offline checker, once for all examples (it loads a dictionary)."""
    from review_app.checking.select import make_checker
    from review_app.config import load_settings

    with tempfile.TemporaryDirectory() as config, pytest.MonkeyPatch.context() as patch:
        patch.setenv("REVIEW_APP_CONFIG_DIR", config)
        patch.setenv("REVIEW_APP_CHECKER", "offline")
        checker = make_checker(load_settings(None))
        yield checker
        checker.close()


PIECES = st.sampled_from(
    [
        "Lockereung",
        "Fehlr",
        "Die",
        "der",
        "der",
        "ist",
        " ",
        "  ",
        ".",
        ",",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\x1b[2J",
        "\x1b]0;t\x07",
        "\x1b]52;c;eA==\x07",
        "\x08",
        "\x7f",
        "\x9b",
        "\x85",
        "\u2028",
        "\u202e",
        "\u2066",
        "\u200b",
        "\ufeff",
        "[b]",
        "[/]",
        "[@click=x]",
        "<script>",
        "</td>",
        "&amp;",
        "`",
        "``",
        "|",
        "*",
        "_",
        "\\",
        "#",
        "~~",
        "![x](y)",
        "\U0001f600",
        "é",
        "ß",
        "z. B.",
        "https://x.org/a_b",
        "aaaa" * 700,
    ]
)
HOSTILE_TEXT = st.one_of(
    st.lists(PIECES, max_size=60).map("".join),
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda b: b.decode("utf-8", errors="replace")),
)
NAMES = st.text(
    alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=40,
).filter(lambda n: n not in (".", "..") and len(n.encode("utf-8")) < 200)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=HOSTILE_TEXT, raw=st.binary(max_size=200), name=NAMES)
def test_fuzz_report_in_four_formats(offline, content: str, raw: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        text_file = Path(folder) / (name + ".txt")
        byte_file = Path(folder) / "bytes.txt"
        text_file.write_text(content, encoding="utf-8", newline="")
        byte_file.write_bytes(raw)
        loaded, failures = load_files([text_file, byte_file])
        report = build_report(loaded, offline, failures)
        check_text_formats(report)
        check_json(report, loaded)


def check_text_formats(report) -> None:
    plain = render_text(report)
    assert raw_controls(plain) == []
    buffer = io.StringIO()
    print_text_report(
        report, Console(file=buffer, force_terminal=True, color_system="256", width=80)
    )
    assert raw_controls(SGR.sub("", buffer.getvalue())) == []
    markdown = render_markdown(report)
    assert raw_controls(markdown) == []
    rendered = Elements(MARKDOWN.render(markdown))
    assert {tag for tag, _ in rendered.tags} <= MARKDOWN_TAGS
    assert all(not attrs for _, attrs in rendered.tags)
    assert_html_is_ours(render_html(report))


def check_json(report, loaded) -> None:
    raw = render_json(report)
    assert raw_controls(raw) == []
    data = json.loads(raw)
    jsonschema.validate(data, SCHEMA)
    texts = {str(item.path): item.text for item in loaded}
    for file in data["files"]:
        text = texts[file["path"]]
        for sentence in file["sentences"]:
            assert text[slice(*sentence["span"])] == sentence["text"]
        sentences = {s["segment"]: s["text"] for s in file["sentences"]}
        for flag in file["flags"]:
            assert text[slice(*flag["span"])] == flag["text"]
            s, e = flag["segment_span"]
            assert sentences[flag["segment"]][s:e] == flag["text"]
            start = flag["context_start"]
            assert sentences[flag["segment"]][start:].startswith(flag["context"])


def test_a_long_segment_reaches_languagetool_in_windows(lt_server: LTServer) -> None:
    from review_app.checking.languagetool import connect
    from tests.test_languagetool import lt_settings

    text = " ".join(f"Satz {i} hat einen Fehlr und geht weiter" for i in range(600))
    checker = connect(lt_settings(lt_server))
    lt_server.state.reset()
    [flags] = check_texts([text], checker)
    assert [(f.start, text[f.start : f.end]) for f in flags] == [
        (m.start(), "Fehlr") for m in re.finditer("Fehlr", text)
    ]
    sent = [r.params["text"] for r in lt_server.state.checks()]
    assert len(sent) == 1  # all windows in one request, none longer than LONG_TEXT
    assert max(map(len, sent[0].split("\n\n"))) <= LONG_TEXT
    checker.close()


@pytest.mark.parametrize("joined", ["sentences", "no full stops"])
def test_the_offline_checker_finds_the_same_flags_in_windows(offline, joined: str) -> None:
    from review_app.checking.run import check_units

    article = (ROOT / "corpus" / "putin-nordkorea.mt.de.txt").read_text(encoding="utf-8")
    text = " ".join(article.replace(".", "" if joined == "no full stops" else ".").split())
    assert len(windows(text)) >= 3
    offline.prepare([text])
    [whole] = offline.check([text])
    offline.prepare(check_units([text]))
    [windowed] = check_texts([text], offline)
    assert len(whole) > 20
    assert [(f.start, f.end, f.rule_id, f.suggestions) for f in windowed] == [
        (f.start, f.end, f.rule_id, f.suggestions) for f in whole
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_a_report_streamed_to_a_file_equals_the_one_on_stdout(
    hostile_file: Path, tmp_path: Path, capsys, fmt: str
) -> None:
    out = tmp_path / f"r.{fmt}"
    assert main(["report", "-q", "-f", fmt, "-o", str(out), str(hostile_file)]) == 1
    assert capsys.readouterr().out == ""
    assert main(["report", "-q", "-f", fmt, str(hostile_file)]) == 1
    assert out.read_bytes().decode("utf-8") == capsys.readouterr().out
