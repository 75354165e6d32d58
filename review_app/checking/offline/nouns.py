"""German nouns with their genders and every case form, from the german-nouns package
(Wiktionary's noun tables, CC BY-SA 4.0).

`NounIndex.analyses(form)` answers what a written form can be: a set of features such as
"nom.sg.f" or "dat.pl" (plural forms carry no gender). Proper names (places, first and last
names) are kept apart in `names`. Loaded once per process and read-only after.

Reading the package's 20 MB CSV takes seconds and some 200 MB at its peak, so the index is
kept in a compact form (one int per written form: its 16 case/number/gender cells, a flag and
its lemma's number) and cached with `marshal` under the user cache folder, keyed by the
package version and this module's format. marshal only ever builds plain data (a tampered
file cannot run code, unlike pickle); the file is written to a temporary name and renamed,
so a reader never sees half of it.
"""

from __future__ import annotations

import csv
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

CASES = {"nominativ": "nom", "genitiv": "gen", "dativ": "dat", "akkusativ": "acc"}
NUMBERS = {"singular": "sg", "plural": "pl"}
CASE_ORDER = ("nom", "gen", "dat", "acc")
# A cell is one of 16 (case, number/gender) combinations; bit `4 * case + slot` of a mask.
SLOTS = ("sg.m", "sg.f", "sg.n", "pl")
CELLS = tuple(f"{case}.{slot}" for case in CASE_ORDER for slot in SLOTS)
CELL_BIT = {cell: 1 << i for i, cell in enumerate(CELLS)}
ALL_CELLS = (1 << len(CELLS)) - 1
_GENDER_SLOT = {"m": 0, "f": 1, "n": 2}
_ADJECTIVAL_BIT = 1 << 16  # the form belongs to an adjectivally declined noun
_NO_PLURAL_BIT = 1 << 17  # a lemma of the form has a table without any plural form
_LEMMA_SHIFT = 18

_NAME_KINDS = frozenset({"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname"})
# Nouns declined like adjectives (der Beamte / ein Beamter) take their ending from the
# determiner: the agreement rules must not judge them by the table alone.
_ADJECTIVAL = "adjektivische Deklination"
_FORMAT = 4  # bump when the cached layout changes
CACHE_NAME = "nouns-{version}-f{format}-py{python}.marshal"


def cell_names(mask: int) -> frozenset[str]:
    """The cell names ("dat.pl", "nom.sg.f") set in a mask."""
    return frozenset(cell for i, cell in enumerate(CELLS) if mask >> i & 1)


@dataclass(frozen=True)
class Declension:
    """One table of a noun: its genders and its forms per "case.number" (variants in order)."""

    genders: frozenset[str]
    forms: dict[str, tuple[str, ...]]


class NounIndex:
    """Written form → features; lemma → genders; names and adjectival nouns apart."""

    def __init__(
        self,
        packed: dict[str, int],
        lemmas: list[str],
        more_lemmas: dict[str, tuple[int, ...]],
        genders: dict[str, frozenset[str]],
        names: set[str],
        adjectival: set[str],
        tables: dict[str, str] | Callable[[], dict[str, str]],
    ) -> None:
        self._packed = packed
        self._lemmas = lemmas
        self._more_lemmas = more_lemmas  # forms of several lemmas: the others
        self.genders = genders
        self.names = names
        self.adjectival = adjectival
        self._tables = tables  # or a function that loads them: only suggestions need them
        self._analyses: dict[int, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._packed)

    def mask(self, form: str) -> int:
        """The cells `form` can fill, as a bit mask over CELLS (0 when unknown)."""
        return self._packed.get(form, 0) & ALL_CELLS

    def analyses(self, form: str) -> frozenset[str]:
        mask = self.mask(form)
        found = self._analyses.get(mask)
        if found is None:
            found = self._analyses[mask] = cell_names(mask)
        return found

    def is_noun(self, form: str) -> bool:
        return form in self._packed

    def lemma(self, form: str) -> str | None:
        packed = self._packed.get(form)
        return None if packed is None else self._lemmas[packed >> _LEMMA_SHIFT]

    def lemmas(self, form: str) -> tuple[str, ...]:
        """Every lemma `form` is a form of, the first as `lemma(form)`."""
        packed = self._packed.get(form)
        if packed is None:
            return ()
        more = self._more_lemmas.get(form, ())
        return (self._lemmas[packed >> _LEMMA_SHIFT], *(self._lemmas[i] for i in more))

    def is_adjectival(self, form: str) -> bool:
        """`form` is a form of a noun declined like an adjective (Beamte, Deutschen)."""
        return bool(self._packed.get(form, 0) & _ADJECTIVAL_BIT)

    def plural_unknown(self, form: str) -> bool:
        """A table `form` comes from lists no plural (Backwerk: Wiktionary left it out, or
        the noun has none): its plural forms cannot be judged."""
        return bool(self._packed.get(form, 0) & _NO_PLURAL_BIT)

    def is_name(self, form: str) -> bool:
        """Every lemma of `form` is a proper name (never a common noun)."""
        found = self.lemmas(form)
        return bool(found) and all(lemma in self.names for lemma in found)

    def declensions(self, lemma: str) -> tuple[Declension, ...]:
        """The tables of `lemma` (several when its senses decline differently: Band)."""
        if callable(self._tables):
            self._tables = self._tables()
        rows = self._tables.get(lemma, "").split("\n")
        return tuple(_parse_table(row) for row in rows if row)


