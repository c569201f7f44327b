"""Who took part in an event: a verb's source and target as actors of the article.

The source is the verb's subject (a passive's "by" agent, the subject a complement inherits, the
first party "between A and B"); the target its object, or the object of "with/against/to/on", or the
subject's partner ("Israel and Morocco signed"). Each becomes an Actor (`dashboard.nlp.actors`), with
PETRARCH2's and PLOVER's rules for what may fill a slot:

- a pronoun is resolved to a named actor of the article (`dashboard.nlp.coreference`) or leaves the slot
  empty; it is never an actor's name;
- a common noun with no name and no country ("the man", "officials", "the white boards") leaves the
  slot empty, but its sector still says whether the event is political ("soldiers" are);
- words that name no one (dates, numbers, verbs, adjectives) never fill a slot;
- coordinated sides stay apart: "Armenian and Azerbaijani forces exchanged fire" has Armenian forces as
  source and Azerbaijani forces as target;
- an official whose phrase names no country takes the country the rest of the sentence names, but not
  a place it happens in ("President X landed in Lagos" does not make X Nigerian).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dashboard.model import Actor, Mention, content_id
from dashboard.nlp.actors import (
    INSTITUTION_WORDS,
    PERSON_ROLES,
    PROTEST_NOUNS,
    ROLE_WORDS,
    ActorPhrase,
    agent_sector,
    is_acronym,
    make_actor,
    phrase_tokens,
)
from dashboard.nlp.coreference import PAIRED_KINDS, PERSONAL, Discourse, fits, is_pronoun
from dashboard.nlp.geoparse import CALENDAR_WORDS
from dashboard.nlp.relevance import POLITICAL_SECTORS, is_political, sector_of
from dashboard.nlp.tree import Sentence, Word, to_infinitive
from dashboard.nlp.verbs import VerbRule, is_nominalisation, nominal_bases, plurals

COUNTERPART_PREPOSITIONS = frozenset("with against on".split())
TARGET_PREPOSITIONS = ("with", "against", "to", "on", "toward", "towards", "from", "for", "at")
LOCATIVE_PREPOSITIONS = ("in", "at", "near", "outside", "inside", "to", "from", "into", "across", "around")
# Weapons, which news makes the subject of what they hit: "a guided bomb hit the plant".
WEAPONS = frozenset("bomb missile drone rocket shell mine grenade explosive munition warhead".split())
CURRENCIES = frozenset("euro dollar pound yuan yen rupee ruble rouble franc real peso shekel lira".split())
# Gatherings something is said or done at: the occasion, never the party acted on.
OCCASIONS = frozenset(
    "rally protest demonstration meeting summit conference ceremony funeral event gathering convention"
    " forum session briefing hearing dinner reception".split()
)
# What crowds do that takes no object: "rallied", "marched", "gathered".
CROWD_VERBS = frozenset("rally march gather assemble demonstrate".split())
INHERITS_SUBJECT = frozenset(("xcomp", "conj", "advcl", "ccomp", "acomp"))
# What a pronoun may stand for when its act is on a relationship: "severed them" (the relations).
RELATION_NOUNS = frozenset("relation relations tie ties".split())
DOMESTIC_SECTORS = frozenset("REB OPP UAF COP".split())
STATIVE_PASSIVES = frozenset("commit determine prepare dedicate resolve oblige engage involve".split())
# Passives whose subject is the subject of the act they complete: "Zelensky is expected to meet Scholz",
# "Biden is set to visit Kyiv".
RAISING = frozenset("expect set schedule slate due poise tip".split())
# Types of act whose "for" is never whom the act is against: "fought for their families", "punished for".
HARMING = frozenset("ASSAULT COERCE SANCTION THREATEN".split())
# Acts of backing: what they back that is "against" someone is not done to its backer's target.
BACKING = frozenset("SUPPORT COOPERATE AID AGREE".split())
# Verbs of coming: "from" after them is where the actor comes from ("a woman visiting from Canada",
# "the minister arrived from Paris"), not whom the act is on.
COMING_VERBS = frozenset("visit arrive come travel fly return journey".split())
# Verbs of removing people: "to" after them is where they are sent, neither the target nor the place.
REMOVING = frozenset("deport extradite expel repatriate".split())
ACTOR_POS = frozenset(("NOUN", "PROPN", "PRON"))


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an event: the actor filling the slot (None: nobody the article names), and the CAMEO
    sector its phrase names, even when the slot stays empty ("soldiers" with no country are MIL)."""

    phrase: ActorPhrase | None
    sector: str

    @property
    def actor(self) -> Actor | None:
        return self.phrase.actor if self.phrase is not None else None


NOBODY = Side(None, "")


def subject_of(verb: Word) -> Word | None:
    """The acting noun: the subject, a passive's "by" agent, or the subject a verb inherits."""
    # A "by" agent is a passive's doer; the small parser also reads one after an active verb ("condemned
    # a riot by farmers"), whose subject is still the doer.
    active = any(c.dep_ == "nsubj" for c in verb.children)
    for child in verb.children:
        if child.dep_ == "agent" and not active:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    # A clause begins at its "before", "after" or "because": a subject before that is another clause's,
    # which the small parser sometimes hangs here too ("X seized power, ... hours before parliament was
    # due to meet").
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    # "Sudan's paramilitary Rapid Support Forces attacked": an adjective the parser made a second subject
    subjects = [c for c in subjects if c.pos_ != "ADJ"] or subjects
    marks = [c.i for c in verb.children if c.dep_ == "mark"]
    subjects = [c for c in subjects if c.i > min(marks)] or subjects if marks else subjects
    # A colon or semicolon ends a clause: a subject before it is another clause's, misread as this verb's
    # ("the news embarrassed authorities: officials denied...").
    stops = [t.i for t in verb.doc[: verb.i] if t.text in (":", ";")]
    subjects = [c for c in subjects if not stops or c.i > stops[-1] or c.i > verb.i] or subjects
    for child in subjects[:1]:
        if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            antecedent = _antecedent_of(verb)
            # "an end to Austro-Hungarian rule ... who assassinated the archduke": "who" is someone, and a
            # thing the parser hung it on is no doer (nor is the country its adjective names)
            if child.lower_ in ("who", "whom") and antecedent is not None and not _someone(antecedent):
                return None
            return antecedent
        return _agent_of_act(child) or _party_after_thing(child) or child
    if verb.dep_ == "relcl":
        return _antecedent_of(verb)
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            # "Vietnam is committed to opening up": a state of mind, its subject the doer; "the pact
            # between A and B was signed": A; "Ranger was charged", police say: who charged him is not said
            # "troops were deployed to the border": the forces deployed act
            parties = _parties(verb)
            lemma = verb.lemma_.lower()
            if lemma in STATIVE_PASSIVES or lemma in RAISING or _forces_deployed(verb, child):
                return child
            return parties[0] if parties else None
    if (reported := _reported_clause(verb)) is not None:
        return subject_of(reported)  # "Russia struck the grid, officials said, knocking out power": Russia
    if verb.dep_ in INHERITS_SUBJECT:
        head = verb.head
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp"):
            head = head.head  # "France is ready to contribute": the subject of "is"
        if head.pos_ in ("VERB", "AUX") and head is not verb:
            return subject_of(head)
    if means_of_the_clause(verb):  # "By recalling its ambassador, Slovenia made a step": Slovenia
        return subject_of(verb.head.head)
    if decreed(verb) or (
        verb.dep_ == "acl" and verb.head.lemma_.lower() in STATEMENTS and verb.head.dep_ == "dobj"
    ):
        return subject_of(verb.head.head)  # "X issued a statement condemning...": X condemns
    if participle_as_verb(verb):
        return _agent_of_act(verb.head) or verb.head  # "Israeli airstrikes killed 30 people": the strikes
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ == "NOUN":
        # "demonstrators protesting the results", "students protesting": they protest
        if _a_role(verb.head) or verb.lemma_.lower() in ("protest", "demonstrate"):
            return verb.head
    parties = _parties(verb)
    if parties:
        return parties[0]
    # "Azerbaijan massed troops", "USAID provided support": the small model sometimes reads a name or
    # an acronym before the verb, where the subject goes, as an adverb
    names = [
        c
        for c in verb.lefts
        if (c.dep_ == "npadvmod" and c.pos_ == "PROPN")
        or (c.dep_ in ("advmod", "npadvmod") and is_acronym(c))
    ]
    if names and names[-1].i == verb.i - 1:
        return names[-1]
    # "On a trip to Dakar on 3 March Scholz praised...": a name the parser hung on the phrase
    # before a finite verb with no subject
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (
        before is not None
        and verb.dep_ == "ROOT"
        and verb.tag_ in ("VBD", "VBZ")
        and before.pos_ == "PROPN"
        and before.dep_ == "pobj"
        and before.head.head.i < before.i
    ):
        return before
    return None


