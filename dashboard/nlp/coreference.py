"""Who "he", "she", "it" and "they" are: pronouns resolved to a named actor of the article, or to nobody.

No coreference model runs offline from the registries (shared research notes), so this follows
PETRARCH2's and UniversalPetrarch's rules, narrowed for precision:

- a pronoun that is the subject of a clause someone's words report takes the speaker: "The ministry
  said it would..." is the ministry, "Gantz said he..." is Gantz;
- otherwise it refers back to the named actors of its own sentence before it, then of the sentence
  before, then the one before that: "he" and "she" to a person, "it" to a state, government or
  organisation, "they" to a group or a plural body ("the rebels");
- in the nearest sentence that has candidates of the right kind, exactly one must be there, or one must
  have been a subject; two people in the previous sentence and no subject between them is a guess, and a
  guess is no answer: the actor's slot stays empty;
- "they" doing an act together (signing, meeting, agreeing, clashing) after a sentence that names two
  people or states and no one else is those two, the first named the source ("Ruto met Abiy. They
  signed a rail deal.");
- "I", "we", "you" (quoted speech), "this", "someone" and the like are never resolved.

A pronoun is never an actor's name: it is either an actor named elsewhere or nothing.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from dashboard.model import Actor
from dashboard.nlp.actors import PERSON_ROLES
from dashboard.nlp.lexicon import given_name_genders

PERSONAL = frozenset("he him she her".split())
SINGULAR = frozenset("it".split())
PLURAL = frozenset("they them".split())
# Pronouns and pro-forms that never name an actor the coder can find.
UNRESOLVED = frozenset(
    "i me we us you this that these those one someone somebody anyone anybody everyone everybody"
    " nobody none who whom which what whoever themselves himself herself itself ourselves yourself"
    " yourselves myself each both either neither all another other others some any many few several"
    " his hers its their theirs our ours your yours my mine".split()
)
PRONOUNS = PERSONAL | SINGULAR | PLURAL | UNRESOLVED
LOOKBACK = 2  # sentences before the pronoun's own that it may refer to
# Sentences before its own that "the attack" may refer back over: a story tells its attack, then reactions.
ATTACK_LOOKBACK = 5


def is_pronoun(text: str) -> bool:
    return text.lower() in PRONOUNS


@dataclass(frozen=True, slots=True)
class Named:
    """A named actor as a pronoun may find it: what it is, whether it was a subject, whether plural."""

    actor: Actor
    start: int  # where it is named in the article
    subject: bool
    plural: bool


def fits(pronoun: str, plural: bool, actor: Actor | None, sector: str = "") -> bool:
    """Whether `pronoun` can stand for an actor (or, with no actor, a phrase of `sector`): "he" and
    "she" for a person, "it" for one state, government or organisation, "they" for a group or a plural
    body."""
    kind = actor.kind if actor is not None else ("group" if sector else "")
    if not kind:
        return False
    if pronoun in PERSONAL:  # a person, or one named by a role ("the prime minister of Nepal")
        if actor is not None and _other_gender(pronoun, actor.name):
            return False  # "her" is not Antony Blinken
        return kind == "person" or (not plural and actor is not None and _role_of_one(actor.name))
    if pronoun in SINGULAR:
        # "one Azerbaijani serviceman" is a he or a she, whatever sector the agents list gives him
        return kind != "person" and not plural and not _one_person(actor)
    if actor is not None and not actor.sector and actor.name.split()[-1].islower() and kind == "organisation":
        return False  # "EU fines" (a headline's "EU fines tech giant" misread) is a thing, not a body
    return pronoun in PLURAL and kind != "person" and (plural or kind in ("group", "military"))


GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}


def _other_gender(pronoun: str, name: str) -> bool:
    """The name's given name is only ever the other gender's in the census lists: "she" is not "Antony
    Blinken", "he" not "Victoria Nuland"; a name in both lists, or in neither, fits either."""
    genders = given_name_genders()
    given = next((genders[w] for w in name.lower().split() if w in genders), None)
    return given is not None and GENDER[pronoun] not in given


