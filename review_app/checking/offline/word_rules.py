"""The rules whose flags the word judge raises (spelling and curated confusions): declared here
so that `review-app rules` lists them and `--disable` switches them off like any other."""

from __future__ import annotations

from review_app.checking.flag import Severity
from review_app.checking.offline.registry import Rule

RULES = (
    Rule(
        "GERMAN_SPELLING", "TYPOS", Severity.ERROR,
        "A word the German dictionary does not know and that is not a name, an English word "
        "or a valid compound; suggestions ranked by edit cost and word frequency.",
        "Bundesregirung → Bundesregierung",
    ),
    Rule(
        "SS_ESZETT", "TYPOS", Severity.ERROR,
        "ss where standard German (de-DE, de-AT) writes ß, or the reverse.",
        "Strasse → Straße",
    ),
    Rule(
        "CONFUSION", "TYPOS", Severity.ERROR,
        "A curated confusion seen in many texts (severity per entry).",
        "wiederspiegeln → widerspiegeln",
    ),
    Rule(
        "NAME_LIKE_UNKNOWN", "TYPOS", Severity.HINT,
        "An unknown capitalised word that is probably a name: add it to the dictionary.",
        "Prigoschin",
    ),
    Rule(
        "FOREIGN_WORD", "TYPOS", Severity.HINT,
        "An English word in the German text: check it should stay untranslated.",
        "Streaming-Deal",
    ),
    Rule(
        "UNKNOWN_COMPOUND", "COMPOUNDING", Severity.HINT,
        "A compound no dictionary knows, though its parts are words: check its meaning.",
        "Kinderwelle → Kinder + Welle?",
    ),
    Rule(
        "COLLOQUIAL_SPELLING", "TYPOS", Severity.HINT,
        "Chat language or an expressive spelling (lol, gaaanz).",
        "seeehr → sehr",
    ),
)  # fmt: skip
