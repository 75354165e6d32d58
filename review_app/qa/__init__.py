"""Source-aware QA: checks of a translation against its source (numbers, dates, tags,
untranslated text, punctuation, terminology, consistency). Pure core: takes (source, target)
pairs, returns flags into the targets."""

from review_app.qa.consistency import ConsistencyGroup, consistency_groups
from review_app.qa.glossary import Glossary, Term, glossary_hits, read_glossary
from review_app.qa.names import drop_copied_names
from review_app.qa.registry import QaRule
from review_app.qa.rules import QA_RULES, check_file, check_unit
from review_app.qa.settings import QaSettings

__all__ = [
    "QA_RULES",
    "ConsistencyGroup",
    "Glossary",
    "QaRule",
    "QaSettings",
    "Term",
    "check_file",
    "check_unit",
    "consistency_groups",
    "drop_copied_names",
    "glossary_hits",
    "read_glossary",
]
