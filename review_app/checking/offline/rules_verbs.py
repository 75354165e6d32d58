"""Verb rules: subject–verb agreement where it is clear, a missing "zu" before an infinitive,
a separable verb with the wrong particle, and "beide X und Y" for "sowohl X als auch Y".

Each rule first looks for a cheap trigger (a closed-class word, a set lookup); only a candidate
clause is given to the HanTa tagger (a few milliseconds per clause). The closed classes listed
here (personal pronouns, the forms of sein, haben, werden and the modal verbs, verb particles,
the verbs that take a zu-infinitive) are grammar, not vocabulary.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline.registry import Resources, Rule, RuleContext
from review_app.checking.offline.tagger import load_tagger
from review_app.checking.offline.tokens import Token

# --- shared helpers (rules_context uses them too) ------------------------------------------

# Punctuation between two tokens that ends a clause (a hyphen between spaces is a dash).
_CLAUSE_BREAK = re.compile(r"[,;:.!?…()\[\]{}\"„“”«»‚‘›‹–—/]|(?:^|\s)-+(?:\s|$)")
PERSONS = ("1sg", "2sg", "3sg", "1pl", "2pl", "3pl")
COORDINATORS = frozenset(["und", "oder", "sowie", "noch", "bzw", "beziehungsweise", "&"])


_LAST: list[tuple[RuleContext, frozenset[str]]] = []
_WORD = re.compile(r"\w+")


def words_of(context: RuleContext) -> frozenset[str]:
    """The segment's words in lower case, computed once for all the rules of this module and
    of rules_context (each rule's pre-filter is a set test on it)."""
    last = _LAST[-1] if _LAST else None
    if last is not None and last[0] is context:
        return last[1]
    words = frozenset(_WORD.findall(context.text.lower()))
    _LAST[:] = [(context, words)]
    return words


def breaks(text: str, left: Token, right: Token) -> bool:
    """A clause boundary (punctuation, quote, dash) lies between two tokens."""
    return bool(_CLAUSE_BREAK.search(text[left.end : right.start]))


def clause_span(text: str, tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """(first, last) token indexes of the clause that holds token `index`."""
    first = index
    while first > 0 and not breaks(text, tokens[first - 1], tokens[first]):
        first -= 1
    last = index
    while last + 1 < len(tokens) and not breaks(text, tokens[last], tokens[last + 1]):
        last += 1
    return first, last


@lru_cache(maxsize=8192)
def tag_words(words: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(word, lemma, tag) for each word, by HanTa (STTS-like tags such as "VV(FIN)")."""
    if not words:
        return ()
    return tuple(load_tagger().tag_sent(list(words), taglevel=1))


def with_case_of(model: str, word: str) -> str:
    """`word` with its first letter in the case of `model`'s first letter."""
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word[:1].lower() + word[1:]


# Articles, pronouns, prepositions and conjunctions: never the finite verb of a clause.
FUNCTION_WORDS = frozenset(
    ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
     "eines", "ich", "du", "er", "sie", "es", "wir", "ihr", "man", "mich", "dich", "sich",
     "uns", "euch", "ihn", "ihm", "ihnen", "mir", "dir", "an", "auf", "aus", "bei", "durch",
     "für", "gegen", "hinter", "in", "im", "mit", "nach", "neben", "ohne", "seit", "über",
     "um", "unter", "von", "vom", "vor", "zu", "zum", "zur", "zwischen", "und", "oder",
     "aber", "als", "wie", "dass", "ob", "weil", "wenn", "nicht", "auch", "noch", "schon",
     "so", "da", "dann", "hier", "dort"]
)  # fmt: skip

# --- closed classes ------------------------------------------------------------------------

# Paradigm rows in PERSONS order: present, past, subjunctive II, subjunctive I. A form's
# person set is the union over the rows it appears in.
_PARADIGMS: dict[str, tuple[tuple[str, ...], ...]] = {
    "sein": (
        ("bin", "bist", "ist", "sind", "seid", "sind"),
        ("war", "warst", "war", "waren", "wart", "waren"),
        ("wäre", "wärst", "wäre", "wären", "wärt", "wären"),
        ("sei", "seist", "sei", "seien", "seiet", "seien"),
    ),
    "haben": (
        ("habe", "hast", "hat", "haben", "habt", "haben"),
        ("hatte", "hattest", "hatte", "hatten", "hattet", "hatten"),
        ("hätte", "hättest", "hätte", "hätten", "hättet", "hätten"),
        ("habe", "habest", "habe", "haben", "habet", "haben"),
    ),
    "werden": (
        ("werde", "wirst", "wird", "werden", "werdet", "werden"),
        ("wurde", "wurdest", "wurde", "wurden", "wurdet", "wurden"),
        ("würde", "würdest", "würde", "würden", "würdet", "würden"),
        ("werde", "werdest", "werde", "werden", "werdet", "werden"),
    ),
    "können": (
        ("kann", "kannst", "kann", "können", "könnt", "können"),
        ("konnte", "konntest", "konnte", "konnten", "konntet", "konnten"),
        ("könnte", "könntest", "könnte", "könnten", "könntet", "könnten"),
        ("könne", "könnest", "könne", "können", "könnet", "können"),
    ),
    "müssen": (
        ("muss", "musst", "muss", "müssen", "müsst", "müssen"),
        ("musste", "musstest", "musste", "mussten", "musstet", "mussten"),
        ("müsste", "müsstest", "müsste", "müssten", "müsstet", "müssten"),
        ("müsse", "müssest", "müsse", "müssen", "müsset", "müssen"),
    ),
    "dürfen": (
        ("darf", "darfst", "darf", "dürfen", "dürft", "dürfen"),
        ("durfte", "durftest", "durfte", "durften", "durftet", "durften"),
        ("dürfte", "dürftest", "dürfte", "dürften", "dürftet", "dürften"),
        ("dürfe", "dürfest", "dürfe", "dürfen", "dürfet", "dürfen"),
    ),
    "sollen": (
        ("soll", "sollst", "soll", "sollen", "sollt", "sollen"),
        ("sollte", "solltest", "sollte", "sollten", "solltet", "sollten"),
        ("solle", "sollest", "solle", "sollen", "sollet", "sollen"),
    ),
    "wollen": (
        ("will", "willst", "will", "wollen", "wollt", "wollen"),
        ("wollte", "wolltest", "wollte", "wollten", "wolltet", "wollten"),
        ("wolle", "wollest", "wolle", "wollen", "wollet", "wollen"),
    ),
    "mögen": (
        ("mag", "magst", "mag", "mögen", "mögt", "mögen"),
        ("mochte", "mochtest", "mochte", "mochten", "mochtet", "mochten"),
        ("möchte", "möchtest", "möchte", "möchten", "möchtet", "möchten"),
        ("möge", "mögest", "möge", "mögen", "möget", "mögen"),
    ),
    "wissen": (
        ("weiß", "weißt", "weiß", "wissen", "wisst", "wissen"),
        ("wusste", "wusstest", "wusste", "wussten", "wusstet", "wussten"),
        ("wüsste", "wüsstest", "wüsste", "wüssten", "wüsstet", "wüssten"),
    ),
}


def _person_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for rows in _PARADIGMS.values():
        for row in rows:
            for person, form in zip(PERSONS, row, strict=True):
                table.setdefault(form, set()).add(person)
    return {form: frozenset(persons) for form, persons in table.items()}


FINITE_PERSONS = _person_table()  # closed-class finite form -> the persons it can agree with
# Forms that double as infinitives ("was ich haben möchte").
_INFINITIVES = frozenset(_PARADIGMS) | {"sein"}
# Imperatives that may stand before "du" ("sei du still").
_IMPERATIVES = frozenset(["sei", "hab", "habe", "werde", "werd", "wisse"])
# Verbs that take a bare infinitive and so make "ich haben" possible before them.
_BARE_INFINITIVE_GOVERNORS = frozenset(
    ["lassen", "lässt", "lasse", "lasst", "ließ", "ließen", "sehen", "sieht", "sah", "hören",
     "hört", "hörte", "helfen", "hilft", "half", "gehen", "geht", "ging", "bleiben", "bleibt",
     "blieb", "fühlen", "fühlt", "brauchen", "braucht", "brauchte", "zu"]
)  # fmt: skip
_SUBJECT_PRONOUNS = {"ich": "1sg", "du": "2sg", "er": "3sg", "wir": "1pl"}
# Before a pronoun, these make it part of a larger subject ("du und ich sind", "Leute wie
# ich sind"). A capitalised pronoun inside a sentence is a noun ("das Ich ist") and skipped.
_NOT_ALONE_BEFORE = COORDINATORS | {"wie", "als", "außer"}


def _correct_form(form: str, person: str) -> str | None:
    """The form of the same verb, tense and mood for `person` ("möchte", "1pl" → "möchten")."""
    slot = PERSONS.index(person)
    for rows in _PARADIGMS.values():
        for row in rows:
            if form in row:
                return row[slot]
    return None


# --- SUBJECT_VERB_AGREEMENT ----------------------------------------------------------------

_PLURAL_ONLY_DETERMINERS = frozenset(
    ["alle", "viele", "einige", "mehrere", "beide", "manche", "wenige", "zwei", "drei", "vier",
     "fünf", "zehn"]
)  # fmt: skip
_PLURAL_DETERMINERS = _PLURAL_ONLY_DETERMINERS | {
    "diese", "jene", "meine", "deine", "seine", "unsere", "eure", "ihre"
}  # fmt: skip
# After "Die Kinder spielt": words that cannot be the subject of an OVS clause ("Die Kinder
# liebt sie" is right) — prepositions and common adverbs.
_NON_SUBJECT_AFTER = frozenset(
    ["im", "in", "am", "an", "auf", "aus", "bei", "beim", "mit", "nach", "von", "vom", "zu",
     "zum", "zur", "über", "unter", "vor", "hinter", "neben", "zwischen", "durch", "für",
     "gegen", "ohne", "um", "seit", "nicht", "auch", "schon", "noch", "sehr", "immer", "oft",
     "gern", "gerne", "jetzt", "heute", "gestern", "morgen", "dort", "hier", "gerade", "bereits",
     "wieder", "nie", "selten", "meist", "meistens", "täglich", "draußen", "zusammen", "viel"]
)  # fmt: skip
_OPENING_DETERMINERS = _PLURAL_DETERMINERS | {"die"}
_SEIN_SINGULAR = frozenset(["ist", "war", "wäre", "sei"])
# Lower-case words ending like a verb form that are never finite verbs (a cheap pre-filter
# before the tagger).
_NOT_VERBS = frozenset(
    ["nicht", "jetzt", "selbst", "erst", "fast", "meist", "zuletzt", "bereits", "längst",
     "sonst", "nichts", "oft", "gut", "heute", "gerne", "alle", "beide", "eine", "keine",
     "diese", "jene", "welche", "manche", "viele", "wenige", "einige", "andere", "seine",
     "meine", "deine", "unsere", "eure", "ihre", "ebenfalls", "allerdings", "bisher", "damit",
     "dabei", "sofort", "direkt", "leicht", "recht", "schlecht", "weit", "mit", "bitte",
     "zuerst", "ganz", "einst", "nächste", "letzte", "erste", "beste", "meiste", "gesamte",
     "eigene", "rechte", "zumindest", "mindestens", "höchstens", "spät", "nett", "kaputt",
     "echt", "halt", "bestimmt", "genau", "gerade", "mehrere", "gemeinsam", "insgesamt",
     "offenbar", "anscheinend", "angeblich", "vielleicht", "eben", "ebenso", "einfach",
     "meinen", "deinen", "seinen", "ihren", "unseren", "euren", "einen", "keinen", "diesen",
     "jenen", "welchen", "allen", "anderen", "vielen", "wenigen", "einigen", "beiden",
     "solchen", "manchen", "selten", "morgen", "gestern", "wegen", "gegen", "neben", "oben",
     "unten", "hinten", "innen", "außen", "trotzdem", "zusammen", "seit", "seitdem"]
)  # fmt: skip


def _pronoun_agreement(context: RuleContext, rule: Rule) -> list[Flag]:
    """A subject pronoun right before or after a verb form that cannot agree with it."""
    text, tokens = context.text, context.tokens
    flags: list[Flag] = []
    for i, token in enumerate(tokens):
        person = _SUBJECT_PRONOUNS.get(token.text.lower())
        if person is None or (token.text[0].isupper() and not token.sentence_initial):
            continue
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        closed_before = before is not None and before.text.lower() in FINITE_PERSONS
        candidate_after = after is not None and (
            after.text.lower() in FINITE_PERSONS or after.text.endswith(_WRONG_ENDINGS[person])
        )
        if not (closed_before or candidate_after):
            continue  # the common case: nothing to check, no regular expression run
        if before is not None and breaks(text, before, token):
            before, closed_before = None, False
        if after is not None and breaks(text, token, after):
            after, candidate_after = None, False
        if before is not None and before.text.lower() in _NOT_ALONE_BEFORE:
            continue
        if after is not None and after.text.lower() in COORDINATORS:
            continue
        flag = None
        if candidate_after and after is not None and after.text.lower() in FINITE_PERSONS:
            flag = _check_pair(context, rule, i, after, person, True)
        elif candidate_after and after is not None:
            flag = _check_regular(context, rule, i, after, person)
        if flag is None and closed_before and before is not None:
            flag = _check_pair(context, rule, i, before, person, False)
        if flag is not None:
            flags.append(flag)
    return flags


# Endings of a regular finite form that cannot agree with each pronoun ("wir spielt", "ich
# spielst", "du spiele", "er spielst"); -en only where no other verb governs an infinitive.
_WRONG_ENDINGS = {
    "1pl": ("t", "st", "e"),
    "1sg": ("st", "t", "en"),
    "2sg": ("e", "en"),
    "3sg": ("st", "en"),
}


def _check_regular(
    context: RuleContext, rule: Rule, index: int, verb: Token, person: str
) -> Flag | None:
    """A subject pronoun before a regular verb form of another person, read as a finite verb
    by the tagger, in a clause with no auxiliary (which would make it a participle)."""
    form = verb.text
    if not form[:1].islower() or form in FUNCTION_WORDS or form in _NOT_VERBS or len(form) < 4:
        return None
    if not form.endswith(_WRONG_ENDINGS[person]):
        return None
    first, last = clause_span(context.text, context.tokens, index)
    clause = context.tokens[first : last + 1]
    if any(
        t.text.lower() in FINITE_PERSONS or t.text in _BARE_INFINITIVE_GOVERNORS for t in clause
    ):
        return None
    window = context.tokens[max(first, index - 1) : min(last, index + 3) + 1]
    _, lemma, tag = tag_words(tuple(t.text for t in window))[window.index(verb)]
    if tag != "VV(FIN)" or not lemma.endswith("n") or not context.resources.speller.known(lemma):
        return None
    persons = _regular_persons(form, lemma)
    if not persons or person in persons:
        return None  # a strong form ("trat", "liest") or one that agrees
    right = _regular_form(context.resources, form, lemma, person)
    pronoun = context.tokens[index].text
    return rule.flag(
        verb.start,
        verb.end,
        f"“{pronoun} {form}”: the verb does not agree with “{pronoun}”"
        + (f"; write “{right}”." if right else "."),
        (right,) if right else (),
    )


# Regular endings after the stem and the persons they agree with (present, subjunctive I
# "er spiele", weak past).
_REGULAR_ENDINGS = {
    "e": frozenset(["1sg", "3sg"]), "st": frozenset(["2sg"]), "est": frozenset(["2sg"]),
    "t": frozenset(["3sg", "2pl"]), "et": frozenset(["3sg", "2pl"]),
    "en": frozenset(["1pl", "3pl"]), "n": frozenset(["1pl", "3pl"]),
    "te": frozenset(["1sg", "3sg"]), "ete": frozenset(["1sg", "3sg"]),
    "test": frozenset(["2sg"]), "etest": frozenset(["2sg"]),
    "ten": frozenset(["1pl", "3pl"]), "eten": frozenset(["1pl", "3pl"]),
    "tet": frozenset(["2pl"]), "etet": frozenset(["2pl"]),
}  # fmt: skip


def _regular_persons(form: str, lemma: str) -> frozenset[str]:
    """The persons a regular form of `lemma` agrees with ("spielst" → 2sg; "löst" → 2sg and
    3sg, as the stem ends in s); empty when `form` is not built regularly ("trat")."""
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    if not form.startswith(stem):
        return frozenset()
    persons = _REGULAR_ENDINGS.get(form[len(stem) :], frozenset())
    if persons and stem.endswith(("s", "ß", "z", "x")) and form.endswith("t"):
        persons = persons | {"2sg"}  # "du löst" = "er löst"
    return persons


def _regular_form(resources: Resources, form: str, lemma: str, person: str) -> str | None:
    """The right form for `person`, if the dictionary knows it: the present plural is the
    infinitive and the first singular stem + e for every verb; other forms only for weak verbs
    (strong ones change their vowel: "läuft", "trat")."""
    known = resources.speller.known
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    past = form.startswith(stem) and form[len(stem) :].lstrip("e").startswith("te")
    weak = known(stem + "te") or known(stem + "ete")
    joint = "e" if stem.endswith(("t", "d")) else ""
    if past and weak:
        candidate = stem + joint + {"1pl": "ten", "1sg": "te", "2sg": "test", "3sg": "te"}[person]
    elif past:
        return None
    elif person == "1pl":
        candidate = lemma
    elif person == "1sg":
        candidate = stem + "e"
    elif weak:
        candidate = stem + joint + {"2sg": "st", "3sg": "t"}[person]
    else:
        return None
    return candidate if candidate != form and known(candidate) else None


def _check_pair(
    context: RuleContext, rule: Rule, index: int, verb: Token, person: str, verb_after: bool
) -> Flag | None:
    form = verb.text.lower()
    persons = FINITE_PERSONS.get(form)
    if persons is None or person in persons or form == "sein":
        return None
    if verb.text[0].isupper() and not verb.sentence_initial:
        return None  # "Wir Wissen" is a noun, not a verb
    if not verb_after and person == "2sg" and form in _IMPERATIVES:
        return None  # "sei du still"
    tokens = context.tokens
    infinitive_like = form in _INFINITIVES or form.endswith("en")
    if infinitive_like and person != "1pl" and _governed(context, index, verb):
        return None  # "was ich haben möchte", "werde ich wissen": an infinitive
    right = _correct_form(form, person)
    pronoun = tokens[index].text
    pair = f"{pronoun} {verb.text}" if verb_after else f"{verb.text} {pronoun}"
    suggestion = (with_case_of(verb.text, right),) if right else ()
    return rule.flag(
        verb.start,
        verb.end,
        f"“{pair}”: the verb does not agree with “{pronoun}”"
        + (f"; write “{suggestion[0]}”." if suggestion else "."),
        suggestion,
    )


def _governed(context: RuleContext, pronoun: int, verb: Token) -> bool:
    """Another verb in the clause could govern `verb` as an infinitive."""
    first, last = clause_span(context.text, context.tokens, pronoun)
    for token in context.tokens[first : last + 1]:
        word = token.text.lower()
        if token is not verb and (word in FINITE_PERSONS or word in _BARE_INFINITIVE_GOVERNORS):
            return True
    return False


def _plural_noun(resources: Resources, determiner: str, noun: str) -> bool:
    """`noun` after `determiner` is a plural form ("die Kinder", "viele Lehrer")."""
    nouns = resources.nouns
    analyses = nouns.analyses(noun)
    if not any(a.endswith(".pl") for a in analyses):
        return False
    lemma = nouns.lemma(noun)
    if lemma in nouns.adjectival or lemma in nouns.names:
        return False
    if determiner in _PLURAL_ONLY_DETERMINERS:
        return True
    # "die", "diese", "meine" … also go with a feminine singular ("die Frau")
    return not any(a in ("nom.sg.f", "acc.sg.f") for a in analyses)


def _noun_agreement(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "Die Kinder spielt im Garten": a plural noun phrase opening the clause, then a
    singular finite verb, then a word that cannot be the subject (so not "Die Kinder liebt
    sie")."""
    text, tokens = context.text, context.tokens
    flags: list[Flag] = []
    for i in range(len(tokens) - 2):
        det = tokens[i]
        if not det.sentence_initial:
            continue
        determiner = det.text.lower()
        if determiner != "die" and determiner not in _PLURAL_DETERMINERS:
            continue
        noun, verb = tokens[i + 1], tokens[i + 2]
        if not noun.text[:1].isupper() or not verb.text[:1].islower():
            continue
        if any(breaks(text, a, b) for a, b in ((det, noun), (noun, verb))):
            continue
        after = tokens[i + 3] if i + 3 < len(tokens) else None
        if after is not None and not (
            breaks(text, verb, after) or _not_a_subject(verb.text, after.text)
        ):
            continue
        flag = _singular_verb_flag(context, rule, det, noun, verb)
        if flag is not None:
            flags.append(flag)
    return flags


def _not_a_subject(verb: str, word: str) -> bool:
    """`word` after the verb cannot start its subject (an OVS clause: "Die Kinder liebt sie").
    sein takes no object, so after its forms any lower-case word but a pronoun or article."""
    if word in _NON_SUBJECT_AFTER:
        return True
    return verb in _SEIN_SINGULAR and word[:1].islower() and word not in FUNCTION_WORDS


def _singular_verb_flag(
    context: RuleContext, rule: Rule, det: Token, noun: Token, verb: Token
) -> Flag | None:
    form = verb.text
    persons = FINITE_PERSONS.get(form)
    if persons is not None:
        if "3pl" in persons or "3sg" not in persons:
            return None
    elif not form.endswith(("t", "te")) or form in _NOT_VERBS:
        return None
    if not _plural_noun(context.resources, det.text.lower(), noun.text):
        return None
    if persons is not None:
        right = _correct_form(form, "3pl")
    else:
        _, lemma, tag = tag_words((det.text, noun.text, form))[2]
        if tag != "VV(FIN)":
            return None
        right = _plural_of(context.resources, form, lemma)
    suggestion = (right,) if right else ()
    return rule.flag(
        verb.start,
        verb.end,
        f"“{noun.text} {form}”: a plural subject needs a plural verb"
        + (f" (“{right}”)." if right else "."),
        suggestion,
    )


def _plural_of(resources: Resources, form: str, lemma: str) -> str | None:
    """3rd person plural of a regular singular form: present → the infinitive, past → +n."""
    known = resources.speller.known
    if form.endswith("te") and known(form + "n"):
        return form + "n"
    if form.endswith("t") and lemma.endswith("n") and known(lemma):
        return lemma
    return None


def subject_verb_agreement(context: RuleContext) -> list[Flag]:
    words = words_of(context)
    flags: list[Flag] = []
    if not words.isdisjoint(_SUBJECT_PRONOUNS):
        flags += _pronoun_agreement(context, SUBJECT_VERB)
    if not words.isdisjoint(_OPENING_DETERMINERS) and _PLURAL_OPENING.search(context.text):
        flags += _noun_agreement(context, SUBJECT_VERB)
    return flags


# A determiner opening a sentence, a capitalised word, a lower-case word.
_PLURAL_OPENING = re.compile(
    r"(?:^|[.!?:]\s+)[\"„“‚]?(?:Die|Diese|Alle|Viele|Einige|Mehrere|Beide|Manche|Wenige|Zwei"
    r"|Drei|Meine|Unsere|Seine|Ihre|Deine|Eure|Jene)\s+[A-ZÄÖÜ]\w+\s+[a-zäöüß]"
)


# --- ZU_INFINITIVE -------------------------------------------------------------------------


def _weak_forms(stem: str) -> set[str]:
    return {stem + e for e in ("e", "st", "t", "en", "te", "test", "ten", "tet", "et", "est")}


# Finite (and participle) forms of the verbs that take a zu-infinitive. "fangen … an" is
# handled by its particle.
_ZU_VERBS: frozenset[str] = frozenset(
    _weak_forms("versuch") | _weak_forms("hoff") | _weak_forms("plan") | _weak_forms("droh")
    | _weak_forms("pfleg") | _weak_forms("beabsichtig")
    | {"scheine", "scheinst", "scheint", "scheinen", "schien", "schienst", "schienen", "schient",
       "beginne", "beginnst", "beginnt", "beginnen", "begann", "begannst", "begannen", "begannt",
       "begonnen", "vergesse", "vergisst", "vergiss", "vergesst", "vergessen", "vergaß", "vergaßen",
       "vermag", "vermagst", "vermögen", "vermochte", "vermochten",
       "versprach", "verspricht", "versprechen", "versprochen",
       "weigert", "weigerte", "weigerten", "weigern"}
)  # fmt: skip
_ZU_PARTICLE_VERBS = {
    "an": frozenset(["fange", "fängst", "fängt", "fangen", "fangt", "fing", "fingst", "fingen"]),
    "auf": frozenset(["höre", "hörst", "hört", "hören", "hörte", "hörten"]),
}
_ZU_TRIGGERS: dict[str, str | None] = {
    **{form: particle for particle, forms in _ZU_PARTICLE_VERBS.items() for form in forms},
    **dict.fromkeys(_ZU_VERBS),
}
# Verbs whose complement may also be a main clause ("Es scheint, die Kinder schlafen").
_V2_COMPLEMENT = frozenset(
    ["scheine", "scheinst", "scheint", "scheinen", "schien", "schienst", "schienen", "schient",
     "hoffe", "hoffst", "hofft", "hoffen", "hoffte", "hofften", "versprach",
     "verspricht", "versprechen", "versprochen"]
)  # fmt: skip
# Words that end the verb's own clause for this rule: a coordinated clause follows.
_STOPS_IN_CLAUSE = COORDINATORS | {"aber", "sondern", "denn", "doch"}
# Words that open a clause of another kind after the comma.
_CLAUSE_OPENERS = frozenset(
    ["dass", "daß", "ob", "weil", "wenn", "als", "wie", "was", "wer", "wo", "wohin", "woher",
     "warum", "wann", "obwohl", "während", "damit", "bevor", "nachdem", "sobald", "solange",
     "falls", "indem", "ohne", "um", "statt", "anstatt", "und", "oder", "aber", "sondern",
     "denn", "doch", "deren", "dessen", "welche", "welcher",
     "welches", "ich", "du", "er", "sie", "es", "wir", "ihr", "man", "so", "sodass", "bis",
     "seit", "seitdem", "zu", "nur", "also", "dann", "da", "jedoch"]
)  # fmt: skip
# Words that show the group after the comma is not a main clause's subject.
_OBLIQUE = frozenset(
    ["den", "dem", "einen", "einem", "ihn", "ihm", "mich", "mir", "dich", "dir", "uns", "euch",
     "ihnen", "sich", "diesen", "diesem", "keinen", "keinem", "seinen", "seinem", "ihren",
     "ihrem", "meinen", "meinem", "unseren", "unserem"]
)  # fmt: skip
_NOT_INFINITIVES = frozenset(
    ["den", "einen", "allen", "diesen", "jenen", "keinen", "meinen", "deinen", "seinen",
     "ihren", "unseren", "euren", "welchen", "anderen", "vielen", "wenigen", "einigen",
     "beiden", "eben", "oben", "unten", "neben", "hinten", "vorn", "gegen", "wegen", "morgen",
     "gestern", "zusammen", "selten", "trotzdem", "ebenso", "lassen", "werden", "haben", "sein"]
)  # fmt: skip
# Verb particles (and the separable ones a zu goes inside: "abzuschließen").
PARTICLES = (
    "zurück", "zusammen", "heraus", "herein", "herum", "hinaus", "hinein", "herunter",
    "hinunter", "herauf", "hinauf", "hervor", "heran", "hinzu", "vorbei", "voran", "weiter",
    "nieder", "entgegen", "fest", "fort", "empor", "dar", "ab", "an", "auf", "aus", "bei",
    "ein", "her", "hin", "los", "mit", "nach", "vor", "weg", "zu", "teil", "statt", "hoch",
    "frei", "kennen", "wieder",
)  # fmt: skip


def _bare_infinitive(resources: Resources, tokens: Sequence[Token], index: int) -> bool:
    """Token `index` looks like a bare infinitive: lower case, -en/-ln/-rn, a known word, no
    "zu" before it and none inside it ("einzustürzen")."""
    token = tokens[index]
    word = token.text
    if not word[:1].islower() or not word.endswith(("en", "ln", "rn")) or len(word) < 5:
        return False
    if word in _NOT_INFINITIVES or word in FINITE_PERSONS:
        return False
    if index > 0 and tokens[index - 1].text.lower() == "zu":
        return False
    return not _inner_zu(resources, word) and resources.speller.known(word)


def _inner_zu(resources: Resources, word: str) -> bool:
    """A particle verb's zu-infinitive: "einzustürzen", "abzuschließen"."""
    known = resources.speller.known
    for particle in PARTICLES:
        rest = word[len(particle) :]
        if word.startswith(particle) and rest.startswith("zu") and known(particle + rest[2:]):
            return True
    return False


def _zu_forms(resources: Resources, infinitive: str) -> tuple[str, ...]:
    """ "zu enthalten", or the particle verb with zu inside ("abschließen" → "abzuschließen");
    for a verb in zu- ("zudrücken") MT often glued "zu drücken": that comes first."""
    known = resources.speller.known
    rest = infinitive[2:]
    if infinitive.startswith("zu") and len(rest) >= 4 and known(rest):
        return ("zu " + rest, "zuzu" + rest)
    return (_zu_form(resources, infinitive),)


def _zu_form(resources: Resources, infinitive: str) -> str:
    known = resources.speller.known
    for particle in PARTICLES:
        rest = infinitive[len(particle) :]
        if infinitive.startswith(particle) and len(rest) >= 3 and known(rest):
            inside = particle + "zu" + rest
            if known(inside):
                return inside
    return "zu " + infinitive


def zu_infinitive(context: RuleContext) -> list[Flag]:
    """ "scheint eine Bestimmung enthalten" → "zu enthalten": a verb that takes a
    zu-infinitive, and a bare infinitive at the end of its clause or of the group after it."""
    if words_of(context).isdisjoint(_ZU_TRIGGERS):
        return []
    tokens = context.tokens
    flags: list[Flag] = []
    for i, token in enumerate(tokens):
        word = token.text.lower()
        if word not in _ZU_TRIGGERS:
            continue
        particle = _ZU_TRIGGERS[word]
        if token.text[0].isupper() and not token.sentence_initial:
            continue  # "das Versuchen", "die Pflege"
        flag = _zu_after(context, i, particle)
        if flag is not None:
            flags.append(flag)
    return flags


def _zu_after(context: RuleContext, index: int, particle: str | None) -> Flag | None:
    text, tokens = context.text, context.tokens
    v2 = tokens[index].text.lower() in _V2_COMPLEMENT
    _, last = clause_span(text, tokens, index)
    if particle is not None:
        # "fing … an, die Tür öffnen": only the group after the particle and its comma
        if tokens[last].text != particle or last == index:
            return None
        return _extraposed(context, last, v2)
    if last == index:
        return _extraposed(context, last, v2)
    between = [t.text.lower() for t in tokens[index + 1 : last + 1]]
    if any(w in _STOPS_IN_CLAUSE or w in FINITE_PERSONS for w in between):
        return None
    if _bare_infinitive(context.resources, tokens, last):
        return _zu_flag(context, tokens[last]) if _tagged_infinitive(tokens, index, last) else None
    if "zu" in between or any(_inner_zu(context.resources, w) for w in between):
        return None  # "versuchte zurückzutreten, …": the infinitive is there
    if len(between) <= 3 and all(w.islower() for w in between):
        return _extraposed(context, last, v2)  # "vergiss nicht, den Knopf drücken"
    return None


def _extraposed(context: RuleContext, last: int, v2: bool) -> Flag | None:
    """The infinitive group after a comma: "versuchte, die Tür öffnen"."""
    text, tokens = context.text, context.tokens
    if last + 1 >= len(tokens) or text[tokens[last].end : tokens[last + 1].start].strip() != ",":
        return None
    start, end = clause_span(text, tokens, last + 1)
    group = [t.text.lower() for t in tokens[start : end + 1]]
    if len(group) < 2 or group[0] in _CLAUSE_OPENERS:
        return None
    if any(word in FINITE_PERSONS or word in _STOPS_IN_CLAUSE for word in group):
        return None
    if v2 and not _OBLIQUE.intersection(group):
        return None  # "Es scheint, die Kinder schlafen": a main clause
    if not _bare_infinitive(context.resources, tokens, end):
        return None
    if not _tagged_infinitive(tokens, start, end):
        return None
    return _zu_flag(context, tokens[end])


def _tagged_infinitive(tokens: Sequence[Token], start: int, end: int) -> bool:
    """HanTa reads the last word of tokens[start..end] as an infinitive (or as a participle
    identical to it, "enthalten"), not as a finite verb, noun or adjective."""
    tagged = tag_words(tuple(t.text for t in tokens[start : end + 1]))
    _, lemma, tag = tagged[-1]
    word = tokens[end].text
    if tag in ("VV(INF)", "VA(INF)", "VM(INF)"):
        return True
    return tag == "VV(PP)" and lemma == word


def _zu_flag(context: RuleContext, token: Token) -> Flag:
    forms = _zu_forms(context.resources, token.text)
    return ZU_INFINITIVE.flag(
        token.start,
        token.end,
        f"This verb takes an infinitive with “zu”: “{forms[0]}”.",
        forms,
    )


# --- BEIDE_UND -----------------------------------------------------------------------------


def beide_und(context: RuleContext) -> list[Flag]:
    """ "Beide Russland und Nordkorea" (English "both … and") → "Sowohl Russland als auch
    Nordkorea": "beide" before a singular name or noun and "und"."""
    if "beide" not in words_of(context) or "und" not in words_of(context):
        return []
    text, tokens = context.text, context.tokens
    flags: list[Flag] = []
    for i, token in enumerate(tokens):
        if token.text.lower() != "beide":
            continue
        j = i + 1
        while j < len(tokens) and j - i <= 4 and tokens[j].text[:1].isupper():
            if breaks(text, tokens[j - 1], tokens[j]):
                break
            j += 1
        if j == i + 1 or j >= len(tokens) or j - i > 4 or tokens[j].text != "und":
            continue
        if breaks(text, tokens[j - 1], tokens[j]):
            continue
        names = tokens[i + 1 : j]
        if any(_plural_possible(context.resources, t.text) for t in names):
            continue
        phrase = text[names[0].start : names[-1].end]
        sowohl = with_case_of(token.text, "sowohl")
        flags.append(
            BEIDE_UND.flag(
                token.start,
                tokens[j].end,
                f"“beide … und” is English “both … and”: write “{sowohl} {phrase} als auch …”.",
                (f"{sowohl} {phrase} als auch",),
            )
        )
    return flags


def _plural_possible(resources: Resources, word: str) -> bool:
    analyses = resources.nouns.analyses(word)
    if any(a.endswith(".pl") for a in analyses):
        return True
    # An adjective or a word the noun table lacks that Hunspell knows in lower case
    # ("Beide Deutschen") is not a singular name.
    return not analyses and bool(resources.speller.known(word[:1].lower() + word[1:]))


# --- SEPARABLE_VERB_PARTICLE ---------------------------------------------------------------

# Particles whose verbs are a closed lexicon. Particles of direction (heraus, hinein, zurück,
# weg, mit …) combine freely with verbs of motion ("stolperten heraus") and are left out.
_FINAL_PARTICLES = frozenset(["ab", "an", "auf", "aus", "bei", "dar", "ein", "vor", "nach", "zu",
                              "hin", "fest"])  # fmt: skip
# After a particle that ends its clause: a comma, a full stop, a closing quote or the end.
_ENDS_CLAUSE = re.compile(r"\s*(?:[,;:!?)“”\"»«]|\.(?!\.))")
_NOT_PARTICLE_VERBS = frozenset(["sein", "haben", "werden", *_PARADIGMS])
_CLAUSE_END_PARTICLE = re.compile(
    r"\b(?:" + "|".join(sorted(_FINAL_PARTICLES, key=len, reverse=True)) + r")\b\s*[,.;:!?)\"“”]"
)


def separable_particle(context: RuleContext) -> list[Flag]:
    """ "schlug sie als unnötig dar": the particle at the clause end makes no verb with the
    finite verb ("darschlagen"); when one verb with that particle is far more frequent, its
    form is suggested ("stellte … dar")."""
    text = context.text
    if words_of(context).isdisjoint(_FINAL_PARTICLES) or not _CLAUSE_END_PARTICLE.search(text):
        return []
    tokens = context.tokens
    flags: list[Flag] = []
    for i, token in enumerate(tokens):
        if token.text not in _FINAL_PARTICLES or i == 0:
            continue
        rest = text[token.end : tokens[i + 1].start] if i + 1 < len(tokens) else text[token.end :]
        if not (_ENDS_CLAUSE.match(rest) or (i + 1 == len(tokens) and not rest.strip())):
            continue  # "erinnerte an „…“", "ersetzen auf ...", "an-"
        flag = _particle_flag(context, i)
        if flag is not None:
            flags.append(flag)
    return flags


def _particle_flag(context: RuleContext, index: int) -> Flag | None:
    text, tokens, resources = context.text, context.tokens, context.resources
    known = resources.speller.known
    particle = tokens[index].text
    first, _ = clause_span(text, tokens, index)
    for k in range(index - 1, first, -1):
        if tokens[k].text in _STOPS_IN_CLAUSE:
            first = k + 1  # "… aus und schlug sie als unnötig dar": the second clause only
            break
    clause = tokens[first:index]
    if len(clause) < 2:
        return None
    words = [t.text for t in clause]
    lowered = [w.lower() for w in words]
    if any(w in _NOT_PARTICLE_VERBS or w in FINITE_PERSONS for w in lowered):
        return None  # "Das Licht ist aus", "Ich kann nicht mit"
    if particle in ("an", "ab", "aus") and ("von" in lowered or "vom" in lowered):
        return None  # "von Anfang an"
    if particle in ("nach", "zu", "hin") and words[-1][:1].isupper():
        return None  # "meiner Meinung nach", "der Tür zu", "auf Anfrage hin"
    candidates = [
        w for k, w in enumerate(lowered)
        if w not in FUNCTION_WORDS and w not in _NOT_VERBS and (k == 0 or words[k][:1].islower())
    ]  # fmt: skip
    if not candidates:
        return None  # "…, ein Papier an": no word that could be the finite verb
    zipf = resources.frequency.zipf
    if any(zipf(particle + w) > 0 for w in candidates):
        return None  # "kam … an" → "ankam", a form in use
    tagged = tag_words((*words, particle))
    verbs = [
        (k, lemma)
        for k, (_, lemma, tag) in enumerate(tagged[:-1])
        if tag == "VV(FIN)" and (k == 0 or words[k][:1].islower())
    ]
    if len(verbs) != 1:
        return None
    k, lemma = verbs[0]
    if lemma in _NOT_PARTICLE_VERBS or known(particle + lemma) or not known(lemma):
        return None
    if zipf(particle + lemma) > 0 or known(particle + lowered[k]):
        return None  # a verb the dictionary lacks but real text uses ("einschütten")
    verb = clause[k]
    return _particle_verb_flag(resources, verb, particle, lemma)


def _particle_verb_flag(resources: Resources, verb: Token, particle: str, lemma: str) -> Flag:
    compound = particle + lemma
    replacement = _replacement_verb(resources, verb.text, lemma, particle)
    if replacement is None:
        return SEPARABLE_PARTICLE.flag(
            verb.start,
            verb.end,
            f"“{verb.text} … {particle}”: “{compound}” is not a German verb; check the verb or "
            "the particle.",
        )
    form, infinitive = replacement
    return SEPARABLE_PARTICLE.flag(
        verb.start,
        verb.end,
        f"“{verb.text} … {particle}”: “{compound}” is not a German verb; perhaps "
        f"“{form} … {particle}” ({infinitive}).",
        (form,),
    )


@lru_cache(maxsize=2)
def _infinitive_stems(resources: Resources) -> list[str]:
    """The dictionary's lower-case stems in -en, sorted (for prefix ranges)."""
    return sorted(
        stem for stem in resources.speller.stems if stem.endswith("en") and stem.islower()
    )


@lru_cache(maxsize=64)
def _particle_verbs(resources: Resources, particle: str) -> tuple[tuple[float, str], ...]:
    """The dictionary's common verbs made of `particle` and a known verb, most frequent first
    (rarer ones cannot decide a suggestion). An infinitive is told from a participle
    ("dargeboten") by its present participle ("darbietend")."""
    known, zipf = resources.speller.known, resources.frequency.zipf
    longer = tuple(p for p in PARTICLES if len(p) > len(particle) and p.startswith(particle))
    infinitives = _infinitive_stems(resources)
    found = []
    for k in range(bisect_left(infinitives, particle), len(infinitives)):
        stem = infinitives[k]
        if not stem.startswith(particle):
            break
        frequency = zipf(stem)
        base = stem[len(particle) :]
        if frequency < _COMMON or len(base) < 4 or base.startswith("zu") or stem.startswith(longer):
            continue
        if known(base) and known(stem + "d"):
            found.append((frequency, base))
    return tuple(sorted(found, reverse=True)[:5])


_COMMON = 2.0  # Zipf: verbs rarer than this play no part in choosing a suggestion


def _replacement_verb(
    resources: Resources, form: str, lemma: str, particle: str
) -> tuple[str, str] | None:
    """The same person and tense of the clearly most frequent `particle` verb, if it is weak
    (regular) so that its form can be built: ("stellte", "darstellen") for "schlug … dar"."""
    candidates = _particle_verbs(resources, particle)
    if not candidates:
        return None
    best_freq, base = candidates[0]
    if best_freq < 3.0 or (len(candidates) > 1 and candidates[1][0] > best_freq - 1.0):
        return None
    known = resources.speller.known
    stem = base[:-2] if base.endswith("en") else base[:-1]
    if not known(stem + "te"):
        return None  # a strong verb: its forms cannot be built by rule
    target = _weak_form(stem, _form_slot(form, lemma))
    if target is None or not known(target):
        return None
    return target, particle + base


def _form_slot(form: str, lemma: str) -> tuple[str, str]:
    """(tense, person group) of a finite form: ("past", "sg13") for "schlug"."""
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    present = form.startswith(stem) or _umlauted(stem, form)
    weak_past = form.startswith(stem) and form[len(stem) :].startswith(("te", "ete"))
    tense = "past" if weak_past or not present else "present"
    if form.endswith("st"):
        return tense, "2sg"
    if form.endswith("en") or (tense == "past" and form.endswith("n")):
        return tense, "pl"
    if tense == "present" and form.endswith("t"):
        return tense, "3sg"
    if tense == "present":
        return tense, "1sg"
    return tense, "sg13"


def _umlauted(stem: str, form: str) -> bool:
    for plain, changed in (("a", "ä"), ("o", "ö"), ("au", "äu"), ("e", "i"), ("e", "ie")):
        if plain in stem and form.startswith(stem.replace(plain, changed, 1)):
            return True
    return False


def _weak_form(stem: str, slot: tuple[str, str]) -> str | None:
    tense, person = slot
    joint = "e" if stem.endswith(("t", "d")) else ""
    if tense == "past":
        ending = {"sg13": "te", "2sg": "test", "pl": "ten"}.get(person)
        return stem + joint + ending if ending else None
    ending = {"1sg": "e", "2sg": "st", "3sg": "t", "pl": "en"}.get(person)
    if ending is None:
        return None
    return stem + (joint if ending in ("st", "t") else "") + ending


# --- the rules -----------------------------------------------------------------------------

SUBJECT_VERB = Rule(
    "SUBJECT_VERB_AGREEMENT", "GRAMMAR", Severity.WARNING,
    "A subject pronoun (ich, du, er, wir) next to a verb form of another person, or a plural "
    "noun opening the sentence with a singular verb.",
    "wir möchte → wir möchten", subject_verb_agreement,
)  # fmt: skip
ZU_INFINITIVE = Rule(
    "ZU_INFINITIVE", "GRAMMAR", Severity.WARNING,
    "scheinen, versuchen, beginnen, anfangen, aufhören, vergessen, hoffen, planen, drohen, "
    "pflegen, vermögen, versprechen, beabsichtigen and sich weigern take an infinitive with "
    "“zu”.",
    "scheint eine Bestimmung enthalten → scheint eine Bestimmung zu enthalten", zu_infinitive,
)  # fmt: skip
BEIDE_UND = Rule(
    "BEIDE_UND", "GRAMMAR", Severity.WARNING,
    "“beide X und Y” copies English “both X and Y”; German says “sowohl X als auch Y”.",
    "Beide Russland und Nordkorea → Sowohl Russland als auch Nordkorea", beide_und,
)  # fmt: skip
SEPARABLE_PARTICLE = Rule(
    "SEPARABLE_VERB_PARTICLE", "GRAMMAR", Severity.WARNING,
    "The particle at the end of the clause makes no verb with the finite verb (the dictionary "
    "has no such verb); a suggestion only when one verb with that particle is far more common.",
    "schlug sie als unnötig dar → stellte sie als unnötig dar", separable_particle,
)  # fmt: skip

RULES = (SUBJECT_VERB, ZU_INFINITIVE, BEIDE_UND, SEPARABLE_PARTICLE)
