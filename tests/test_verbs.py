"""The verb lexicon (dashboard/nlp/verbs.py): how its files are read, and the index the matcher uses."""

import pytest

from dashboard.nlp.verbs import VerbLexicon, VerbRule, majority_rule, usual_sense, verb_lexicon


def test_a_verb_used_mostly_in_one_sense_takes_it():
    rules = [VerbRule("provide", (f"aid{i}",), "AID", "", "070") for i in range(30)]
    rules += [
        VerbRule("provide", ("troops",), "COOPERATE", "", "060"),
        VerbRule("provide", (), "COOPERATE", "", "060"),
    ]
    assert usual_sense(rules).plover == "AID"
    assert usual_sense(rules[-2:]) is None  # too few patterns to say
    assert VerbLexicon.of(rules).usual("provide").plover == "AID"


def test_the_majority_rule_is_the_broadest_code_of_the_commonest_type_with_no_pattern():
    rules = [
        VerbRule("deploy", ("troops",), "MOBILIZE", "troops", "1541"),
        VerbRule("deploy", ("observers",), "AID", "", "0721"),
        VerbRule("deploy", ("forces",), "MOBILIZE", "", "154"),
    ]
    broadest = VerbRule("deploy", (), "MOBILIZE", "", "154")
    assert majority_rule(rules) == broadest
    assert VerbLexicon.of(rules).majority("deploy") == broadest


def test_a_usual_sense_carries_no_pattern_it_did_not_match():
    rules = [
        VerbRule("increase", ("armed", "forces", f"activity{i}"), "MOBILIZE", "troops", "154")
        for i in range(25)
    ]
    assert usual_sense(rules) == VerbRule("increase", (), "MOBILIZE", "troops", "154")


def test_a_supplement_row_replaces_the_lexicon_row_of_its_verb_and_pattern(tmp_path):
    header = "lemma\tpattern\tcameo\tplover\tmode\tnegated_plover\n"
    lexicon, supplement = tmp_path / "lexicon.tsv", tmp_path / "supplement.tsv"
    lexicon.write_text(header + "pledge\t\t030\tAGREE\t\t\npledge\tsupport\t032\tAGREE\t\t\n")
    supplement.write_text(header + "pledge\tsupport\t051\tSUPPORT\t\t\n")
    rules = verb_lexicon((lexicon, supplement)).get("pledge")
    assert [(r.pattern, r.plover) for r in rules] == [(("support",), "SUPPORT"), ((), "AGREE")]


def _prefixes(*words):
    return {word[:n] for word in words for n in range(1, len(word) + 1)}


@pytest.mark.parametrize(
    "lemma, following",
    [
        ("take", "control of the town and the airport"),
        ("take", "part in joint military exercises"),
        ("set", "up a committee to investigate the killings"),
        ("go", "to war against the rebels"),
        ("sign", "a security agreement"),
        ("accuse", "the army of genocide"),
        ("take", ""),  # nothing follows: only patterns with no words may hold
    ],
)
def test_the_candidates_are_the_rules_whose_words_all_begin_a_following_word(lemma, following):
    """The index must keep every rule that could hold, in the lexicon's order: those are all the
    matcher tests, so a lost candidate would be a lost event."""
    lexicon = verb_lexicon()
    prefixes = _prefixes(*following.split())
    possible = [rule for rule in lexicon.get(lemma) if rule.words <= prefixes]
    candidates = lexicon.candidates(lemma, prefixes)
    assert [rule for rule in candidates if rule.words <= prefixes] == possible
    assert possible and len(candidates) < len(lexicon.get(lemma)) / 2  # and it does narrow them down


def test_an_unknown_verb_has_no_candidates():
    lexicon = verb_lexicon()
    assert "frobnicate" not in lexicon and lexicon.get("frobnicate") == []
    assert lexicon.candidates("frobnicate", _prefixes("the", "treaty")) == []
    assert lexicon.usual("frobnicate") is None and lexicon.majority("frobnicate") is None
