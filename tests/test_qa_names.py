"""drop_copied_names: spelling and name flags on words the source has are dropped."""

from __future__ import annotations

from review_app.checking.flag import Flag, Severity
from review_app.qa import drop_copied_names


def spelling(target: str, word: str, rule_id: str = "NAME_LIKE_UNKNOWN", **kwargs) -> Flag:
    start = target.index(word)
    defaults = {"category": "TYPOS", "severity": Severity.HINT, "word": word}
    defaults.update(kwargs)
    return Flag(start, start + len(word), "unknown word", rule_id, **defaults)


def test_names_acronyms_and_products_copied_from_the_source_are_dropped():
    source = "Jill Dougherty met NATO staff about the GPT-4o rollout and Node.js at O'Brien's."
    target = "Jill Dougherty traf NATO-Leute wegen GPT-4o und Node.js bei O'Brien."
    flags = [spelling(target, word) for word in ("Dougherty", "GPT-4o", "Node.js", "O'Brien")]
    assert drop_copied_names(flags, target, source) == []


def test_german_genitive_and_hyphenated_compounds_of_a_source_name():
    source = "Siso's paintings and Biden's administration."
    target = "Sisos Bilder und die Biden-Regierung."
    flags = [spelling(target, "Sisos"), spelling(target, "Biden-Regierung")]
    assert drop_copied_names(flags, target, source) == []


def test_words_not_in_the_source_stay():
    target = "Die Regirung tagte."
    flag = spelling(target, "Regirung", "GERMAN_SPELLING", severity=Severity.ERROR)
    assert drop_copied_names([flag], target, "The government met.") == [flag]


def test_the_match_is_case_sensitive():
    target = "Ein apple am Tag."
    flag = spelling(target, "apple", "FOREIGN_WORD")
    assert drop_copied_names([flag], target, "Apple makes phones.") == [flag]


def test_grammar_flags_on_a_copied_word_stay():
    target = "Der NATO hat."
    grammar = Flag(0, 8, "agreement", "AGREEMENT", "GRAMMAR", Severity.ERROR)
    assert drop_copied_names([grammar], target, "NATO has.") == [grammar]


def test_languagetool_typos_without_a_word_are_recognised_by_category():
    target = "Prigozhin sagte."
    flag = Flag(0, 9, "Possible typo", "GERMAN_SPELLER_RULE", "TYPOS", Severity.ERROR)
    assert drop_copied_names([flag], target, "Prigozhin said.") == []


def test_no_source_keeps_every_flag():
    target = "Dougherty kam."
    flag = spelling(target, "Dougherty")
    assert drop_copied_names([flag], target, "") == [flag]
