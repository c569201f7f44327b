"""The PLOVER verb lexicon as the event coder reads it: each verb's rules, most specific pattern first, with
what matching asks of them on every verb precomputed once (a verb's usual and majority types, and an index
of its patterns by word)."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parent / "lexicon" / "plover_verbs.tsv"
# Hand-written rows in the same format for verbs of today's news that the 2014 dictionary lacks, and for
# the few phrases it codes against its own codes for the same act: a row here replaces the lexicon's row of
# the same verb and pattern.
SUPPLEMENT = LEXICON.with_name("supplement.tsv")


@dataclass(frozen=True, slots=True)
class VerbRule:
    lemma: str
    pattern: tuple[str, ...]
    plover: str
    mode: str
    cameo: str
    words: frozenset[str] = field(init=False, repr=False, compare=False)  # the pattern's words, as a set

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", frozenset(self.pattern))


@cache
def verb_lexicon(paths: tuple[Path, ...] = (LEXICON, SUPPLEMENT)) -> dict[str, list[VerbRule]]:
    """Lemma → rules, most specific pattern first; a later file's row replaces an earlier one's of the same
    verb and pattern."""
    by_key: dict[tuple[str, tuple[str, ...]], VerbRule] = {}
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter="\t")
            columns = {name: number for number, name in enumerate(next(rows))}
            lemma, pattern, plover, mode, cameo = (
                columns[name] for name in ("lemma", "pattern", "plover", "mode", "cameo")
            )
            for row in rows:
                words = tuple(word for word in row[pattern].split() if word != "*")
                by_key[row[lemma], words] = VerbRule(row[lemma], words, row[plover], row[mode], row[cameo])
    rules: dict[str, list[VerbRule]] = defaultdict(list)
    for rule in by_key.values():
        rules[rule.lemma].append(rule)
    for options in rules.values():
        options.sort(key=lambda rule: -len(rule.pattern))
    return dict(rules)


def usual_senses(
    lexicon: dict[str, list[VerbRule]], least: int = 20, share: float = 0.8
) -> dict[str, VerbRule]:
    """Verbs whose patterns nearly all code one type: that type is the verb's usual sense, better than
    its bare code when no pattern matches ("provide" has 58 AID patterns, and a bare COOPERATE). Patterns
    are counted by their last word, so that one dictionary line expanded over a synonym set ("host
    {army, navy, troops...} conference") counts once."""
    usual = {}
    for lemma, rules in lexicon.items():
        votes = Counter(plover for plover, _ in {(r.plover, r.pattern[-1]) for r in rules if r.pattern})
        if votes and votes.total() >= least:
            plover, count = votes.most_common(1)[0]
            if count >= share * votes.total():
                usual[lemma] = next(rule for rule in rules if rule.plover == plover)
    return usual


def majority_rule(rules: list[VerbRule]) -> VerbRule:
    """The first of a verb's rules of the type most of them give ("deploy" is mostly MOBILIZE)."""
    plover = Counter(rule.plover for rule in rules).most_common(1)[0][0]
    return next(rule for rule in rules if rule.plover == plover)


class VerbLexicon:
    """Rules by lemma, most specific pattern first (`verb_lexicon`), with per verb its usual sense, its
    majority rule, and its patterns indexed by one of their words.

    A pattern holds only where each of its words begins a word after the verb, so `candidates` looks up
    the index with the prefixes of those words and returns just the rules whose indexed word is among
    them: the same rules, in the same order, that testing every pattern would keep, without the loop over
    hundreds of patterns ("take" has 900).
    """

    def __init__(self, rules: dict[str, list[VerbRule]]) -> None:
        self.rules = rules
        self.usual = usual_senses(rules)
        self.majority = {lemma: majority_rule(options) for lemma, options in rules.items() if options}
        # lemma → (indexed word → positions of its rules, positions of the rules with no pattern)
        self._index: dict[str, tuple[dict[str, list[int]], list[int]]] = {}
        for lemma, options in rules.items():
            by_word: dict[str, list[int]] = defaultdict(list)
            bare = []
            for position, rule in enumerate(options):
                if rule.pattern:  # the longest word: the rarest prefix, so the fewest false candidates
                    by_word[max(rule.pattern, key=len)].append(position)
                else:
                    bare.append(position)
            self._index[lemma] = (dict(by_word), bare)

    def __contains__(self, lemma: str) -> bool:
        return lemma in self.rules

    def get(self, lemma: str) -> list[VerbRule]:
        return self.rules.get(lemma, [])

    def candidates(self, lemma: str, prefixes: set[str]) -> list[VerbRule]:
        """The verb's rules, in order, that may hold given every prefix of every word after the verb."""
        if lemma not in self._index:
            return []
        by_word, positions = self._index[lemma]
        positions = positions.copy()
        for word in by_word.keys() & prefixes:
            positions += by_word[word]
        positions.sort()
        options = self.rules[lemma]
        return [options[position] for position in positions]
