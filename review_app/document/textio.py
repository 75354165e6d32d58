"""Reading text files exactly (encoding, BOM, newlines remembered) and writing them atomically.

Everything read is untrusted: only regular files are opened (a device or a pipe could be endless
or block forever; standard input is read only when asked for with `-`), and no read takes more
than `MAX_BYTES` + 1 bytes, whatever the file claims to be.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import hashlib
import io
import math
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from review_app.errors import InputError, ReviewAppError

KIB = 1024
MIB = 1024 * KIB
MAX_BYTES = 50 * MIB
_SNIFF_BYTES = 8192
_READ_CHUNK = MIB
_WESTERN_CODECS = ("cp1252", "cp1250", "iso8859_15", "latin_1", "mac_roman", "cp850")
_LATIN_FAMILIES = ("cp125", "iso8859", "latin", "mac-", "windows-125")
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check must not block open()
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_NOT_BLANK = re.compile(r"[^\s\ufeff]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # an undecodable byte under "surrogateescape"
_NON_ASCII = re.compile("[^\x00-\x7f]")


@dataclass(frozen=True)
class TextFile:
    """A decoded text file and what is needed to write it back byte for byte."""

    path: Path
    text: str
    encoding: str  # a Python codec name; "utf-8-sig" when the file starts with a BOM
    newline: str  # the dominant line ending: "\n", "\r\n" or "\r"
    notice: str | None = None  # said to the user, e.g. when the encoding was guessed
    sha256: str = ""  # of the bytes read, to tell later whether the file changed on disk

    def encode(self, text: str | None = None) -> bytes:
        """The bytes of `text` (default: the original text) in this file's encoding."""
        return (self.text if text is None else text).encode(self.encoding)


@dataclass(frozen=True)
class StandardInput:
    """Standard input as a source, read only when the user gives `-` explicitly."""

    name: str = "<stdin>"

    def __str__(self) -> str:
        return self.name


STDIN = StandardInput()
STDIN_ARGUMENT = "-"


def size_text(n: int) -> str:
    """`n` bytes for people, in binary units, rounded up: "50 MiB", "63.2 MiB", "12 bytes"."""
    for unit, name in ((MIB, "MiB"), (KIB, "KiB")):
        if n >= unit:
            value = math.ceil(n * 10 / unit) / 10
            return f"{value:.1f}".removesuffix(".0") + f" {name}"
    return f"{n} bytes"


def dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf >= lf and crlf >= cr and crlf:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 9 or (13 < b < 32 and b != 27))
    return bool(head) and controls / len(head) > 0.05