def reduced_passive(verb: Word) -> bool:
    """ "The juntas of Mali and Burkina Faso, both suspended from ECOWAS, said...": a past participle with
    no auxiliary on a party, or before the clause's verb (which the small parser makes the verb of the
    clause's subject); that party was acted on, by someone the sentence does not name as the doer."""
    head = verb.head
    subjects = [c.lower_ for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    floating = any(s in ("both", "all", "each") for s in subjects)  # which the parser may read as past tense
    if any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children):
        return False
    if not (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and floating)):
        return False
    if verb.dep_ == "acl":
        return (
            (not subjects or floating)
            and (_a_party(head) or bool(agent_sector((), head.lemma_.lower())))
            and not participle_as_verb(verb)  # "Italian police arrested on Saturday the captain"
            and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
        )
    return (
        verb.dep_ in ("advcl", "ccomp")
        and verb.i < head.i
        and head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    )


def participle_as_verb(verb: Word) -> bool:
    """ "Israeli airstrikes killed at least 30 people": the small parser sometimes makes the first noun
    the sentence's root (or the subject of the "officials said" after it) and its verb a participle on
    it. A participle has no object of its own ("the people killed in the strikes"): one that has, on such
    a noun, is that noun's verb."""
    noun = verb.head
    reported = noun.dep_ == "nsubj" and noun.head.dep_ == "ROOT" and noun.head.lemma_.lower() in REPORTING
    return (
        verb.dep_ == "acl"
        and noun.pos_ in ("NOUN", "PROPN")
        and (noun.dep_ == "ROOT" or (reported and noun.i < verb.i < noun.head.i))
        and any(c.dep_ == "dobj" for c in verb.children)
    )


# Verbs that report what someone else did: "officials said".
REPORTING = frozenset("say tell report add confirm announce state".split())
# What a reporter goes on to do in words, after "said": blame, accuse, urge...
SPEAKERS_ACTS = frozenset(
    "blame accuse call urge add cite describe warn condemn denounce criticise criticize demand praise"
    " welcome deny reject insist vow pledge promise".split()
)


def _reported_clause(verb: Word) -> Word | None:
    """The clause a participle after a reporting verb belongs to, misparsed as the reporter's: "Russia
    launched drones at the grid, officials said, knocking out power" (Russia knocked out the power)."""
    head = verb.head
    if not (verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.lemma_.lower() in REPORTING):
        return None
    if verb.lemma_.lower() in SPEAKERS_ACTS:
        return None  # "..., officials said, blaming an al Qaeda-linked group": the officials blame
    if any(c.dep_ in ("mark", "nsubj") for c in verb.children):
        return None
    reported = [c for c in head.children if c.dep_ == "ccomp" and c.i < head.i]
    return reported[0] if reported else None


# Prepositions whose gerund tells how or when the clause's subject acted: "by recalling", "after signing".
MEANS_PREPOSITIONS = frozenset("by after before while without upon".split())


def means_of_the_clause(verb: Word) -> bool:
    """A gerund after "by", "after"... that hangs from the clause's verb and has no subject of its own."""
    preposition = verb.head
    return (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and preposition.dep_ == "prep"
        and preposition.lower_ in MEANS_PREPOSITIONS
        and preposition.head.pos_ in ("VERB", "AUX")
        and preposition.head is not verb
    )


# Measures a state imposes on another: "imposed tariffs on", "slapped sanctions on".
MEASURES = frozenset("sanction tariff embargo ban curfew restriction blockade levy duty quota".split())
IMPOSING = frozenset("impose slap levy reimpose extend tighten expand broaden widen".split())


def imposed_measure(verb: Word, noun: Word) -> bool:
    """`noun` is a measure the verb imposes: "tariffs" in "imposed new tariffs"."""
    return verb.lemma_.lower() in IMPOSING and noun.dep_ == "dobj" and noun.lemma_.lower() in MEASURES


# Nouns that count or group acts: "a wave of airstrikes", "a series of arrests", "a round of talks".
ACT_GROUPS = frozenset("campaign wave series spate string round flurry barrage".split())
# Verbs whose clause says what is asked of its subject: "urged that Israel halt the settlements".
DEMANDING = frozenset("demand urge insist request ask".split())
# What an actor issues that says what it does: "issued a statement condemning the raids".
STATEMENTS = frozenset("statement declaration communique communiqué resolution letter".split())
# Orders and laws whose clause tells what they do, done by whoever signs or issues them.
DECREES = frozenset("order decree bill law legislation".split())


def decreed(verb: Word) -> bool:
    """ "signed an executive order imposing tariffs": what an order someone made does, they do."""
    head = verb.head
    return verb.dep_ == "acl" and head.lemma_.lower() in DECREES and head.dep_ == "dobj"


# Nouns of violent acts whose doer may be named before them: "a Taliban attack", "Russia's invasion".
ACT_NOUNS = frozenset(
    "attack attacks bombing bombings strike strikes airstrike airstrikes raid raids assault offensive"
    " invasion ambush shelling crackdown incursion operation".split()
)


# Nouns of what a country's own rulers do there: "condemned the coup in Niger" is on Niger's state, but
# "condemned the attack in Kabul" is not on Afghanistan's.
EVENTS_IN_A_PLACE = frozenset("coup election referendum crackdown execution".split())
# Types that react to an act, not do it: "condemned the attack on Israel" is on whoever attacked.
REACTIONS = frozenset(("ACCUSE", "SUPPORT"))


def _agent_of_act(noun: Word, named_before: tuple[str, ...] = ("compound", "poss")) -> Word | None:
    """ "A truck bomb by the Islamic State group killed...", "a Taliban attack killed...": an act's
    doer, after "by" or named before a violent act in one of the `named_before` relations."""
    if noun.pos_ != "NOUN":
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            doers = [c for c in child.children if c.dep_ == "pobj"]
            if doers:
                return doers[0]
    if noun.lower_ in ACT_NOUNS:
        for child in noun.lefts:
            if child.dep_ in named_before and child.pos_ == "PROPN":
                return child
    return None


# Nouns made from verbs that name a body, not an act: "Hamas's delegation", "the Trump administration".
BODIES = frozenset(
    "administration delegation organisation organization coalition federation association commission"
    " opposition institution foundation corporation population generation".split()
)
# What an actor proposes, decides, says or does that an act may be on: "criticised Obama's policy".
OWNED = frozenset(
    "policy plan proposal decision assessment offer grant demand call request bid initiative statement"
    " remark comment position stance move programme program reform agenda strategy claim accusation"
    " allegation idea ultimatum order visit candidacy nomination leadership rule".split()
)
# Texts a body adopts or issues, which say what they are about after "on": "the UN resolution on Syria".
DOCUMENTS = frozenset("resolution declaration report bill law motion communique text draft".split())


