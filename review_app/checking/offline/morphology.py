"""Inflected and derived forms the Hunspell dictionary lacks, analysed back to a word it knows.

frami's de_DE lists most forms of the words it holds, but not all: comparatives with an
ending ("ungleicheren"), case forms of compounds it builds ("Raketenstartrampen"), derived
adjectives ("drachenhaftes") and zu-infinitives of separable verbs ("einzukuscheln"). Each is
recognised here by taking the form apart and checking the parts:

- nouns: the form is in Wiktionary's declension tables (german-nouns), or a compound whose last
  part is a declined form there and whose nominative Hunspell knows;
- adjectives: a declension ending, an optional comparative or superlative ending, and a base
  that Hunspell knows as an adjective (it also knows the base + "em", a form only adjectives
  have), or a base derived from a known noun or verb by a productive suffix;
- verbs: separable prefix + "zu" + a known infinitive, where the prefixed verb is known.

The noun tables load on the first capitalised word that needs them (they are shared with the
grammar rules when `load_nouns` is cached).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_app.checking.offline.frequency import Frequency
    from review_app.checking.offline.nouns import NounIndex
    from review_app.checking.offline.speller import Speller

# Declension endings of adjectives (strong, weak and mixed), and none.
DECLENSION = ("en", "em", "er", "es", "e", "")
# Comparative and superlative endings after the base.
COMPARISON = ("er", "est", "st", "")
# Adjectives whose comparison is irregular (gut → besser): "guter" is never a comparative.
IRREGULAR = frozenset(("gut", "viel", "hoch", "nah", "gern", "bald", "wenig"))
# Suffixes that make an adjective of a noun (drachenhaft, fehlerlos) ...
NOUN_SUFFIXES = (
    "haft", "artig", "los", "voll", "reich", "frei", "arm", "förmig", "mäßig", "ig",
)  # fmt: skip
# ... and of a verb stem (rettbar, essbar).
VERB_SUFFIXES = ("bar",)
# Linking elements between the parts of a compound (Arbeit|s|markt, Blume|n|topf).
LINKS = ("", "s", "n", "en", "es", "e", "er")
# Separable verb prefixes (a closed class), colloquial short forms included.
SEPARABLE = (
    "hinterher", "zusammen", "zurück", "weiter", "wieder", "vorbei", "voraus", "voran",
    "nieder", "hinaus", "hinunter", "entlang", "davon",
    "hinein", "hinauf", "herunter", "heraus", "herein", "herauf", "herbei", "hervor", "empor",
    "entgegen", "durch", "fort", "fest", "frei", "hoch", "nach", "über", "unter", "raus", "rein",
    "rüber", "runter", "weg", "vor", "auf", "aus", "bei", "ein", "mit", "los", "her", "hin",
    "dar", "ab", "an", "um", "zu",
)  # fmt: skip
# Directional prefixes that join any verb of motion (vorbeischweben, hinterherrennen), unlike
# the short ones whose verbs are lexical (aufwirken is no verb).
DIRECTIONAL = frozenset(
    (
        "vorbei", "zurück", "hinein", "heraus", "herein", "hinaus", "herum", "hinauf",
        "herauf", "herunter", "hinunter", "entgegen", "entlang", "davon", "hinterher",
        "weiter", "empor", "voran", "voraus",
    )
)  # fmt: skip
# Inseparable prefixes (a closed class): be|säen, zer|kleinern.
INSEPARABLE = ("miss", "zer", "ver", "ent", "emp", "be", "er", "ge")
# Mixed verbs whose subjunctive II keeps the stem (nennte, not nännte): brennen, kennen,
# nennen, rennen (a closed class).
MIXED_VERBS = ("brenn", "kenn", "nenn", "renn")
# Endings of finite verb forms and participles, longest first (-en for the infinitive).
VERB_ENDINGS = ("test", "ten", "tet", "est", "te", "st", "et", "en", "e", "t", "n")
# Nouns made of a verb stem (Polier|er, Verputz|er|n, List|ung|en).
VERB_NOUN_SUFFIXES = ("erinnen", "erin", "ungen", "ung", "ern", "ers", "er")
MIN_TAIL = 4  # shortest last part of a compound looked up in the noun tables
FREQUENT = 1.5  # Zipf: a form wordfreq sees this often is in use


def _umlaut_back(word: str) -> str:
    """größ → groß, ält → alt: the comparative's umlaut undone (on the last one only)."""
    for i in range(len(word) - 1, -1, -1):
        plain = {"ä": "a", "ö": "o", "ü": "u"}.get(word[i])
        if plain:
            return word[:i] + plain + word[i + 1 :]
    return word