def _parse_table(row: str) -> Declension:
    genders, *cells = row.split("|")
    forms = {
        f"{case}.{number}": tuple(cells[i * 2 + j].split(",")) if cells[i * 2 + j] else ()
        for i, case in enumerate(CASE_ORDER)
        for j, number in enumerate(("sg", "pl"))
    }
    return Declension(frozenset(genders), forms)


# --- building from the CSV --------------------------------------------------------------------


def _columns(header: list[str]) -> list[tuple[int, int, int]]:
    """(column, case index, 0 singular / 1 plural) for every form column, variants included."""
    found = []
    for index, name in enumerate(header):
        words = name.replace("*", "").split()
        if len(words) >= 2 and words[0] in CASES and words[1] in NUMBERS:
            case = CASE_ORDER.index(CASES[words[0]])
            found.append((index, case, 0 if NUMBERS[words[1]] == "sg" else 1))
    return found


def _rows(path: str) -> Iterator[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle)


def _lemma_genders(path: str) -> dict[str, set[str]]:
    """Every lemma's genders over all its rows (a row may give none: Dame, the game)."""
    rows = _rows(path)
    header = next(rows)
    gender_columns = [i for i, name in enumerate(header) if name.startswith("genus")]
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row[0], set()).update(
            row[i] for i in gender_columns if row[i] in _GENDER_SLOT
        )
    return found


