"""Reading text files exactly (encoding, BOM, newlines remembered) and writing them atomically."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from review_app.errors import InputError

MAX_BYTES = 50 * 1024 * 1024
_SNIFF_BYTES = 8192
_WESTERN_CODECS = ("cp1252", "cp1250", "iso8859_15", "latin_1", "mac_roman", "cp850")
_LATIN_FAMILIES = ("cp125", "iso8859", "latin", "mac-", "windows-125")


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


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str, str | None]:
    """Decode `data`; return (text, codec, notice). Raise InputError when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig", None
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec), codec, f"{name}: read as UTF-16"
    if _looks_binary(data):
        raise InputError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # Only Western single-byte codecs are plausible for German text that is not UTF-8 (and
    # has no NUL bytes); left free, the detector reads short CP1252 text as UTF-16 or EBCDIC.
    best = from_bytes(data, cp_isolation=list(_WESTERN_CODECS)).best()
    codec = codecs.lookup(best.encoding).name if best is not None else "cp1252"
    if codec.startswith(_LATIN_FAMILIES):
        # German umlauts sit at the same bytes in CP1250, CP1252 and the ISO-8859 family, so
        # the detector's pick among them is a coin toss; German text that is not UTF-8 is
        # almost always CP1252 (Latin-1 plus „“ and €), so prefer it when it decodes.
        try:
            return data.decode("cp1252"), "cp1252", f"{name}: not UTF-8, read as CP1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1", f"{name}: not UTF-8, read as Latin-1"
    text = data.decode(codec)
    if text.encode(codec) != data:
        raise InputError(f"{name}: encoding {codec} does not round-trip; save it as UTF-8")
    return text, codec, f"{name}: not UTF-8, read as {codec}"


def read_text(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> TextFile:
    """Read a text file exactly. Every failure is an InputError with a one-line message."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{p}: too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)"
            )
        data = p.read_bytes()
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{p}: empty file, nothing to check")
    text, codec, notice = decode_bytes(data, str(p))
    return TextFile(
        path=p,
        text=text,
        encoding=codec,
        newline=dominant_newline(text),
        notice=notice,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    target = Path(path).resolve()  # through symlinks: replace the file, not the link
    if target.exists() and not target.is_file():
        # A device or pipe (-o /dev/stdout, /dev/null): replacing it would destroy it.
        with target.open("wb") as handle:
            handle.write(data)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else _default_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
