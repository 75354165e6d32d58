"""German nouns with their genders and every case form, from the german-nouns package
(Wiktionary's noun tables, CC BY-SA 4.0).

`NounIndex.analyses(form)` answers what a written form can be: a set of features such as
"nom.sg.f" or "dat.pl" (plural forms carry no gender). Proper names (places, first and last
names) are kept apart in `names`. Loaded once per process and read-only after.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field

CASES = {"nominativ": "nom", "genitiv": "gen", "dativ": "dat", "akkusativ": "acc"}
NUMBERS = {"singular": "sg", "plural": "pl"}
_NAME_KINDS = frozenset({"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname"})
# Nouns declined like adjectives (der Beamte / ein Beamter) take their ending from the
# determiner: the agreement rules must not judge them by the table alone.
_ADJECTIVAL = "adjektivische Deklination"


@dataclass
class NounIndex:
    """Written form → features; lemma → genders; names and adjectival nouns apart."""

    forms: dict[str, frozenset[str]] = field(default_factory=dict)
    genders: dict[str, frozenset[str]] = field(default_factory=dict)
    lemma_of: dict[str, str] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    adjectival: set[str] = field(default_factory=set)

    def analyses(self, form: str) -> frozenset[str]:
        return self.forms.get(form, frozenset())

    def is_noun(self, form: str) -> bool:
        return form in self.forms

    def lemma(self, form: str) -> str | None:
        return self.lemma_of.get(form)


def _columns(header: list[str]) -> list[tuple[int, str, str]]:
    """(column, case, number) for every form column, variants included."""
    found = []
    for index, name in enumerate(header):
        words = name.replace("*", "").split()
        if len(words) >= 2 and words[0] in CASES and words[1] in NUMBERS:
            found.append((index, CASES[words[0]], NUMBERS[words[1]]))
    return found


def load_nouns() -> NounIndex:
    from german_nouns.config import CSV_FILE_PATH

    index = NounIndex()
    interned: dict[frozenset[str], frozenset[str]] = {}
    building: dict[str, set[str]] = {}
    common: set[str] = set()  # lemmas with at least one row that is not a name
    with open(CSV_FILE_PATH, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        columns = _columns(header)
        gender_columns = [i for i, name in enumerate(header) if name.startswith("genus")]
        for row in reader:
            lemma, kinds = row[0], set(row[1].split(","))
            if "Substantiv" not in kinds or not lemma[:1].isupper() or " " in lemma:
                continue
            lemma = sys.intern(lemma)
            genders = {row[i] for i in gender_columns if row[i] in ("m", "f", "n")}
            if kinds & _NAME_KINDS:
                index.names.add(lemma)
            else:
                common.add(lemma)
            if _ADJECTIVAL in kinds:
                index.adjectival.add(lemma)
            index.genders[lemma] = frozenset(genders | set(index.genders.get(lemma, ())))
            for column, case, number in columns:
                form = row[column]
                if not form or " " in form:
                    continue
                form = sys.intern(form)
                features = building.setdefault(form, set())
                if number == "pl":
                    features.add(f"{case}.pl")
                else:
                    features.update(f"{case}.sg.{gender}" for gender in genders)
                index.lemma_of.setdefault(form, lemma)
    index.names -= common  # Welle is a surname too, but a common noun first
    for form, features in building.items():
        frozen = frozenset(features)
        index.forms[form] = interned.setdefault(frozen, frozen)
    return index