def _lower_first(word: str) -> str:
    return word[:1].lower() + word[1:]


class Morphology:
    """`base(word)`: the known word `word` is a form of, or None. Cached per word."""

    def __init__(
        self,
        speller: Speller,
        nouns: Callable[[], NounIndex],
        frequency: Callable[[], Frequency] | None = None,
    ) -> None:
        self.speller = speller
        self._nouns_loader = nouns
        self._nouns: NounIndex | None = None
        self._frequency = frequency
        self._cache: dict[str, str | None] = {}

    @property
    def nouns(self) -> NounIndex:
        if self._nouns is None:
            self._nouns = self._nouns_loader()
        return self._nouns

    def known(self, word: str) -> bool:
        return self.speller.spell(word) is True

    def base(self, word: str) -> str | None:
        if word in self._cache:
            return self._cache[word]
        if word[:1].isupper():
            found = self.noun(word) or self.adjective(_lower_first(word))
        else:
            found = self.adjective(word) or self.verb(word)
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[word] = found
        return found

    # --- nouns -----------------------------------------------------------------------------

    def noun(self, word: str) -> str | None:
        """A case form of a noun: listed in the tables, or a compound whose last part is."""
        nouns = self.nouns
        if nouns.is_noun(word):
            return nouns.lemma(word)
        verbal = self._verbal_noun(word) or self._genitive(word)
        if verbal is not None:
            return verbal
        for i in range(3, len(word) - MIN_TAIL + 1):
            tail = word[i].upper() + word[i + 1 :]
            lemmas = [lemma for lemma in nouns.lemmas(tail) if lemma != tail]
            if not lemmas or not self.is_head(word[:i]):
                continue
            for lemma in lemmas:
                whole = word[:i] + _lower_first(lemma)
                if self.known(whole):
                    return whole
        return None

    def _genitive(self, word: str) -> str | None:
        """Systemes, Wachstumes: the genitive in -es beside a known one in -s."""
        if not word.endswith("es") or len(word) < 6 or word[-3] in "aeiouyäöüh":
            return None
        if word.endswith(("eles", "eres", "ens", "ems")):
            return None
        short = word[:-2] + "s"
        return word[:-2] if self.known(short) and self.known(word[:-2]) else None

    def _verbal_noun(self, word: str) -> str | None:
        """Polierer, Verputzern, Listungen: an agent or action noun of a known verb."""
        lower = _lower_first(word)
        for suffix in VERB_NOUN_SUFFIXES:
            if not lower.endswith(suffix) or len(lower) - len(suffix) < 4:
                continue
            stem = lower[: len(lower) - len(suffix)]
            # a verb: its infinitive and its third person (poliert, listet) are known
            if not (self.known(stem + "t") or self.known(stem + "et")):
                continue
            for infinitive in (stem + "en", stem + "n"):
                if self.known(infinitive):
                    return infinitive
        return None

    def _plain_noun(self, word: str) -> bool:
        """A noun: known only capitalised, or in the noun tables (Bummel, though bummel is a
        verb form too)."""
        if not self.known(word):
            return False
        return not self.known(_lower_first(word)) or self.nouns.is_noun(word)

    def is_head(self, head: str) -> bool:
        """The first part of a compound: a stem the dictionary lets begin one, or a known
        noun with a linking element."""
        if head in self.speller.heads:
            return True
        for link in LINKS:
            if head.endswith(link) and len(head) - len(link) >= 3:
                stem = head[: len(head) - len(link)]
                if self.known(stem) and not self.known(_lower_first(stem)):
                    return True
        return False

    # --- adjectives ------------------------------------------------------------------------

    def adjective(self, word: str) -> str | None:
        """Declension ending, optional comparison ending, a known or derived adjective base."""
        for ending in DECLENSION:
            if not word.endswith(ending) or len(word) - len(ending) < 3:
                continue
            stem = word[: len(word) - len(ending)]
            for comparison in COMPARISON:
                if not stem.endswith(comparison):
                    continue
                bare = stem[: len(stem) - len(comparison)]
                if len(bare) < 3:
                    continue
                for base in self._positives(bare, compared=bool(comparison)):
                    if base == bare + "e" and self.known(bare):
                        continue  # gut|e|re: "gute" is a form of gut, not a positive in -e
                    if comparison and self._needs_umlaut(base, stem, ending):
                        continue  # alt|eren: the comparative is älteren
                    if self.is_adjective(base) or self.derived_adjective(base):
                        return base
        return None

    def _needs_umlaut(self, base: str, stem: str, ending: str) -> bool:
        """The base's comparison takes an umlaut the form lacks (alteren → älteren)."""
        for i in range(len(base) - 1, -1, -1):
            umlaut = {"a": "ä", "o": "ö", "u": "ü"}.get(base[i])
            if umlaut:
                if base[i + 1 :] and base[i - 1 : i] in ("a", "e"):
                    return False  # a diphthong (au, eu) keeps its vowel: lauter
                form = stem[:i] + umlaut + stem[i + 1 :] + ending
                return form != stem + ending and self.known(form)
            if base[i] in "eiäöü":
                return False
        return False

    @staticmethod
    def _positives(bare: str, *, compared: bool) -> tuple[str, ...]:
        """The positive forms a comparison stem can come from (leis|er → leise, dunkl|er →
        dunkel, größ|er → groß)."""
        if not compared:
            return (bare,)
        if bare in IRREGULAR or _umlaut_back(bare) in IRREGULAR:
            return ()
        found = [bare, _umlaut_back(bare), bare + "e"]
        if len(bare) > 3 and bare[-1] in "lr" and bare[-2] not in "aeiouäöü":
            found.append(bare[:-1] + "e" + bare[-1])
        return tuple(dict.fromkeys(found))

    def is_adjective(self, base: str) -> bool:
        """Hunspell knows the base and its dative in -em, which only adjectives form; or the
        base is a participle (granuliert, laufend) with a declined form known; or un- and
        one of these (ungefälscht)."""
        if base.startswith("un") and len(base) > 6 and self.is_adjective(base[2:]):
            return True
        if not base[:1].islower() or not self.known(base):
            return False
        dative = base + "m" if base.endswith("e") else base + "em"
        if self.known(dative):
            return True
        return base.endswith(("t", "en", "end")) and self.known(base + "e")

    def derived_adjective(self, base: str) -> bool:
        """drachen|haft, fehler|los: a noun + an adjective suffix; rett|bar: a verb stem."""
        for suffix in NOUN_SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                head = base[: len(base) - len(suffix)]
                noun = head[:1].upper() + head[1:]
                if suffix == "ig":  # bummel|ig, watt(e)|ig: a plain noun only, no compound
                    if len(noun) >= 4 and (self._plain_noun(noun) or self._plain_noun(noun + "e")):
                        return True
                elif self.is_head(noun):
                    return True
        for suffix in VERB_SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                stem = base[: len(base) - len(suffix)]
                if self.known(stem + "en") or self.known(stem + "n"):
                    return True
        return False

    # --- verbs -----------------------------------------------------------------------------

    def verb(self, word: str) -> str | None:
        """A prefixed form of a known verb: ein|zu|kuscheln, auf|bekomme (aufbekommen known),
        re|hydrieren, be|säen (in use)."""
        return (
            self._zu_infinitive(word)
            or self._prefixed_verb(word)
            or self._imperative(word)
            or self._enclitic(word)
            or self._subjunctive(word)
        )

    def _subjunctive(self, word: str) -> str | None:
        """nennte, erkennten: the subjunctive II of the mixed verbs, regular in form."""
        for stem in MIXED_VERBS:
            at = word.find(stem)
            if at < 0 or word[at + len(stem) :] not in ("te", "test", "ten", "tet"):
                continue
            infinitive = word[: at + len(stem)] + "en"
            if self.known(infinitive):
                return infinitive
        return None

    def _imperative(self, word: str) -> str | None:
        """schütz, zeig, besorg: a singular imperative without its e (the verb known, its
        e-form known)."""
        if len(word) < 4 or word.endswith(("e", "n", "t")):
            return None
        if self.known(word + "en") and self.known(word + "e") and self.known(word + "t"):
            return word + "en"
        return None

    def _enclitic(self, word: str) -> str | None:
        """gibts, gehts, solls: a verb form with "es" clipped to s (also written gibt's)."""
        if not word.endswith("s") or len(word) < 4:
            return None
        verb = word[:-1]
        if verb.endswith(("t", "ll", "nn", "ag", "ss")) and self.known(verb):
            return verb if self._in_use(word, 2.0) else None
        return None

    def _prefixed_verb(self, word: str) -> str | None:
        for prefix in (*SEPARABLE, *INSEPARABLE, "re"):
            rest = word[len(prefix) :]
            if not word.startswith(prefix) or len(rest) < 4 or not self.known(rest):
                continue
            if prefix == "re":  # re|hydrieren, re|investiert: loan verbs in -ieren only
                if "ier" in rest:
                    return rest
                continue
            for infinitive in self._infinitives(rest):
                if self.known(prefix + infinitive):
                    return prefix + infinitive
            if self._in_use(word, 1.0) or prefix in DIRECTIONAL:
                return rest  # durch|gedacht, be|säen: seen in use; vorbei|schweben
        return None

    def _infinitives(self, form: str) -> tuple[str, ...]:
        """The infinitives a regular verb form can belong to (bekomme → bekommen)."""
        found = []
        for ending in VERB_ENDINGS:
            if form.endswith(ending) and len(form) - len(ending) >= 3:
                stem = form[: len(form) - len(ending)]
                found.extend((stem + "en", stem + "n"))
        found.extend((form + "n", form + "en"))
        return tuple(f for f in dict.fromkeys(found) if self.known(f))

    def _zu_infinitive(self, word: str) -> str | None:
        for prefix in SEPARABLE:
            if not word.startswith(prefix + "zu") or len(word) - len(prefix) < 6:
                continue
            infinitive = word[len(prefix) + 2 :]
            if not infinitive.endswith("n") or not self.known(infinitive):
                continue
            whole = prefix + infinitive
            if self.known(whole) or self._in_use(whole):
                return whole
        return None

    def _in_use(self, word: str, threshold: float = FREQUENT) -> bool:
        return self._frequency is not None and self._frequency().zipf(word) >= threshold


def load_morphology(speller: Speller, nouns: Callable[[], NounIndex] | None = None) -> Morphology:
    """The analyser over `speller`, with the noun tables (`nouns`, e.g. the shared
    `Resources.nouns`; else loaded on first use) and word frequencies loaded lazily."""
    from review_app.checking.offline.frequency import load_frequency

    return Morphology(speller, nouns or _load_nouns, load_frequency)


def _load_nouns() -> NounIndex:
    from review_app.checking.offline import nouns

    return nouns.load_nouns()
