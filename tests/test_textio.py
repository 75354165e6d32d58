"""Reading text exactly and writing atomically."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review_app.document.textio import (
    MAX_BYTES,
    decode_bytes,
    dominant_newline,
    overwritten_input,
    read_file_bytes,
    read_stream,
    read_text,
    same_file,
    size_text,
    write_atomic,
    write_output,
)
from review_app.errors import InputError, ReviewAppError

GERMAN = "Die Straße führt über die Brücke – „schön“, sagte er. Preis: 5 €\n"


def test_utf8_is_read_without_notice(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(GERMAN.encode("utf-8"))
    text_file = read_text(path)
    assert text_file.text == GERMAN
    assert text_file.encoding == "utf-8"
    assert text_file.notice is None
    assert text_file.encode() == path.read_bytes()


def test_utf8_bom_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GERMAN.encode("utf-8"))
    text_file = read_text(path)
    assert text_file.text == GERMAN  # the BOM is not part of the text
    assert text_file.encoding == "utf-8-sig"
    assert text_file.encode() == path.read_bytes()


def test_cp1252_is_detected_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "Über die Größe der Straße lässt sich streiten. Schöne Grüße aus Köln.\n" * 3
    path.write_bytes(text.encode("cp1252"))
    text_file = read_text(path)
    assert text_file.text == text
    assert text_file.encoding == "cp1252"
    assert "not UTF-8" in (text_file.notice or "")
    assert text_file.encode() == path.read_bytes()


def test_crlf_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Erste Zeile.\r\nZweite Zeile.\r\n")
    text_file = read_text(path)
    assert text_file.text == "Erste Zeile.\r\nZweite Zeile.\r\n"
    assert text_file.newline == "\r\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"Text mit \x00 NUL", "binary"),
        (b"", "empty"),
        (b"  \n\n\t ", "empty"),
    ],
)
def test_bad_content_gives_one_line_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_text(path)
    assert "\n" not in str(info.value)


def test_missing_folder_and_huge_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_text(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"Hallo Welt. " * 1000)
    with pytest.raises(InputError, match="too large"):
        read_text(big, max_bytes=1000)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("geheim")
    path.chmod(0)
    with pytest.raises(InputError, match="permission"):
        read_text(path)


def test_newline_detection() -> None:
    assert dominant_newline("a\nb\n") == "\n"
    assert dominant_newline("a\r\nb\r\nc\n") == "\r\n"
    assert dominant_newline("a\rb\r") == "\r"
    assert dominant_newline("no newline") == "\n"


def test_write_atomic_replaces_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_leaves_no_temp_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "dir-not-file"
    target.mkdir()
    with pytest.raises(OSError):
        write_atomic(target, b"data")
    assert [p.name for p in tmp_path.iterdir()] == ["dir-not-file"]


printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=1,
).filter(lambda t: t.strip())


@given(printable, st.sampled_from(["\n", "\r\n", "\r"]))
def test_utf8_decode_encode_round_trips(body: str, newline: str) -> None:
    data = (body + newline + body).encode("utf-8")
    text, codec, _ = decode_bytes(data)
    assert text.encode(codec) == data


@pytest.mark.parametrize("text", ["Grüße. Ende.", "Über", "ä", "Maß halten!\r\n"])
def test_short_cp1252_text_is_not_mistaken_for_utf16(text: str) -> None:
    decoded, codec, notice = decode_bytes(text.encode("cp1252"), "short.txt")
    assert (decoded, codec) == (text, "cp1252")
    assert notice == "short.txt: not UTF-8, read as CP1252"


def test_write_atomic_follows_symlinks_and_leaves_devices_in_place(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    write_atomic("/dev/null", b"discarded")
    assert Path("/dev/null").is_char_device()


# --- invalid UTF-8 in a UTF-8 file, and files in legacy encodings ----------------------------

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "putin-nordkorea.mt.de.txt"
WMT_REFERENCE = ROOT.parent / "shared" / "corpora" / "wmt24-en-de" / "reference-A.de.txt"

# Text a reader could type: no C0 controls but line breaks and tab, no BOM (it would be
# read as one), no surrogates.
typed_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\u2028\u2029\x85"
    )
    | st.sampled_from("\n\r\t äöüß„“€"),
    max_size=200,
)


def _expected_position(prefix: str) -> tuple[int, int]:
    line = prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n") + 1
    start = max(prefix.rfind("\n"), prefix.rfind("\r")) + 1
    return line, len(prefix) - start + 1


@given(typed_text, typed_text, st.integers(0x80, 0xFF))
def test_a_stray_byte_in_utf8_is_an_error_at_its_line_and_column(
    before: str, after: str, stray: int
) -> None:
    text = before + "ä" + after  # at least one real UTF-8 sequence
    data = before.encode() + bytes([stray]) + "ä".encode() + after.encode()
    line, column = _expected_position(before)
    with pytest.raises(InputError) as info:
        decode_bytes(data, "t.txt")
    assert str(info.value) == (
        f"t.txt: invalid UTF-8 at line {line}, column {column} (byte 0x{stray:02X}; "
        "1 invalid byte in a file that is otherwise UTF-8)"
    )
    assert decode_bytes(text.encode(), "t.txt")[:2] == (text, "utf-8")


def test_the_error_counts_every_invalid_byte() -> None:
    data = "Größe und Maß: ".encode() + b"\xfc\xe4" + "über ".encode() + b"\xdf\n"
    with pytest.raises(InputError, match=r"line 1, column 16 \(byte 0xFC; 3 invalid bytes"):
        decode_bytes(data, "t.txt")


def test_a_bom_declares_utf8_so_even_one_umlaut_in_cp1252_is_an_error() -> None:
    with pytest.raises(InputError, match=r"line 2, column 2 \(byte 0xFC; 1 invalid byte"):
        decode_bytes(b"\xef\xbb\xbfZeile\r\nM\xfcll\r\n", "t.txt")


def test_the_seed_article_in_cp1252_is_read_back_exactly() -> None:
    text = SEED.read_text(encoding="utf-8")
    data = text.encode("cp1252")
    assert decode_bytes(data, "seed.txt") == (
        text,
        "cp1252",
        "seed.txt: not UTF-8, read as CP1252",
    )


@pytest.mark.skipif(not WMT_REFERENCE.exists(), reason="the shared WMT24 corpus is not here")
def test_german_cp1252_paragraphs_are_never_misread() -> None:
    """Each paragraph of the WMT24 human reference on its own, as CP1252: the detector alone
    took about 3% of them for CP850 (Gefõngnisse m³ssen)."""
    paragraphs = WMT_REFERENCE.read_text(encoding="utf-8").splitlines(keepends=True)
    checked = 0
    for paragraph in paragraphs[:400]:
        try:
            data = paragraph.encode("cp1252")
        except UnicodeEncodeError:
            continue
        if data.isascii():
            continue
        checked += 1
        assert decode_bytes(data)[:2] == (paragraph, "cp1252")
    assert checked > 250


def test_a_real_cp850_file_is_still_read_as_cp850() -> None:
    text = "Über die Größe der Straße lässt sich streiten. Schöne Grüße aus Köln.\r\n" * 3
    assert decode_bytes(text.encode("cp850"))[:2] == (text, "cp850")


# --- regular files only, with a hard byte limit; standard input -------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/dev/zero", "/dev/zero: not a regular file (a character device)"),
        ("/dev/null", "/dev/null: not a regular file (a character device)"),
    ],
)
def test_devices_are_refused(path: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == message


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)  # no writer: open() would block for ever
    with pytest.raises(InputError) as info:
        read_text(fifo)
    assert str(info.value) == f"{fifo}: not a regular file (a pipe)"


def test_the_limit_holds_when_the_size_lies() -> None:
    """/proc files say size 0 and then give their content, like a file that grows."""
    assert Path("/proc/self/status").stat().st_size == 0
    with pytest.raises(InputError) as info:
        read_file_bytes("/proc/self/status", max_bytes=100)
    assert str(info.value) == "/proc/self/status: too large (the limit is 100 bytes)"
    assert b"Pid:" in read_file_bytes("/proc/self/status")


def test_a_stream_is_read_up_to_the_limit() -> None:
    text_file = read_stream(io.BytesIO("Grüße.\n".encode()), name="<stdin>")
    assert (text_file.text, text_file.encoding, str(text_file.path)) == (
        "Grüße.\n",
        "utf-8",
        "<stdin>",
    )
    assert read_stream(io.BytesIO(b"x" * 10), max_bytes=10).text == "x" * 10
    with pytest.raises(InputError, match=r"^<stdin>: too large \(the limit is 10 bytes\)$"):
        read_stream(io.BytesIO(b"x" * 11), max_bytes=10)
    with pytest.raises(InputError, match=r"^<stdin>: closed, nothing to read$"):
        read_stream(None)
    with pytest.raises(InputError, match="empty file"):
        read_stream(io.BytesIO(b"\xef\xbb\xbf \n"))
    assert read_stream(io.BytesIO(b"\xef\xbb\xbf"), allow_empty=True).text == ""


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (1023, "1023 bytes"),
        (1024, "1 KiB"),
        (MAX_BYTES, "50 MiB"),
        (MAX_BYTES + 1, "50.1 MiB"),
        (int(63.21 * 1024 * 1024), "63.3 MiB"),
    ],
)
def test_sizes_are_said_in_binary_units_rounded_up(size: int, shown: str) -> None:
    assert size_text(size) == shown


# --- which files are the same, and where output goes ------------------------------------------


def test_same_file_sees_through_links_and_paths(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("a")
    (tmp_path / "b.txt").write_text("a")
    (tmp_path / "hard.txt").hardlink_to(a)
    (tmp_path / "soft.txt").symlink_to("a.txt")
    (tmp_path / "sub").mkdir()
    for same in ("hard.txt", "soft.txt", "sub/../a.txt", "./a.txt"):
        assert same_file(tmp_path / same, a)
    assert not same_file(tmp_path / "b.txt", a)
    assert not same_file(tmp_path / "new.txt", a)
    assert same_file(tmp_path / "new.txt", tmp_path / "sub" / ".." / "new.txt")
    assert overwritten_input(tmp_path / "hard.txt", [tmp_path / "b.txt", a]) == a


def test_write_output_names_the_reason_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(ReviewAppError) as info:
        write_output(tmp_path, b"x")
    assert str(info.value) == f"{tmp_path}: cannot write (it is a folder)"
    with pytest.raises(ReviewAppError, match=r"cannot write \(no space left on the device\)$"):
        write_output("/dev/full", b"x")
    write_output(tmp_path / "new.txt", b"x")
    assert (tmp_path / "new.txt").read_bytes() == b"x"