# Nouns for one person that PETRARCH2's agents give a body's sector ("serviceman" is military).
ONE_PERSON = frozenset(
    "soldier serviceman servicewoman officer policeman policewoman trooper guard fighter militant gunman"
    " man woman boy girl citizen national resident journalist reporter activist protester student".split()
)


def _one_person(actor: Actor | None) -> bool:
    return actor is not None and (actor.name.split()[-1].lower() in ONE_PERSON or _role_of_one(actor.name))


def _role_of_one(name: str) -> bool:
    words = name.lower().split()
    head = words[: words.index("of")] if "of" in words else words
    return bool(head) and head[-1] in PERSON_ROLES


def _fits(pronoun: str, named: Named) -> bool:
    return fits(pronoun, named.plural, named.actor)


def _choose(pronoun: str, candidates: list[Named]) -> Actor | None:
    fitting = {n.actor.id: n for n in candidates if _fits(pronoun, n)}
    if len(fitting) == 1:
        return next(iter(fitting.values())).actor
    subjects = [n for n in fitting.values() if n.subject]
    return subjects[0].actor if len(subjects) == 1 else None


# Who "they" or "the two leaders" may pair: people, states, a state's government ("Ruto", "the Kremlin") and
# armed groups ("Israel and Hamas exchanged fire. They agreed to a truce").
PAIRED_KINDS = frozenset(("person", "country", "government", "group"))


class Discourse:
    """The named actors of an article as its sentences are read: what a later pronoun can refer to."""

    def __init__(self) -> None:
        self._previous: deque[list[Named]] = deque(maxlen=LOOKBACK)
        self._current: list[Named] = []
        self._attacker: Actor | None = None
        self._since_attack = 0

    def next_sentence(self) -> None:
        self._previous.appendleft(self._current)
        self._current = []
        self._since_attack += 1

    def attacked(self, actor: Actor) -> None:
        """`actor` did violence in the sentence being read: whom "the attack" after it is by."""
        self._attacker, self._since_attack = actor, 0

    def attacker(self) -> Actor | None:
        """Who did the violence told in this sentence or the `ATTACK_LOOKBACK` before it: "Israeli
        missiles struck Damascus. ... Iran condemned the attack" condemns Israel's."""
        return self._attacker if self._since_attack <= ATTACK_LOOKBACK else None

    def name(self, actor: Actor, start: int, subject: bool, plural: bool) -> None:
        """An actor named in the sentence being read, at article offset `start`."""
        self._current.append(Named(actor, start, subject, plural))

    def pair(self, at: int) -> tuple[Actor, Actor] | None:
        """The two people or states "they" stands for in an act they do together, when the nearest
        sentence naming any names exactly those two ("Ruto met Abiy in Addis Ababa. They signed a rail
        deal."): the first named is the source."""
        current = [n for n in self._current if n.start < at]
        for candidates in (current, *self._previous):
            parties = {n.actor.id: n.actor for n in candidates if n.actor.kind in PAIRED_KINDS}
            if parties:
                if len(parties) != 2 or any(n.plural for n in candidates):
                    return None
                first, second = parties.values()
                return (first, second) if first.country != second.country or not first.country else None
        return None

    def resolve(self, pronoun: str, at: int) -> Actor | None:
        """The named actor `pronoun` (at article offset `at`) refers back to, or None. (A pronoun whose
        clause reports someone's words is theirs: `dashboard.nlp.participants` finds that speaker.)"""
        pronoun = pronoun.lower()
        if pronoun in UNRESOLVED or pronoun not in PRONOUNS:
            return None
        current = [n for n in self._current if n.start < at]
        for candidates in (current, *self._previous):
            if any(_fits(pronoun, n) for n in candidates):
                return _choose(pronoun, candidates)
        return None