def _owned_text(noun: Word) -> bool:
    """ "rejected the UN resolution on Syria", "welcomed the Chinese proposal on Ukraine": a plan, proposal
    or text that a name or a people's adjective before it says is someone's; whom the act is on is its
    author, and "on X" is what it is about."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in OWNED | DOCUMENTS:
        return False
    return any(
        (c.dep_ in ("poss", "compound") and c.pos_ == "PROPN") or (c.dep_ == "amod" and c.text[:1].isupper())
        for c in noun.lefts
    )


def _antecedent_of(clause: Word) -> Word | None:
    """What a relative clause is about: its head, but the act a place is the where of ("the attack in
    Kabul, which killed 12 people": the attack killed them, not Kabul), whose doer, if named, acted."""
    head = clause.head
    preposition = head.head
    if head.pos_ == "PROPN" and head.dep_ == "pobj" and preposition.lower_ in ("in", "at", "near", "on"):
        if preposition.head.lower_ in ACT_NOUNS:
            return _agent_of_act(preposition.head)
    return head


def _someone(noun: Word) -> bool:
    """Whom "who" can be about: a name, a role, forces, a noun the actor lists know ("the man"), or a
    noun a name owns or is "of" ("the Hamas member", "a member of Hamas"), but not a thing a preposition
    governs: in "an end to Ottoman rule ... who killed", "who" is not the rule."""
    if noun.pos_ != "NOUN" or _a_role(noun) or forces(noun) or agent_sector((), noun.lemma_.lower()):
        return True
    named = any(
        c.pos_ == "PROPN" and (c.dep_ in ("poss", "compound") or c.head.lower_ == "of")
        for c in (*noun.children, *(g for p in noun.children if p.lower_ == "of" for g in p.children))
    )
    return named and noun.dep_ != "pobj"


def _party_after_thing(subject: Word) -> Word | None:
    """ "before Charlie's death and President Trump offered help": a thing coordinated with a named party
    as a subject is a misparse of two clauses; the party is the one who acts."""
    if subject.pos_ != "NOUN" or _a_role(subject) or is_nominalisation(subject.lemma_.lower()):
        return None
    partners = [c for c in subject.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    return partners[0] if partners else None


def _speaker(pronoun: Word) -> Word | None:
    """The subject of a clause above `pronoun`, before it, that is a name or a noun: "he" in "the president
    said he would resign" is the president, "it" in "the ministry said it had..." the ministry."""
    for ancestor in pronoun.ancestors:
        for child in ancestor.children:
            if child.dep_ == "nsubj" and child.i < pronoun.i and child.pos_ in ("PROPN", "NOUN"):
                return child
    return None


# What a plan, a decision or a law does: "it would threaten regional stability", "it violates the law".
THING_PREDICATES = frozenset(
    "be threaten undermine harm damage violate breach contravene destabilise destabilize jeopardise"
    " jeopardize endanger hurt risk amount constitute mean cause".split()
)


def _a_thing_before(pronoun: Word, speaker: Word | None) -> bool:
    """ "it" doing what a thing does (threatens stability, violates the law) below a clause whose object is
    a thing ("rejected a proposal ..., saying it would threaten stability"): the thing, as likely as the
    speaker ("rejected the plan, saying it would retaliate" is the speaker)."""
    if pronoun.head.lemma_.lower() not in THING_PREDICATES:
        return False
    for verb in pronoun.ancestors:
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < pronoun.i]
        if any(o.pos_ == "NOUN" and o.lemma_.lower() not in ROLE_WORDS and not forces(o) for o in objects):
            return True
        if speaker is not None and speaker.head is verb:
            return False
    return False


def _parties(verb: Word) -> list[Word]:
    """ "The memorandum between A and B was signed": with no agent, the parties after "between"."""
    for subject in (c for c in verb.children if c.dep_ == "nsubjpass"):
        for token in subject.subtree:
            if token.dep_ == "prep" and token.lower_ == "between":
                first = [c for c in token.children if c.dep_ == "pobj"]
                if first:
                    return [first[0], *[c for c in first[0].children if c.dep_ == "conj"]]
    return []


def target_of(verb: Word, rule: VerbRule) -> Word | None:
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive and any(c.dep_ == "agent" for c in verb.children):
        return passive[0]
    if (
        passive
        and verb.lemma_.lower() not in STATIVE_PASSIVES
        and not _parties(verb)
        and not _forces_deployed(verb, passive[0])
    ):
        # "UN sanctions against Iran were lifted": with no agent, what the act is on; "the pact was
        # signed" is no actor (a thing), which the actor rules then leave out
        patient = passive[0]
        against = [
            c for p in patient.children if p.dep_ == "prep" and p.lower_ == "against" for c in p.children
        ]
        return next((c for c in against if c.dep_ == "pobj"), patient)
    parties = _parties(verb)
    if len(parties) > 1:
        return parties[1]
    # "deployed the National Guard to the border": the forces a state mobilises are part of its act,
    # not whom it is on
    deployed = [c for c in verb.children if c.dep_ == "dobj" and rule.plover == "MOBILIZE" and forces(c)]
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and (
            child.ent_type_ == "MONEY" or child.lemma_.lower() in CURRENCIES
        ):
            # "fined Apple 1.84 billion euros", which the small parser reads as Apple's euros
            fined = [c for c in child.children if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN"]
            if fined:
                return fined[0]
            continue
        if child.dep_ in ("dobj", "dative") and (child.pos_ == "PROPN" or child.ent_type_):
            if child not in deployed:
                return child
    objects = [_before_a_time(c) for c in verb.children if c.dep_ in ("dobj", "dative")]
    if rule.plover == "PROTEST" and verb.lemma_.lower() in CROWD_VERBS:
        objects = []  # "rallied ..., some waving Russian flags": a crowd's verb has no object; a misparse
    if (
        rule.plover in REACTIONS
        and objects
        and objects[0].lemma_.lower() in MEASURES
        and not any(_holds(word, objects[0]) for word in rule.pattern)
    ):
        # "welcomed new sanctions on Iran": a reaction to a measure is on whoever imposed it, if named
        # ("the EU's sanctions", "sanctions by Canada"), never on whom it is against (but the dictionary's
        # "criticised the sanctions on Russia" is support of Russia, CAMEO 053)
        measure = objects[0]
        imposers = [c for c in measure.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"]
        imposers += [c for p in measure.children if p.lower_ == "by" for c in p.children if c.dep_ == "pobj"]
        return imposers[0] if imposers else None
    if rule.plover in REACTIONS and objects and objects[0].lower_ in ACT_NOUNS:
        # "condemned the attack on Israel", "welcomed the strikes on ISIS": the act's doer, if named
        # ("Russia's invasion of Ukraine", "the attack by Hamas"), is whom the reaction is on; its victim
        # is not, nor is a place before it ("the Quetta attack")
        return _agent_of_act(objects[0], named_before=("poss",))
    # "carried out a series of attacks on the base": the attacks are the act, the base is acted on
    # "imposed tariffs on Chinese cars": the measure is the act, the one it is on follows
    # ("launched a cruise-missile attack on X": the attack is the act, X is acted on)
    groups = [
        c
        for c in objects
        if c.lemma_.lower() in ACT_GROUPS
        or c.lower_ in ACT_NOUNS
        or c in deployed
        or imposed_measure(verb, c)
    ]
    counted = [act for c in groups if (act := _counted(c)) is not None]
    objects = [c for c in objects if c not in groups]
    if (claimed := _claimed_target(objects)) is not None:
        return claimed
    # "called Foreign Minister Hakan Fidan", sometimes parsed as an object predicate
    objects = objects or [c for c in verb.children if c.dep_ == "oprd"]
    # An object the matched pattern names is part of the act ("expressed support for Kyiv's bid",
    # "voiced concern over the raids"): the one acted on follows it.
    acts = [c for c in objects if any(_holds(word, c) for word in rule.pattern)] + groups + counted
    if (owner := _whose(acts)) is not None:  # "accepted the demands of the protesters for reform"
        return owner
    # An object acted on outranks the means or grounds of the act after the verb: "arrested a Chinese
    # businessman on suspicion of fraud" arrests the businessman, "attacked the convoy with rockets" the
    # convoy (but "fired shells at targets in Jericho" fires at the targets).
    acted_on = any(c not in acts for c in objects)
    # A person or group acted on is the target, whatever place follows: "detained 40 refugees at the
    # border" (but "recalled its ambassador from India" is an act on India).
    party_acted_on = any(c not in acts and _a_party(c) for c in objects)
    authored = any(_owned_text(c) for c in objects)
    if (against := _against_after_venue(verb)) is not None:
        return against
    # "with Morocco" after the verb, or after its object ("severed ties with Rabat"), or after the last
    # of several ("launched 400 drones and 40 missiles at Ukraine").
    conjuncts = [c for head in (*objects, *groups) for c in head.children if c.dep_ == "conj"]
    for head in (verb, *objects, *groups, *counted, *conjuncts):
        for child in head.children:
            if head in deployed and child.dep_ == "prep" and child.lower_ in STATIONED:
                found = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                if found:  # "strengthened its forces in Crimea", "massed troops near Ukraine"
                    return found[0]
            if child.dep_ == "prep" and child.lower_ in ("against", "into") and head is not verb:
                if rule.plover in BACKING:
                    continue  # "supporting criminal activities against Canadians": not on them
                found = [c for c in child.children if c.dep_ == "pobj"]
                if found:  # "an investigation into X", "sanctions against Iran": X is acted on
                    return found[0]
            if child.dep_ == "prep" and child.lower_ == "in" and rule.plover == "PROTEST":
                protested = _protested(child)
                if protested is not None:  # "a hunger strike in protest of the government's refusal"
                    return protested
            if child.dep_ == "prep" and child.lower_ == "in" and any(_asks_refuge(c) for c in acts):
                found = [c for c in child.children if c.dep_ == "pobj" and _a_party(c)]
                if found:  # "sought asylum in Canada": Canada is asked
                    return found[0]
            # "granted amnesty to X" is parsed with "to" as a dative
            preposition = child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP")
            if preposition and child.lower_ in TARGET_PREPOSITIONS and not _according(child):
                if authored and child.lower_ == "on":
                    continue  # "vetoed the EU statement on China": what the text is about, not whom
                if child.lower_ == "from" and head is verb and verb.lemma_.lower() in COMING_VERBS:
                    continue
                if child.lower_ == "to" and head is verb and verb.lemma_.lower() in REMOVING:
                    continue  # "deported 200 Venezuelans to El Salvador": where they were sent, not whom
                if head is verb and verb.lemma_.lower() in CROWD_VERBS and _a_route(child):
                    continue  # "marched from Place de la République to Place de la Nation": a route
                if child.lower_ == "at" and any(c.lemma_.lower() in OCCASIONS for c in child.children):
                    continue  # "told supporters at a government-organized rally": when and where, not whom
                if child.lower_ == "for" and head is verb and rule.plover in HARMING:
                    continue  # "will keep fighting for Ontario families": for whom, or why, not against
                found = [c for c in child.children if c.dep_ == "pobj" and not _a_time(c)]
                # "arrived for talks with the Ethiopian prime minister": whom the talks are with
                # (or whose border troops are sent to)
                found = [_with_whom(c, borders=rule.plover == "MOBILIZE") or c for c in found]
                if found and rule.plover == "PROTEST" and any(_holds(w, found[0]) for w in rule.pattern):
                    continue  # "took to the streets of Tbilisi": the streets are part of the act
                if found and (
                    (
                        head is verb
                        and not (acted_on and _means_or_grounds(child, found[0]))
                        # "recalled its envoy to Iran for talks": the purpose is no party
                        and not (acts and _means_or_grounds(child, found[0]) and not _a_party(found[0]))
                        and not (party_acted_on and child.lower_ in PLACE_PREPOSITIONS)
                    )
                    or head in acts
                    or found[0].pos_ == "PROPN"
                    # "refused face-to-face negotiations with the Yemeni government"
                    or (child.lower_ == "with" and _a_party(found[0]))
                ):
                    return found[0]
    for noun in (*objects, *groups, *counted):  # "ordered the expulsion of two diplomats": whom it is on
        if rule.lemma in nominal_bases(noun.lemma_.lower()) or rule.lemma == noun.lemma_.lower():
            of = [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
            # ... unless a name says whom from or against: "the withdrawal of its forces from Panama"
            named = [
                c
                for head in (noun, *of)
                for p in head.children
                if p.dep_ == "prep" and p.lower_ in ACT_NOUN_PREPOSITIONS
                for c in p.children
                if c.dep_ == "pobj" and c.pos_ == "PROPN"
            ]
            if named or (of and of[0].dep_ == "pobj"):
                return (named or of)[0]
    for noun in objects:  # "condemned the coup in Niger": the act is the place's state's business
        if noun.lemma_.lower() in EVENTS_IN_A_PLACE:
            where = [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "in" for c in p.children]
            if where and where[0].pos_ == "PROPN":
                return where[0]
    if objects and rule.plover in GIVING and not _a_party(objects[0]):
        # "pledged $5 billion to help rebuild Ukraine": what is given goes to whom its purpose names
        purposes = [
            c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and to_infinitive(c)
        ]
        helped = [target_of(c, rule) for c in purposes]
        if helped and helped[0] is not None and (helped[0].pos_ == "PROPN" or _a_role(helped[0])):
            return helped[0]
    # "lodged a protest through diplomatic channels in Beijing": a bare object the pattern names is the
    # act itself, not whom it is on (but "demanded the release of X" is on X, "vetoed a UN resolution" on
    # the UN, "arrested journalists" on journalists)
    objects = [c for c in objects if c not in acts or _named_or_someone(c, rule)]
    if objects:
        return objects[0]
    # "threatened to ban opposition candidates", "agreed to release the prisoners": the one acted on is
    # the target of the act threatened or agreed to.
    complements = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    if complements:
        return target_of(complements[0], rule) or _retaliated_against(complements[0])
    if rule.plover == "THREATEN":
        # "warned that Israel would be punished", "threatened that it would strike the rebels": whom the
        # act warned of is on
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            passive = [c for c in clause.children if c.dep_ == "nsubjpass"]
            found = passive[0] if passive else target_of(clause, rule)
            if found is not None:
                return found
    if rule.plover == "REQUEST" and verb.lemma_.lower() in DEMANDING:
        # "demanded that the government release him": asked of the government
        asked = [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
        return asked[0] if asked else None
    return None


# Spans of time the small parser takes for an object's head: "expelled a diplomat hours after...".
SPANS_OF_TIME = frozenset("minutes hours days weeks months years".split())


def _before_a_time(noun: Word) -> Word:
    """The object itself, not a span of time the parser made its head ("expelled a senior Canadian
    diplomat hours after Ottawa expelled..." expels the diplomat)."""
    if noun.lower_ not in SPANS_OF_TIME:
        return noun
    heads = [c for c in noun.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
    return heads[-1] if heads else noun


def _named_or_someone(noun: Word, rule: VerbRule) -> bool:
    """An object a pattern names that is also whom the act is on: someone ("arrested journalists"), a
    protest broken up (its protesters), or a thing named further ("the release of X")."""
    if noun.lemma_.lower() in PROTEST_NOUNS or noun.lower_ in PROTEST_NOUNS:
        return rule.plover in ("COERCE", "ASSAULT")  # "lodged a protest" is the act
    own = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children)
    if own and (_a_role(noun) or forces(noun)):
        return False  # "withdrew its envoy": the actor's own people, part of the act, not whom it is on
    return _someone(noun) or any(g.dep_ in NAMING for g in noun.children)


# Acts in return, and the words that say what they return: "vowed to retaliate after the US imposed...".
RETALIATING = frozenset("retaliate respond react avenge".split())
IN_RETURN_FOR = frozenset("after because over".split())


def _retaliated_against(act: Word) -> Word | None:
    """Whom a retaliation is against: the named doer of what it answers ("vowed to retaliate after the US
    imposed controls": the US)."""
    if act.lemma_.lower() not in RETALIATING:
        return None
    for clause in (c for word in (act, act.head) for c in word.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in IN_RETURN_FOR for m in clause.children) or any(
            p.dep_ == "prep" and p.lower_ in IN_RETURN_FOR for p in clause.children
        ):
            doer = subject_of(clause)
            if doer is not None and doer.pos_ == "PROPN":
                return doer
    return None


# The dependents by which a noun names more than itself: "the release of X", "a UN resolution".
NAMING = frozenset("prep compound poss nmod amod acl relcl".split())


# Acts of giving, whose beneficiary a purpose clause may name ("sent aid to help Gaza's hospitals").
GIVING = frozenset(("AID", "AGREE"))
# After an act's noun, the prepositions of whom it is on: "the withdrawal of forces from Panama".
ACT_NOUN_PREPOSITIONS = frozenset(("from", "against", "into", "to", "on"))
# Nouns that give the grounds of an act after "on": "on suspicion of", "on charges of", "on behalf of".
GROUNDS = frozenset("suspicion charge allegation accusation ground behalf count basis order".split())


# Prepositions after the verb that give a place when a party is already acted on.
PLACE_PREPOSITIONS = frozenset(("at",))


def _doer_of_act(subject: Word | None) -> Word | None:
    """ "The withdrawal of US troops, agreed with the Taliban": a subject that names an act, with whose it
    is after "of", stands for them (a misparse's subject, or a thing the parser made one)."""
    if subject is None or subject.pos_ != "NOUN" or not is_nominalisation(subject.lemma_.lower()):
        return subject
    doers = [c for p in subject.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
    return doers[0] if doers and doers[0].dep_ == "pobj" and _a_party(doers[0]) else subject


AMOUNTS = frozenset("worth billion million trillion thousand".split())


def _amount_of(noun: Word) -> Word | None:
    """What an amount is of: "U.S. goods" in "tariffs on $30 billion worth of U.S. goods"."""
    if noun.lower_ not in AMOUNTS or not any(c.tag_ == "$" or c.lower_ == "$" for c in noun.subtree):
        return None
    return next((c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children), None)


# Nouns of bodies that are not the state whose demonym they carry: "Canadian farm groups".
BODY_NOUNS = frozenset(
    "group association federation union company firm business network organisation organization".split()
)
# Plural nouns for states that news names by their instances: "several countries, including Latvia".
STATES_WORDS = frozenset("countries states nations governments members allies neighbours neighbors".split())


def _instance_of(noun: Word) -> Word | None:
    """The first state named as one of several: "Latvia" in "several European countries, including
    Latvia and Estonia"."""
    if noun.lower_ not in STATES_WORDS:
        return None
    return next(
        (
            c
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ == "including"
            for c in p.children
            if c.dep_ == "pobj" and c.pos_ == "PROPN"
        ),
        None,
    )


def _counted(noun: Word) -> Word | None:
    """The acts a group noun counts: "attacks" in "a series of attacks"."""
    if noun.lemma_.lower() not in ACT_GROUPS:
        return None
    return next((c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children), None)


def _protested(preposition: Word) -> Word | None:
    """What "in protest of/at/against/over X" protests: X."""
    for noun in (c for c in preposition.children if c.dep_ == "pobj" and c.lemma_.lower() == "protest"):
        for about in noun.children:
            if about.dep_ == "prep" and about.lower_ in ("of", "at", "against", "over"):
                return next((c for c in about.children if c.dep_ == "pobj"), None)
    return None


def _asks_refuge(noun: Word) -> bool:
    """ "asylum", "refuge": what is asked of the state where it is sought."""
    return noun.lemma_.lower() in ("asylum", "refuge", "sanctuary")


def _with_whom(noun: Word, borders: bool = False) -> Word | None:
    """The party after "with" that an act's noun names: "talks with Abiy", "a meeting with Putin", "troops
    on the border with Armenia"."""
    if noun.lemma_.lower() not in MEETINGS and not (borders and noun.lemma_.lower() in BORDERS):
        return None
    partners = [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "with" for c in p.children]
    return next((c for c in partners if c.dep_ == "pobj" and _a_party(c)), None)


# Where two states meet: "massed troops on the border with Armenia" is on Armenia.
BORDERS = frozenset("border frontier boundary".split())
# Nouns of meeting someone: "for talks with", "at a meeting with".
MEETINGS = frozenset(
    "talk talks meeting meetings consultation consultations summit negotiation negotiations".split()
)


# Words of the squares, streets and parks a march goes from or to.
URBAN_PLACES = frozenset(
    "place square street avenue boulevard park bridge road plaza gate circle station".split()
)


def _a_route(preposition: Word) -> bool:
    """ "from Place de la République", "to Trafalgar Square": where a march goes, not whom it is against."""
    if preposition.lower_ == "from":
        return True
    ends = [w for c in preposition.children if c.dep_ == "pobj" for w in c.subtree]
    return preposition.lower_ in ("to", "toward", "towards") and any(w.lower_ in URBAN_PLACES for w in ends)


def _against_after_venue(verb: Word) -> Word | None:
    """ "filed a lawsuit in a Nairobi court against President Ruto", "launched an offensive in the north
    against the rebels": the parser hangs "against" on the place the act was in; it is the act's."""
    for where in verb.children:
        if where.dep_ == "prep" and where.lower_ in ("in", "at"):
            for place in where.children:
                for preposition in place.children:
                    if preposition.dep_ == "prep" and preposition.lower_ == "against":
                        found = [c for c in preposition.children if c.dep_ == "pobj"]
                        if found:
                            return found[0]
    return None


def _whose(acts: list[Word]) -> Word | None:
    """The party whose demand, plan or offer the act's own noun is ("the demands of the protesters"):
    what the act is on, before any purpose or topic that follows ("... for electoral reform")."""
    for noun in acts:
        if noun.lemma_.lower() in OWNED:
            for preposition in noun.children:
                if preposition.dep_ == "prep" and preposition.lower_ in ("of", "by"):
                    found = [c for c in preposition.children if c.dep_ == "pobj" and _a_party(c)]
                    if found:
                        return found[0]
    return None


def _a_party(noun: Word) -> bool:
    """A noun that names who acts: a name, a role ("leaders", "police"), or a noun a name owns."""
    lemma = noun.lemma_.lower()
    return (
        noun.pos_ == "PROPN"
        or lemma in ROLE_WORDS
        or noun.lower_ in ROLE_WORDS
        or lemma in PERSON_ROLES
        or any(c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" for c in noun.children)
    )


def forces(noun: Word) -> bool:
    """ "troops", "the National Guard", "warships": armed forces, whoever commands them."""
    found = (
        ROLE_WORDS.get(noun.lemma_.lower())
        or ROLE_WORDS.get(noun.lower_)
        or INSTITUTION_WORDS.get(noun.lower_)
    )
    return found is not None and found[1] in ("MIL", "COP")


# Where forces are put: "its forces in Crimea", "troops near Ukraine".
STATIONED = frozenset("in near inside along into".split())
# Verbs of putting forces somewhere (PLOVER's MOBILIZE): the forces are the act's, not its target.
DEPLOYING = frozenset("deploy station mobilize mobilise mass send dispatch position redeploy".split())


def _forces_deployed(verb: Word, noun: Word) -> bool:
    return verb.lemma_.lower() in DEPLOYING and forces(noun)


def _a_role(noun: Word) -> bool:
    """ "the minister's spokesman", "Putin's envoy": a person or body in their own right."""
    lemma = noun.lemma_.lower()
    return lemma in ROLE_WORDS or noun.lower_ in ROLE_WORDS or lemma in PERSON_ROLES


def _means_or_grounds(preposition: Word, noun: Word) -> bool:
    """ "with rockets", "for fraud", "on suspicion": what an act is done with or for, not whom to or
    with whom."""
    if preposition.lower_ == "with":  # "with rockets", but "signed the deal with Crimea's leaders"
        return not _a_party(noun)
    return preposition.lower_ == "for" or (preposition.lower_ == "on" and noun.lemma_.lower() in GROUNDS)


TIME_NOUNS = frozenset("morning afternoon evening night weekend day week month year today tonight".split())


def _a_time(word: Word) -> bool:
    """ "on Wednesday", "on Wednesday night", "at night": when, not whom."""
    return word.lower_ in CALENDAR_WORDS or word.lower_ in TIME_NOUNS


def _holds(pattern_word: str, word: Word) -> bool:
    """A dictionary pattern's word holds at `word`: a stem of it, or its plural ("warrants")."""
    return word.lower_.startswith(pattern_word) or pattern_word in plurals(word.lemma_.lower())


# What is claimed: "claimed responsibility for the attack on the base" (`matching._claimed_act`).
RESPONSIBILITY = frozenset("responsibility credit".split())


def _claimed_target(objects: list[Word]) -> Word | None:
    """The one a claimed act was done to: the base in "responsibility for the attack on the base", the
    engineers in "for the kidnapping of two engineers"."""
    for owned in objects:
        if owned.lemma_.lower() not in RESPONSIBILITY:
            continue
        acts = [a for p in owned.children if p.dep_ == "prep" and p.lower_ == "for" for a in p.children]
        for act in acts:
            for preposition in act.children:
                if preposition.dep_ == "prep" and preposition.lower_ in ("on", "against", "of"):
                    return next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return None


def _according(preposition: Word) -> bool:
    """ "according to X": X is a source of news, not a target."""
    return preposition.i > 0 and preposition.doc[preposition.i - 1].lower_ == "according"


# Acts two parties do with each other: "Israel and Morocco signed", "Armenia and Azerbaijan clashed"; but
# "Cerar and Erjavec rejected the assessment" reject a third's.
RECIPROCAL_TYPES = frozenset("CONSULT AGREE SUPPORT COOPERATE".split())
RECIPROCAL_VERBS = frozenset("clash fight battle skirmish exchange sign".split())
# Acts between others, which those named together do side by side: "brokered by the United States and
# France" (neither brokered anything with the other).
MEDIATING_VERBS = frozenset("broker mediate facilitate".split())
# Stances each takes on its own: "the European Union and the United States welcomed the agreement" is
# two welcomes, not one welcoming the other.
STANCE_VERBS = frozenset("welcome praise hail commend applaud endorse laud congratulate thank".split())


# Verbs whose subject is given to: the act is the giver's, named after "from".
RECEIVING_VERBS = frozenset("receive obtain get accept".split())


def _giver(verb: Word) -> Word | None:
    """Who gives what a verb of receiving's subject receives: "received jets from Denmark"."""
    if verb.lemma_.lower() not in RECEIVING_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for head in (verb, *objects):
        for preposition in head.children:
            if preposition.dep_ == "prep" and preposition.lower_ == "from":
                givers = [c for c in preposition.children if c.dep_ == "pobj" and _a_party(c)]
                if givers:
                    return givers[0]
    return None


# "The two leaders", "both sides", "the two countries": a pair named before.
PAIR_NOUNS = frozenset("leader side country president minister man government nation".split())


def _the_two_of(subject: Word) -> bool:
    counted = any(
        (c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet") and c.lower_ == "both")
        for c in subject.children
    )
    return subject.tag_ == "NNS" and subject.lemma_.lower() in PAIR_NOUNS and counted


def _reciprocal(verb: Word, rule: VerbRule) -> bool:
    lemma = verb.lemma_.lower()
    return (
        (rule.plover in RECIPROCAL_TYPES or lemma in RECIPROCAL_VERBS)
        and lemma not in MEDIATING_VERBS
        and lemma not in STANCE_VERBS
    )


def _partner(verb: Word, rule: VerbRule, subject: Word | None, target: Word | None) -> Word | None:
    """ "Israel and Morocco signed a memorandum": with no actor as object, the subject's partner is the
    target of an act done together, as dyadic event coding has it."""
    if not _reciprocal(verb, rule):
        return target
    is_actor = target is not None and (target.pos_ == "PROPN" or target.lower_ in ROLE_WORDS)
    partners = [c for c in subject.children if c.dep_ == "conj"] if subject is not None else []
    if is_actor:
        return target
    return partners[0] if partners else _second_subject(verb, subject) or target


def _second_subject(verb: Word, subject: Word | None) -> Word | None:
    """ "President A and President B met": the small parser hangs both names on the verb as subjects, with
    the "and" on the first; the second is the first's partner."""
    if subject is None or not any(c.dep_ == "cc" and c.lower_ == "and" for c in subject.rights):
        return None
    return next((c for c in verb.lefts if c.dep_ == "nsubj" and c.i > subject.i), None)


def _named(side: Side) -> Side:
    """A slot stays empty for a common noun with no name and no country ("the man", "officials"): nobody
    the article names. Its sector still counts."""
    phrase = side.phrase
    if phrase is not None and not phrase.named and not phrase.actor.country:
        return Side(None, side.sector)
    return side


class SentenceActors:
    """The actors of one parsed sentence: each phrase made into an Actor once, pronouns resolved against
    the article's `discourse`, and the sentence's named subjects handed to it for later sentences."""

    def __init__(
        self,
        sentence: Sentence,
        offset: int,
        article_id: str,
        mentions: list[Mention],
        place_of,
        known: dict[str, Actor],
        discourse: Discourse,
    ):
        self.sentence, self.offset, self.article_id = sentence, offset, article_id
        self.mentions, self.place_of, self.known, self.discourse = mentions, place_of, known, discourse
        self._phrases: dict[int, ActorPhrase | None] = {}

    def phrase(self, head: Word) -> ActorPhrase | None:
        """The actor the phrase headed by `head` names, with the sentence's country if it has none."""
        if head.i not in self._phrases:
            tokens = phrase_tokens(head)
            span = self.sentence[tokens[0].i : tokens[-1].i + 1]
            made = make_actor(span, self.offset, self.article_id, self.mentions, self.place_of, self.known)
            self._phrases[head.i] = made
        return self._phrases[head.i]

    def name_subjects(self) -> None:
        """Give the discourse the named subjects and objects of this sentence, and those coordinated
        with them, in text order: what "he" or "it" in the next sentences may refer to."""
        for word in self.sentence:
            role = word
            while role.dep_ == "conj" and role.head is not role:  # "Ramaphosa and Buhari"
                role = role.head
            if role.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
                continue
            if word.pos_ != "PROPN" and not (role.dep_ in ("nsubj", "nsubjpass") and word.pos_ == "NOUN"):
                continue
            if role.dep_ == "pobj" and role.head.dep_ != "agent" and role.head.lower_ not in ("with", "by"):
                continue
            found = self.phrase(word)
            if found is not None and found.named:
                subject = role.dep_ in ("nsubj", "nsubjpass") or role.head.dep_ == "agent"
                self.discourse.name(found.actor, found.start, subject, found.plural)

    def side(self, word: Word | None) -> Side:
        """What fills an actor slot whose phrase is headed by `word`."""
        if word is not None:
            word = _amount_of(word) or word  # "tariffs on $30 billion of U.S. goods": the goods' state
            word = _instance_of(word) or word  # "other countries, including Latvia, expelled": Latvia
        if (
            word is None
            or (word.pos_ not in ACTOR_POS and not is_acronym(word))
            or word.lower_ in CALENDAR_WORDS
        ):
            return NOBODY
        if (word.pos_ == "PRON" or is_pronoun(word.lower_)) and not (len(word) > 1 and word.text.isupper()):
            return self._resolved(word)
        owner = next((c for c in word.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if owner is not None and forces(word):
            # "Pakistan's army said its forces had killed 12 militants": the forces are the army's
            resolved = self._resolved(owner, {"its": "it", "their": "they"}[owner.lower_])
            if resolved.actor is not None and resolved.actor.country:
                return resolved
        found = self.phrase(word)
        if found is None:
            return NOBODY
        if word.lemma_.lower() in WEAPONS and not found.actor.country:
            # "a guided aerial bomb hit residential buildings": a weapon no one is named as firing is no
            # actor, and takes no country from where it fell
            return Side(None, "MIL")
        if (state := self._state_of_thing(word, found)) is not None:
            return Side(state, "GOV")
        if (owner := self._owner_of_thing(word, found)) is not None:
            return owner
        sector = sector_of(found.actor)
        if (
            sector not in POLITICAL_SECTORS
        ):  # "The FBI and the Attorney's Office": either may make it political
            partners = (self.phrase(c) for c in word.children if c.dep_ == "conj" and c.pos_ in ACTOR_POS)
            sector = next(
                (s for p in partners if p and (s := sector_of(p.actor)) in POLITICAL_SECTORS), sector
            )
        return Side(found, sector)

    def _state_of_thing(self, head: Word, found: ActorPhrase) -> ActorPhrase | None:
        """ "Moroccan sovereignty", "Ukraine's bid": a thing, not an actor, that a country's name or
        demonym before it says is that state's; the state is the actor, as PETRARCH2 codes the phrase."""
        actor = found.actor
        if head.pos_ != "NOUN" or actor.kind != "organisation" or actor.sector or not actor.country:
            return None
        if head.lemma_.lower() in PERSON_ROLES:
            return None  # "Crimea's Moscow-backed leaders" are people, not a thing of Moscow's
        if head.lemma_.lower() in BODY_NOUNS:
            return None  # "Canadian farm groups" are bodies of their own, not the state
        for modifier in head.lefts:
            if (
                modifier.dep_ in ("amod", "poss", "compound")
                and self._country_word(modifier, states_only=True) == actor.country
            ):
                place = self.place_of(actor.country)
                name = place.name if place is not None else actor.country
                state = Actor(content_id(self.article_id, name.lower()), name, "country", actor.country)
                return ActorPhrase(state, found.start, found.end)
        return None

    def _owner_of_thing(self, head: Word, found: ActorPhrase) -> Side | None:
        """ "criticised Mr Obama's policy", "rejected the Trump plan": a thing, not an actor, that a named
        political actor before it (a possessive or a name) says is theirs; the act is on them, as a
        reader takes it. Countries' things are their states' (`_state_of_thing`)."""
        lemma = head.lemma_.lower()
        # "the Trump administration", "Hamas's delegation" are actors, though their nouns are made from verbs
        made = is_nominalisation(lemma) and not (_a_role(head) or lemma in BODIES)
        if head.pos_ != "NOUN" or not (lemma in OWNED or made):
            return None
        owners = [c for c in head.lefts if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN")]
        # "a proposal by U.S. President Donald Trump": the one it is by
        owners += [c for p in head.rights if p.dep_ == "prep" and p.lower_ == "by" for c in p.children]
        owners = [c for c in owners if c.dep_ != "pobj" or c.pos_ in ("PROPN", "NOUN")]
        if not owners or owners[0].lower_ in ("s", "'s"):
            return None
        owner = self.side(owners[0])
        actor = owner.actor
        if actor is None or actor.kind == "country" or not is_political(actor):
            return None
        if not (owner.phrase.named or actor.country or self._in_context(owner, []).actor.country):
            return None  # "the prime minister's declaration", no one the sentence places: the thing stays
        return owner

    def _relation_partner(self, pronoun: Word, source: Word | None) -> Word | None:
        """ "Israel and Morocco enjoyed relations, but Morocco severed them": the partner in the relations
        the pronoun stands for, the one that is not the source."""
        if pronoun.lower_ not in ("them", "it") or source is None:
            return None
        for earlier in reversed(pronoun.doc[: pronoun.i]):
            if earlier.lemma_.lower() in RELATION_NOUNS:
                holders = [c for c in earlier.head.children if c.dep_ == "nsubj"]
                parties = [w for h in holders for w in (h, *[c for c in h.children if c.dep_ == "conj"])]
                others = [w for w in parties if w.lower_ != source.lower_]
                return others[0] if len(others) == 1 and len(parties) == 2 else None
        return None

    def _resolved(self, pronoun: Word, said: str | None = None) -> Side:
        """Whom `pronoun` stands for; `said`: the pronoun to read it as ("it" for a possessive "its")."""
        said = said or pronoun.lower_
        if said == "it" and pronoun.dep_ in ("dobj", "pobj", "dative"):
            return NOBODY  # "withholding it": an object "it" is a thing far more often than a state
        speaker_word = _speaker(pronoun)
        if said == "it" and _a_thing_before(pronoun, speaker_word):
            return NOBODY  # "rejected a proposal ..., saying it would threaten stability": the proposal
        if speaker_word is not None:
            speaker = self.side(speaker_word)
            # "Communist rebels said they will...": they are the rebels, named or not
            plural = speaker.phrase.plural if speaker.phrase is not None else speaker_word.tag_ == "NNS"
            if fits(said, plural, speaker.actor, speaker.sector):
                return speaker
            if said == "it" and speaker.actor is not None and speaker.actor.kind != "person":
                return speaker  # "Airlines for America said it...": a body, whatever its name's number
            if speaker.actor is None and speaker_word.tag_ == "NNP" and said in PERSONAL:
                return NOBODY  # "Ruto said he would...": Ruto, whom no actor names; nobody else
            if speaker.actor is None and said == "it" and speaker_word.pos_ in ("PROPN", "NOUN"):
                return NOBODY  # "Airlines for America said it supported...": the speaker, no one before
        actor = self.discourse.resolve(said, self.offset + pronoun.idx)
        if actor is None:
            return NOBODY
        start = self.offset + pronoun.idx
        return Side(ActorPhrase(actor, start, start + len(pronoun.text)), sector_of(actor))

    def sides(self, verb: Word, rule: VerbRule) -> tuple[Side, Side]:
        """The source and target of the event `verb` names."""
        subject = _doer_of_act(subject_of(verb))
        giver = _giver(verb)
        if giver is not None:  # "Ukraine received jets from Denmark": Denmark gives, Ukraine is given
            source, target = self.side(giver), self.side(subject)
            return self._settled(source, target)
        if subject is not None and subject in _parties(verb) and not _reciprocal(verb, rule):
            # "talks between Washington and Pyongyang have been stalled": the parties did it together,
            # or no one said who did; neither did it to the other
            return NOBODY, NOBODY
        source = self._in_role(self.side(subject), verb)
        # "They agreed to a truce" after "Israel and Hamas exchanged fire": both, though "they" alone
        # would be the group
        if (
            subject is not None
            and (
                subject.lower_ == "they"
                or (_the_two_of(subject) and not (source.phrase and source.phrase.named))
            )
            and _reciprocal(verb, rule)
        ):
            together = self._the_two(subject, verb, rule)
            if together is not None:
                return together
        target_word = _partner(verb, rule, subject, target_of(verb, rule))
        if target_word is not None and (partner := self._relation_partner(target_word, subject)) is not None:
            target_word = partner
        target = self.side(target_word)
        if (
            not is_political(target.actor)
            and _reciprocal(verb, rule)
            and (split := self._coordinated(subject)) is not None
        ):
            source, target = split  # "Armenian and Azerbaijani forces clashed"; not "US and British
            # warplanes struck Houthi targets", which they did together
        if source.actor is not None and target.actor is not None and source.actor.id == target.actor.id:
            target = NOBODY  # "she sent a letter asking him to...": whoever "him" is, not herself
        return self._settled(source, target)

    def co_sources(self, verb: Word, source: Side, target: Side) -> list[Side]:
        """The political actors named with the subject ("Egypt and Jordan rejected", "US and British
        warplanes struck"), other than the source and the target (a partner already made the target of
        an act done together)."""
        subject = _doer_of_act(subject_of(verb))
        if subject is None or source.actor is None:
            return []
        taken = {side.actor.id for side in (source, target) if side.actor is not None}
        sides = []
        partners = [c for c in subject.children if c.dep_ == "conj"]
        for partner in partners:
            partners += [c for c in partner.children if c.dep_ == "conj"]  # "France, Germany and Italy"
            side = self._settled(self.side(partner), target)[0]
            if side.actor is not None and is_political(side.actor) and side.actor.id not in taken:
                taken.add(side.actor.id)
                sides.append(side)
        return sides

    def _the_two(self, pronoun: Word, verb: Word, rule: VerbRule) -> tuple[Side, Side] | None:
        """ "They signed a deal" after a sentence that names two leaders or states: one with the other,
        unless the act names an actor it is on ("they met Putin")."""
        target = target_of(verb, rule)
        if target is not None and is_political(_named(self.side(target)).actor):
            return None
        pair = self.discourse.pair(self.offset + pronoun.idx) or self._pair_before(pronoun)
        if pair is None:
            return None
        start = self.offset + pronoun.idx
        first, second = (Side(ActorPhrase(a, start, start + len(pronoun.text)), sector_of(a)) for a in pair)
        return first, second

    def _pair_before(self, word: Word) -> tuple[Actor, Actor] | None:
        """The two people or states this sentence names as subject or object before `word`: "Xi hosted
        Lula in Beijing, and the two leaders signed 15 agreements"."""
        named = []
        for earlier in self.sentence[: word.i]:
            if earlier.pos_ == "PROPN" and earlier.dep_ in ("nsubj", "dobj") and earlier.head.pos_ == "VERB":
                found = self.phrase(earlier)
                if found is not None and found.named and found.actor.kind in PAIRED_KINDS:
                    named.append(found.actor)
        parties = list({actor.id: actor for actor in named}.values())
        return (parties[0], parties[1]) if len(parties) == 2 else None

    def _settled(self, source: Side, target: Side) -> tuple[Side, Side]:
        """The two sides, each with the sentence's country if it lacks one (outside the other's phrase),
        and a common noun that names nobody left out."""
        taken = [s.phrase for s in (source, target) if s.phrase is not None]
        return _named(self._in_context(source, taken)), _named(self._in_context(target, taken))

    def _in_role(self, side: Side, verb: Word) -> Side:
        """A person of no known role who acts "as president of the Soviet Union", "as defence minister":
        an official, of the country the role names if it names one."""
        actor = side.actor
        if actor is None or actor.kind != "person" or actor.sector:
            return side
        roles = [
            c
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ == "as"
            for c in p.children
            if c.dep_ == "pobj" and c.lemma_.lower() in PERSON_ROLES and c.lemma_.lower() in ROLE_WORDS
        ]
        if not roles:
            return side
        sector = ROLE_WORDS[roles[0].lemma_.lower()][1]
        of = [c for p in roles[0].children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
        country = next((f.actor.country for c in of if c.dep_ == "pobj" and (f := self.phrase(c))), None)
        official = replace(actor, sector=sector, country=actor.country or country or None)
        return Side(replace(side.phrase, actor=official), sector)

    def demand_sides(self, verb: Word, addressee: Word) -> tuple[Side, Side]:
        """The sides of a demand in reported words: the speaker (the reporting verb's subject) and the
        one the act is demanded of (`modality.demanded_of`)."""
        said = verb
        while said.dep_ == "conj" and said.head is not said:
            said = said.head
        source, target = self.side(subject_of(said.head)), self.side(addressee)
        return self._settled(source, target)

    def _coordinated(self, subject: Word | None) -> tuple[Side, Side] | None:
        """ "Armenian and Azerbaijani forces", "the leaders of Japan and South Korea": two countries'
        modifiers of one head, or its two owners, are two sides."""
        if subject is None or subject.pos_ != "NOUN":
            return None
        for modifier in subject.lefts:
            partners = [c for c in modifier.children if c.dep_ == "conj"]
            if not partners:
                continue
            first, second = self._country_word(modifier), self._country_word(partners[0])
            if first and second and first != second:
                whole = self.phrase(subject)
                if whole is None:
                    return None
                sector = sector_of(whole.actor)
                return self._part(whole, modifier, first, sector), self._part(
                    whole, partners[0], second, sector
                )
        if _a_role(subject) or forces(subject):
            # "the leaders of Japan and South Korea met", "border guards from Kyrgyzstan and Tajikistan
            # exchanged fire": each state's own
            owners = [
                c
                for p in subject.rights
                if p.lower_ in ("of", "from")
                for c in p.children
                if c.dep_ == "pobj"
            ]
            partners = [c for o in owners[:1] for c in o.children if c.dep_ == "conj"]
            if owners and partners:
                sides = [self.side(owners[0]), self.side(partners[0])]
                countries = [side.actor.country if side.actor else None for side in sides]
                if all(countries) and countries[0] != countries[1]:
                    return sides[0], sides[1]
        return None

    def _country_word(self, word: Word, states_only: bool = False) -> str | None:
        """The country of the place `word` names; `states_only`: only if it names a country or its
        capital ("Moroccan sovereignty", "Kyiv's bid"), not any town ("a Memphis shopping center")."""
        start = self.offset + word.idx
        for mention in self.mentions:
            if mention.start == start and (place := self.place_of(mention.place_id)) is not None:
                state = place.kind == "country" or place.feature_code.startswith("PPLC")
                return place.country if state or not states_only else None
        return None

    def _part(self, whole: ActorPhrase, modifier: Word, country: str, sector: str) -> Side:
        """One country's part of a coordinated phrase: "Azerbaijani forces" of "Armenian and Azerbaijani
        forces"."""
        name = f"{modifier.text} {whole.actor.name.split()[-1]}"
        actor = replace(whole.actor, id=content_id(self.article_id, name.lower()), name=name, country=country)
        start = self.offset + modifier.idx
        return Side(ActorPhrase(actor, start, start + len(modifier.text)), sector)

    def _in_context(self, side: Side, taken: list[ActorPhrase]) -> Side:
        """An official or a political body with no country of their own ("President Yoweri Museveni",
        "the rebels") takes the country the rest of the sentence names outside the other actor's phrase,
        unless, for officials and troops, only as a place something happens in."""
        actor = side.actor
        if actor is None or actor.country or side.sector in ("IGO", "NGO"):
            return side
        if actor.kind != "person" and side.phrase.plural and actor.kind != "group":
            return side  # "Arab states", "Western governments": several states, not the sentence's one
        if not (actor.kind == "person" or side.sector in POLITICAL_SECTORS):
            return side
        # Rebels, protesters and police act at home ("police fired on protesters in Monrovia"); officials
        # and troops often abroad ("the president landed in Lagos").
        # (its own kind: a name that borrows its partner's, "Fatah and Hamas met in Cairo", is not placed)
        domestic = sector_of(actor) in DOMESTIC_SECTORS
        countries = set()
        # a relative clause describes, a gerund after a verb's preposition tells what is charged or done
        # ("accused Pashinyan of giving up land without guarantees from Baku"): neither says whose the
        # actor is (a noun's, "the decision in recalling Slovenia's ambassador", may)
        clauses = [
            t.extent
            for t in self.sentence
            if t.dep_ == "relcl" or (t.dep_ == "pcomp" and t.head.head.pos_ in ("VERB", "AUX"))
        ]
        at = side.phrase.start - self.offset
        described = [(start, end) for start, end in clauses if not start <= at < end]
        for mention in self.mentions:
            if side.phrase.start <= mention.start < side.phrase.end:
                continue  # its own phrase's places said whose it is, or were left out for a reason
            if any(start <= mention.start - self.offset < end for start, end in described):
                continue  # "Dodik, ..., who has been under U.S. sanctions, dismissed...": not American
            locative = self.placed_after(mention)
            # (but where the other side was is where they acted: "protesters stormed the residence in Dhaka")
            if any(p.start <= mention.start < p.end for p in taken) and not (domestic and locative):
                continue
            if (not domestic and locative) or self.names_a_border(mention):
                continue
            if self._counterpart(mention) or self._of_an_object(mention):
                continue  # "Premier Scott Moe urged Ottawa to negotiate with Beijing": not China's premier
            place = self.place_of(mention.place_id)
            if place is not None and place.country:
                countries.add(place.country)
        if len(countries) != 1:
            return side  # none, or several: "the king spoke to the Palestinian president of Morocco's..."
        return Side(replace(side.phrase, actor=replace(actor, country=countries.pop())), side.sector)

    def _root_of(self, mention: Mention) -> Word | None:
        """The word of the sentence's parse that heads the mention, if the parse has its span."""
        span = self.sentence.char_span(mention.start - self.offset, mention.end - self.offset)
        return span.root if span is not None else None

    def _of_an_object(self, mention: Mention) -> bool:
        """ "The junta ... has since suspended several French media outlets": the country of what is acted
        on, not of whoever acts."""
        root = self._root_of(mention)
        return root is not None and root.dep_ in ("amod", "compound") and root.head.dep_ in ("dobj", "dative")

    def _counterpart(self, mention: Mention) -> bool:
        """ "with Beijing", "against Russia", "on China": a party an act is with or on, not the country
        of the one acting."""
        root = self._root_of(mention)
        return root is not None and root.dep_ == "pobj" and root.head.lower_ in COUNTERPART_PREPOSITIONS

    def names_a_border(self, mention: Mention) -> bool:
        """ "near the Afghan border", "at the border with Ukraine": one side of a border, not the country
        the sentence is in."""
        root = self._root_of(mention)
        if root is None:
            return False
        if root.dep_ == "pobj" and root.head.lower_ == "with":  # "at the border with Ukraine"
            return root.head.head.lemma_.lower() in BORDERS
        return root.dep_ in ("amod", "compound", "poss") and root.head.lemma_.lower() in BORDERS

    def placed_after(self, mention: Mention, prepositions=LOCATIVE_PREPOSITIONS) -> bool:
        """The mention follows one of `prepositions`; by default, it is where something happens or goes
        ("in Lagos", "to Rabat")."""
        root = self._root_of(mention)
        return root is not None and root.head.dep_ == "prep" and root.head.lower_ in prepositions
