"""The PLOVER verb lexicon as the event coder reads it: each verb's rules, most specific pattern first, with
what matching asks of them on every verb (its usual and majority types, an index of its patterns by word)
worked out once, when the verb is first met."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parent / "lexicon" / "plover_verbs.tsv"
# Hand-written rows in the same format for verbs of today's news that the 2014 dictionary lacks, and for
# the few phrases it codes against its own codes for the same act: a row here replaces the lexicon's row of
# the same verb and pattern.
SUPPLEMENT = LEXICON.with_name("supplement.tsv")

Row = tuple[str, str, str]  # a pattern's PLOVER type, mode and CAMEO code


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


def plurals(lemma: str) -> tuple[str, str]:
    """The plural forms a pattern word may take for a noun of this lemma: PETRARCH2's dictionaries write
    many nouns only in the plural ("boycott presidential polls", "issue arrest warrants"), and a singular
    in the text must match them too."""
    return lemma + "s", lemma + "es"


# Nominalisations and the endings of their verbs: "investigation" -> investigate, "deployment" -> deploy,
# "withdrawal" -> withdraw, "seizure" -> seize, "expulsion" -> expel.
NOMINAL_ENDINGS = (
    ("ation", ("ate", "e", "")),
    ("ition", ("ite",)),
    ("ulsion", ("el",)),
    ("sion", ("d", "de")),
    ("ion", ("e", "")),
    ("ment", ("",)),
    ("al", ("",)),
    ("ure", ("e",)),
    ("ing", ("", "e")),  # "bombing" -> bomb, "shooting" -> shoot
)


def is_nominalisation(noun: str) -> bool:
    """A noun made from a verb ("expulsion", "suspension", "withdrawal"), not one a verb is made from
    ("aid", "talks")."""
    return len(noun) > 6 and any(noun.endswith(ending) for ending, _ in NOMINAL_ENDINGS if ending != "ing")


def nominal_bases(noun: str) -> list[str]:
    """The verbs a noun may be made from: "expulsion" -> expel, "kidnapping" -> kidnap."""
    bases = [
        noun[: -len(ending)] + verb
        for ending, verbs in NOMINAL_ENDINGS
        if noun.endswith(ending)
        for verb in verbs
    ]
    if noun.endswith("ing") and len(noun) > 5 and noun[-4] == noun[-5]:
        bases.append(noun[:-4])  # "kidnapping" -> kidnap
    return bases


def usual_sense(rules: list[VerbRule], least: int = 20, share: float = 0.8) -> VerbRule | None:
    """The type nearly all of a verb's patterns code, if there is one: the verb's usual sense, better than
    its bare code when no pattern matches ("provide" has 58 AID patterns, and a bare COOPERATE). Patterns
    are counted by their last word, so that one dictionary line expanded over a synonym set ("host
    {army, navy, troops...} conference") counts once."""
    votes = Counter(plover for plover, _ in {(r.plover, r.pattern[-1]) for r in rules if r.pattern})
    if votes and votes.total() >= least:
        plover, count = votes.most_common(1)[0]
        if count >= share * votes.total():
            # the verb alone, in that sense: no pattern of its own held ("approved a tax increase" has
            # no armed forces in it, though "increase armed forces activity" gives the sense)
            usual = min(
                (rule for rule in rules if rule.plover == plover), key=lambda r: (bool(r.mode), len(r.cameo))
            )
            return replace(usual, pattern=())
    return None


def majority_rule(rules: list[VerbRule]) -> VerbRule:
    """A rule of the type most of a verb's rules give ("deploy" is mostly MOBILIZE): a guess, so the
    type's broadest code of them (a "deny" guess is REJECT, not its "deny resumption of talks" mode)."""
    plover = Counter(rule.plover for rule in rules).most_common(1)[0][0]
    broadest = min(
        (rule for rule in rules if rule.plover == plover), key=lambda r: (bool(r.mode), len(r.cameo))
    )
    return replace(broadest, pattern=())


@dataclass(slots=True)
class _Verb:
    rules: list[VerbRule]  # most specific pattern first
    usual: VerbRule | None
    majority: VerbRule
    by_word: dict[str, list[int]]  # a word of each pattern → the positions of the rules indexed by it
    bare: list[int]  # the positions of the rules with no pattern

    @classmethod
    def of(cls, lemma: str, rows: dict[tuple[str, ...], Row]) -> _Verb:
        rules = [VerbRule(lemma, pattern, *row) for pattern, row in rows.items()]
        rules.sort(key=lambda rule: -len(rule.pattern))
        by_word: dict[str, list[int]] = defaultdict(list)
        bare = []
        for position, rule in enumerate(rules):
            if rule.pattern:  # by its longest word: the rarest prefix, so the fewest false candidates
                by_word[max(rule.pattern, key=len)].append(position)
            else:
                bare.append(position)
        return cls(rules, usual_sense(rules), majority_rule(rules), dict(by_word), bare)


class VerbLexicon:
    """The rules of each verb (lemma), most specific pattern first.

    The files hold 59,000 rows for 3,000 verbs, and news uses a few hundred of them: a verb's rules are
    made when it is first looked up, so loading the lexicon only reads the rows.

    A pattern holds only where each of its words begins a word after the verb, so `candidates` looks up
    the index with the prefixes of those words and returns just the rules whose indexed word is among
    them: the same rules, in the same order, that testing every pattern would keep, without the loop over
    hundreds of patterns ("take" has 900).
    """

    def __init__(self, rows: dict[str, dict[tuple[str, ...], Row]]) -> None:
        self._rows = rows  # lemma → pattern → row, in the order the files first give each pattern
        self._verbs: dict[str, _Verb] = {}

    @classmethod
    def of(cls, rules: list[VerbRule]) -> VerbLexicon:
        rows: dict[str, dict[tuple[str, ...], Row]] = defaultdict(dict)
        for rule in rules:
            rows[rule.lemma][rule.pattern] = (rule.plover, rule.mode, rule.cameo)
        return cls(dict(rows))

    def _verb(self, lemma: str) -> _Verb | None:
        verb = self._verbs.get(lemma)
        if verb is None and lemma in self._rows:
            verb = self._verbs[lemma] = _Verb.of(lemma, self._rows[lemma])
        return verb

    def __contains__(self, lemma: str) -> bool:
        return lemma in self._rows

    def get(self, lemma: str) -> list[VerbRule]:
        verb = self._verb(lemma)
        return verb.rules if verb else []

    def usual(self, lemma: str) -> VerbRule | None:
        verb = self._verb(lemma)
        return verb.usual if verb else None

    def majority(self, lemma: str) -> VerbRule | None:
        verb = self._verb(lemma)
        return verb.majority if verb else None

    def share(self, lemma: str, plover: str) -> float:
        """The share of the verb's rules that code `plover`: how surely the verb alone means it ("attack"
        nearly always ASSAULT; "take" anything from AID to COERCE, as its patterns say)."""
        verb = self._verb(lemma)
        if verb is None or not verb.rules:
            return 0.0
        return sum(rule.plover == plover for rule in verb.rules) / len(verb.rules)

    def candidates(self, lemma: str, prefixes: set[str]) -> list[VerbRule]:
        """The verb's rules, in order, that may hold given every prefix of every word after the verb."""
        verb = self._verb(lemma)
        if verb is None:
            return []
        positions = verb.bare.copy()
        for word in verb.by_word.keys() & prefixes:
            positions += verb.by_word[word]
        positions.sort()
        return [verb.rules[position] for position in positions]


@cache
def verb_lexicon(paths: tuple[Path, ...] = (LEXICON, SUPPLEMENT)) -> VerbLexicon:
    """The lexicon in these files; a later file's row replaces an earlier one's of the same verb and
    pattern."""
    rows: dict[str, dict[tuple[str, ...], Row]] = defaultdict(dict)
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            lines = csv.reader(handle, delimiter="\t")
            columns = {name: number for number, name in enumerate(next(lines))}
            lemma, pattern, plover, mode, cameo = (
                columns[name] for name in ("lemma", "pattern", "plover", "mode", "cameo")
            )
            for line in lines:
                words = tuple(word for word in line[pattern].split() if word != "*")
                rows[line[lemma]][words] = (line[plover], line[mode], line[cameo])
    return VerbLexicon(dict(rows))
