"""Closed word lists the speller's judgement uses (German grammar words, chat words, name
particles, productive affixes). Data only."""

# Abbreviations and units written without a full stop.
NO_DOT_ABBREVIATIONS = frozenset(
    (
        "Mio", "Mrd", "Tsd", "Std", "Min", "Sek", "ca", "bzw", "usw", "etc", "vs", "Inc",
        "Ltd", "Corp", "Co", "Jr", "Sr",
    )
)  # fmt: skip
# Endings after an apostrophe: geht's, stimmt's, Al's, so'n, auf'm.
APOSTROPHE_ENDINGS = frozenset(
    ("s", "n", "m", "ne", "nen", "nem", "ner", "nes", "re", "t", "ll", "ve", "d", "em")
)  # fmt: skip
# Chat and social-media words a German text uses as they are.
INTERJECTIONS = frozenset(
    (
        "ok", "okay", "lol", "lmao", "rofl", "omg", "btw", "imho", "haha", "hahaha", "hehe",
        "hehehe", "hihi", "juhu", "jap", "jep", "jepp", "yay", "wow", "hey", "äh", "ähm", "hm",
        "hmm", "pfff", "uff", "ups", "oops", "xd",
    )
)  # fmt: skip
# Colloquial short prefixes and the standard form they stand for (raus → heraus).
COLLOQUIAL_PREFIXES = {
    "raus": "heraus",
    "rein": "herein",
    "rüber": "herüber",
    "runter": "herunter",
    "rauf": "herauf",
    "rum": "herum",
    "ran": "heran",
    "drauf": "darauf",
    "drüber": "darüber",
    "drunter": "darunter",
    "drin": "darin",
}
DETERMINERS = frozenset(
    (
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
        "eines", "kein", "keine", "keinen", "keinem", "keiner", "keines", "dieser", "diese",
        "dieses", "diesen", "diesem", "jeder", "jede", "jedes", "jeden", "jedem", "sein",
        "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer",
        "unser", "unsere", "unseren", "unserem", "unserer", "zum", "zur", "im", "am", "vom",
        "beim",
    )
)  # fmt: skip
# Noun suffixes: a capitalised unknown word ending so is a noun (a typo), not a name.
NOUN_ENDINGS = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
    "ität", "itäten", "ismus", "nis", "nisse", "tum", "ment", "ments",
)  # fmt: skip
# German verb endings on an English root (gestreamt, posten, downloaden).
VERB_ENDINGS = ("test", "tet", "ten", "te", "en", "et", "st", "t", "e")
# Prefixes that make new words freely (ultraleicht, parasozial, Megaprojekt).
PRODUCTIVE_PREFIXES = (
    "ultra", "super", "mega", "hyper", "extra", "anti", "pseudo", "semi", "multi", "para",
    "post", "prä", "neo", "öko", "bio", "mikro", "makro", "nano", "inter", "trans", "hoch",
    "selbst",
)  # fmt: skip
# Lower-case particles inside names: Tierra del Fuego, Ursula von der Leyen, Vincent van Gogh.
NAME_PARTICLES = frozenset(
    (
        "de", "del", "della", "der", "di", "do", "dos", "da", "das", "du", "la", "le", "van",
        "von", "y", "bin", "al",
    )
)  # fmt: skip
