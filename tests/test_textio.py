"""Reading text exactly and writing atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review_app.document.textio import decode_bytes, dominant_newline, read_text, write_atomic
from review_app.errors import InputError

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