def build_index(path: str) -> NounIndex:
    """The index from german-nouns' CSV (slow: seconds; the cache avoids it)."""
    lemma_genders = _lemma_genders(path)
    rows = _rows(path)
    header = next(rows)
    columns = _columns(header)
    gender_columns = [i for i, name in enumerate(header) if name.startswith("genus")]
    masks: dict[str, int] = {}
    first_lemma: dict[str, int] = {}
    more: dict[str, list[int]] = {}
    lemma_ids: dict[str, int] = {}
    genders: dict[str, set[str]] = {}
    tables: dict[str, list[str]] = {}
    names: set[str] = set()
    common: set[str] = set()  # lemmas with at least one row that is not a name
    adjectival: set[str] = set()
    for row in rows:
        lemma, kinds = row[0], set(row[1].split(","))
        if "Substantiv" not in kinds or not lemma[:1].isupper() or " " in lemma:
            continue
        lemma_id = lemma_ids.setdefault(lemma, len(lemma_ids))
        row_genders = {row[i] for i in gender_columns if row[i] in _GENDER_SLOT}
        (names if kinds & _NAME_KINDS else common).add(lemma)
        is_adjectival = _ADJECTIVAL in kinds
        if is_adjectival:
            adjectival.add(lemma)
        genders.setdefault(lemma, set()).update(row_genders)
        singular = 0
        # A row without gender takes its lemma's; a lemma without any (Twitter) takes all.
        for gender in row_genders or lemma_genders[lemma] or _GENDER_SLOT:
            singular |= 1 << _GENDER_SLOT[gender]
        cells: list[list[str]] = [[] for _ in range(8)]
        has_plural = any(row[column] for column, _case, plural in columns if plural)
        flags = (_ADJECTIVAL_BIT if is_adjectival else 0) | (0 if has_plural else _NO_PLURAL_BIT)
        for column, case, plural in columns:
            form = row[column]
            if not form or " " in form:
                continue
            bits = (1 << (4 * case + 3)) if plural else singular << (4 * case)
            masks[form] = masks.get(form, 0) | bits | flags
            owner = first_lemma.setdefault(form, lemma_id)
            if owner != lemma_id and lemma_id not in more.setdefault(form, []):
                more[form].append(lemma_id)
            cell = cells[case * 2 + plural]
            if form not in cell:
                cell.append(form)
        if not is_adjectival and any(cells):
            table = "".join(sorted(row_genders)) + "|" + "|".join(",".join(c) for c in cells)
            tables.setdefault(lemma, []).append(table)
    names -= common  # Welle is a surname too, but a common noun first
    interned: dict[frozenset[str], frozenset[str]] = {}
    return NounIndex(
        packed={form: mask | first_lemma[form] << _LEMMA_SHIFT for form, mask in masks.items()},
        lemmas=list(lemma_ids),
        more_lemmas={form: tuple(ids) for form, ids in more.items() if ids},
        genders={
            lemma: interned.setdefault(frozenset(found), frozenset(found))
            for lemma, found in genders.items()
        },
        names=names,
        adjectival=adjectival,
        tables={lemma: "\n".join(found) for lemma, found in tables.items()},
    )


# --- the cache --------------------------------------------------------------------------------


def _dump(index: NounIndex) -> bytes:
    parts = (index._packed, index._lemmas, index._more_lemmas, index.genders)
    return marshal.dumps((*parts, index.names, index.adjectival))


def _tables_of(index: NounIndex) -> dict[str, str]:
    return index._tables if isinstance(index._tables, dict) else index._tables()


def cache_paths(folder: Path) -> tuple[Path, Path]:
    """The index file and the file of declension tables (read only when a suggestion needs
    them), for this german-nouns version, this layout and this Python's marshal."""
    from importlib.metadata import version

    python = f"{sys.version_info[0]}{sys.version_info[1]}"
    name = CACHE_NAME.format(version=version("german-nouns"), format=_FORMAT, python=python)
    return folder / name, folder / name.replace(".marshal", "-tables.marshal")


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".nouns-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_tables(path: Path, csv_path: str) -> Callable[[], dict[str, str]]:
    def read() -> dict[str, str]:
        try:
            tables = marshal.loads(path.read_bytes())
            if isinstance(tables, dict):
                return tables
        except (OSError, EOFError, ValueError, TypeError):
            pass
        return _tables_of(build_index(csv_path))

    return read


def load_nouns(cache_folder: Path | None = None) -> NounIndex:
    """The index, from the cache when there is a valid one; else built and cached. The cache
    is an optimisation: when it cannot be read or written the index is built from the CSV."""
    from german_nouns.config import CSV_FILE_PATH

    if cache_folder is None:
        from review_app.checking.cache import data_cache_dir

        cache_folder = data_cache_dir()
    index_path, tables_path = cache_paths(cache_folder)
    try:
        packed, lemmas, more, genders, names, adjectival = marshal.loads(index_path.read_bytes())
        tables = _read_tables(tables_path, CSV_FILE_PATH)
        return NounIndex(packed, lemmas, more, genders, names, adjectival, tables)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no cache yet, or a damaged one: rebuild
    index = build_index(CSV_FILE_PATH)
    try:
        _write_atomically(tables_path, marshal.dumps(_tables_of(index)))
        _write_atomically(index_path, _dump(index))  # last: its presence means both are whole
        _remove_stale(cache_folder, {index_path, tables_path})
    except OSError:
        pass
    return index


def _remove_stale(folder: Path, current: set[Path]) -> None:
    """Caches of other german-nouns versions or layouts: never read again."""
    for path in folder.glob("nouns-*.marshal"):
        if path not in current:
            path.unlink(missing_ok=True)