def line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset` in UTF-8 `data`, valid up to
    `offset`; lines end at LF, CRLF or a lone CR, as everywhere else in review-app."""
    head = data[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    line_start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    return line, len(head[line_start:].decode("utf-8")) + 1


def _invalid_utf8(data: bytes, offset: int, name: str, invalid: int) -> InputError:
    line, column = line_and_column(data, offset)
    return InputError(
        f"{name}: invalid UTF-8 at line {line}, column {column} (byte 0x{data[offset]:02X}; "
        f"{invalid} invalid {'byte' if invalid == 1 else 'bytes'} in a file that is "
        "otherwise UTF-8)"
    )


def _utf8_damage(data: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 sequences, bytes that are not UTF-8) in `data`."""
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED_BYTE.findall(text))
    return len(_NON_ASCII.findall(text)) - invalid, invalid


def _decode_utf8(data: bytes, name: str, *, declared: bool) -> str | None:
    """`data` as UTF-8; None when it is mostly not UTF-8 (a legacy encoding) and not
    `declared` (by a BOM). A UTF-8 file with a few bad bytes is an error, never mojibake."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    valid, invalid = _utf8_damage(data)
    # In CP1252/Latin-1 German, an umlaut byte is almost never followed by the continuation
    # bytes UTF-8 needs, so such a file has next to no valid multi-byte sequences; a UTF-8 file
    # with a stray byte has at least as many valid sequences as bad bytes.
    if declared or valid >= invalid:
        raise _invalid_utf8(data, first, name, invalid)
    return None


_GERMAN_LETTERS = frozenset("äöüßÄÖÜ")
_TYPOGRAPHY = frozenset("„“”‚‘’«»‹›–—…€°§·\u00a0")


def _german_plausibility(text: str) -> int:
    """How German a decoding looks: umlauts and ß count most, other Latin letters and
    typographic punctuation a little, C1 controls against it; box drawing, ³, ¤ not at all."""
    score = 0
    for char in _NON_ASCII.findall(text):
        if char in _GERMAN_LETTERS:
            score += 2
        elif char in _TYPOGRAPHY or ("\u00c0" <= char <= "\u024f" and char not in "×÷"):
            score += 1
        elif "\x80" <= char <= "\x9f":
            score -= 2
    return score


def _cp1252_or_latin1(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # one of the five bytes CP1252 leaves undefined
        return data.decode("latin-1"), "latin-1"


def _decode_legacy(data: bytes, name: str) -> tuple[str, str, str]:
    from charset_normalizer import from_bytes

    # Only Western single-byte codecs are plausible for German text that is not UTF-8 (and
    # has no NUL bytes); left free, the detector reads short CP1252 text as UTF-16 or EBCDIC.
    best = from_bytes(data, cp_isolation=list(_WESTERN_CODECS)).best()
    codec = codecs.lookup(best.encoding).name if best is not None else "cp1252"
    # German umlauts sit at the same bytes in CP1250, CP1252 and the ISO-8859 family, so the
    # detector's pick among them is a coin toss, and it takes about 3% of German CP1252
    # paragraphs for CP850 ("Gefõngnisse m³ssen"). German text that is not UTF-8 is almost
    # always CP1252 (Latin-1 plus „“ and €): keep another pick only when it reads as more
    # German (a real CP850 or Mac file, whose umlauts are C1 bytes in CP1252).
    text, fallback = _cp1252_or_latin1(data)
    if not codec.startswith(_LATIN_FAMILIES):
        try:
            other = data.decode(codec)
        except UnicodeDecodeError:
            other = None
        if other is not None and _german_plausibility(other) > _german_plausibility(text):
            if other.encode(codec) != data:
                raise InputError(f"{name}: encoding {codec} does not round-trip; save it as UTF-8")
            return other, codec, f"{name}: not UTF-8, read as {codec}"
    label = "CP1252" if fallback == "cp1252" else "Latin-1"
    return text, fallback, f"{name}: not UTF-8, read as {label}"


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str, str | None]:
    """Decode `data`; return (text, codec, notice). Raise InputError when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        return _decode_utf8(body, name, declared=True) or "", "utf-8-sig", None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", f"{name}: read as UTF-16"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: starts like UTF-16 but is not valid UTF-16 ({exc.reason} at byte "
                f"{exc.start})"
            ) from None
    if _looks_binary(data):
        raise InputError(f"{name}: binary file, not text")
    text = _decode_utf8(data, name, declared=False)
    if text is not None:
        return text, "utf-8", None
    return _decode_legacy(data, name)


def _too_large(name: str, max_bytes: int, size: int | None = None) -> InputError:
    what = "" if size is None else f"{size_text(size)}; "
    return InputError(f"{name}: too large ({what}the limit is {size_text(max_bytes)})")


def _read_at_most(read: Callable[[int], bytes], max_bytes: int, name: str, hint: int) -> bytes:
    """Everything `read` gives, but never more than `max_bytes` + 1 bytes: a file that grows
    while it is read, or an endless stream, is refused as too large."""
    chunk = max(hint + 1, _READ_CHUNK)  # a regular file usually comes in one read
    parts: list[bytes] = []
    total = 0
    while total <= max_bytes:
        part = read(min(chunk, max_bytes + 1 - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
    if total > max_bytes:
        raise _too_large(name, max_bytes)
    return b"".join(parts)


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def _require_regular(name: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"{name}: is a folder, not a file")
    kind = next((kind for test, kind in _KINDS if test(mode)), "not a file")
    raise InputError(f"{name}: not a regular file ({kind})")


def _read_error(name: str, exc: OSError | ValueError) -> InputError:
    if isinstance(exc, ValueError):
        return InputError(f"{name}: cannot read ({exc})")
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{name}: no such file")
    if isinstance(exc, PermissionError):
        return InputError(f"{name}: permission denied")
    return InputError(f"{name}: cannot read ({exc.strerror or exc})")


def read_file_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file `path`, at most `max_bytes` of them; every failure
    (missing, a folder, a device or pipe, too large, unreadable) is a one-line InputError."""
    name = str(path)
    try:
        _require_regular(name, os.stat(path).st_mode)  # before open(): a FIFO would block it
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise _read_error(name, exc) from None
    try:
        info = os.fstat(fd)
        _require_regular(name, info.st_mode)  # replaced since the check
        if info.st_size > max_bytes:
            raise _too_large(name, max_bytes, info.st_size)
        return _read_at_most(lambda n: os.read(fd, n), max_bytes, name, info.st_size)
    except OSError as exc:
        raise _read_error(name, exc) from None
    finally:
        os.close(fd)


def _text_file(path: Path, data: bytes, allow_empty: bool) -> TextFile:
    text, codec, notice = decode_bytes(data, str(path))
    if not allow_empty and not _NOT_BLANK.search(text):
        raise InputError(f"{path}: empty file, nothing to check")
    return TextFile(
        path=path,
        text=text,
        encoding=codec,
        newline=dominant_newline(text),
        notice=notice,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def read_text(
    path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, *, allow_empty: bool = False
) -> TextFile:
    """Read a text file exactly. Every failure is an InputError with a one-line message; an
    empty or blank file (a BOM, whitespace) is one too, unless `allow_empty`."""
    p = Path(path)
    return _text_file(p, read_file_bytes(p, max_bytes), allow_empty)


def read_stream(
    stream: BinaryIO | None,
    max_bytes: int = MAX_BYTES,
    *,
    name: str = STDIN.name,
    allow_empty: bool = False,
) -> TextFile:
    """Read text from `stream` (standard input) like `read_text`, with the same hard limit."""
    if stream is None:
        raise InputError(f"{name}: closed, nothing to read")
    try:
        data = _read_at_most(stream.read, max_bytes, name, 0)
    except OSError as exc:
        raise _read_error(name, exc) from None
    return _text_file(Path(name), data, allow_empty)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether writing `a` would write `b`: the same file (also through hard links and
    symlinks) or, when one of them does not exist yet, the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        pass
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError):
        return False


def same_file_as_stream(path: str | os.PathLike[str], stream: BinaryIO | None) -> bool:
    """Whether `path` is the file open as `stream` (e.g. standard input redirected from it)."""
    try:
        return stream is not None and os.path.samestat(os.fstat(stream.fileno()), os.stat(path))
    except (OSError, ValueError):
        return False


def overwritten_input(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]
) -> Path | None:
    """The first of `inputs` that writing `output` would overwrite, if any."""
    return next((Path(p) for p in inputs if same_file(output, p)), None)


_WRITE_REASONS = {
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "its folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
}


# Bytes to write, or a function that writes them to a handle: a large report is then streamed
# into the file instead of being held whole in memory (twice: as text and as bytes).
Content = bytes | Callable[[BinaryIO], None]


class Utf8Writer(io.TextIOBase):
    """Text written as UTF-8 straight into a binary handle (no buffer of its own to flush
    or lose: a write error, such as a full disk, comes out of `write` itself)."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._handle.write(text.encode("utf-8"))
        return len(text)


def cannot_write(path: str | os.PathLike[str], exc: OSError) -> ReviewAppError:
    """The one-line error for a failed write to the file the user named."""
    reason = _WRITE_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    if exc.errno == errno.ENOENT and Path(path).parent.is_dir():
        reason = "no file can be created in that folder"  # e.g. /proc
    return ReviewAppError(f"{path}: cannot write ({reason})")


def write_output(path: str | os.PathLike[str], data: Content) -> None:
    """`write_atomic` for a file the user named: every failure is one ReviewAppError line."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise cannot_write(path, exc) from None


def _put(handle: BinaryIO, data: Content) -> None:
    if isinstance(data, bytes):
        handle.write(data)
    else:
        data(handle)


def write_atomic(path: str | os.PathLike[str], data: Content) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if mode is not None and not stat.S_ISREG(mode):
        # A device or pipe (-o /dev/stdout, /dev/null): replacing it would destroy it. Opened
        # by its own name: resolving /dev/stdout gives /proc/PID/fd/pipe:[N], which is no path.
        with open(path, "wb") as handle:
            _put(handle, data)
        return
    target = Path(path).resolve()  # through symlinks: replace the file, not the link
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            _put(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode & 0o777 if mode is not None else _default_mode())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
