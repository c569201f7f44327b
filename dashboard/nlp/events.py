"""Event coding: who did what to whom, where and when, typed with PLOVER, traced to its sentence.

Dictionary coding in the PETRARCH tradition, on a dependency parse:

1. each sentence is parsed (`dashboard.nlp.parse`); a verb whose lemma is in the PLOVER verb lexicon
   (derived from the PETRARCH2 CAMEO dictionary and the CAMEO→PLOVER table) is an event candidate, and
   the most specific lexicon pattern found among its dependents picks the type ("sign ... agreement");
2. a negated verb ("did not sign") is no event;
3. the source is the verb's subject (the "by" agent of a passive; inherited by "agreed to sign"), the
   target its object or the object of "with/against/to/on"; each becomes an Actor;
4. the location is a place the geoparser found in the sentence, preferring one after "in/at"; the date
   is the sentence's date expression resolved against the article's date, else the article's date;
5. the event nearest the root of the sentence is its main event and comes first; a statement ("X said")
   is no event, a promise or threat to act ("will send aid", "refused to accept") is AGREE, THREATEN or
   REJECT rather than the act itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from functools import cache
from itertools import islice

from spacy.tokens import Doc

from dashboard.geo import Gazetteer, load_gazetteer
from dashboard.model import Actor, Article, Event, Mention, Place, content_id
from dashboard.nlp.actors import PROTEST_NOUNS, ROLE_WORDS, ActorPhrase, a_stance, agent_sector
from dashboard.nlp.coreference import Discourse
from dashboard.nlp.dateline import find_dateline
from dashboard.nlp.dates import find_dates, is_month
from dashboard.nlp.matching import (
    COOPERATIVE,
    HOSTILE,
    PROTEST_VERBS,
    Evidence,
    a_crowd,
    base_forms,
    depth,
    ends_hostilities,
    match_rule,
    states_an_act,
    triggered,
)
from dashboard.nlp.modality import Status, assess, demanded_of, force_used
from dashboard.nlp.parse import parse
from dashboard.nlp.participants import (
    ACT_NOUNS,
    COUNTERPART_PREPOSITIONS,
    EVENTS_IN_A_PLACE,
    REACTIONS,
    REMOVING,
    STATEMENTS,
    SentenceActors,
    Side,
    decreed,
    forces,
    imposed_measure,
    means_of_the_clause,
    participle_as_verb,
    reduced_passive,
    subject_of,
    target_of,
)
from dashboard.nlp.relevance import (
    FACED_POLITICALLY,
    NON_POLITICAL,
    allowed_types,
    is_political,
    is_relevant,
    sector_of,
    story_topic,
)
from dashboard.nlp.sentences import sentence_spans, unwrapped_text
from dashboard.nlp.tree import Sentence, Word, to_infinitive
from dashboard.nlp.verbs import VerbLexicon, VerbRule, is_nominalisation, verb_lexicon
from dashboard.periods import dated_fields
from dashboard.selection import DEFAULT_EVENT_CONFIDENCE

# Sectors of armed groups an article may leave unnamed ("gunmen", "militants", "rebels").
ARMED_GROUPS = frozenset(("UAF", "REB"))
# Adverbs that make an act a habit or a position held over time, not an event of a day.
HABITUAL = frozenset("long always repeatedly often traditionally frequently routinely usually".split())
# Subjects that are people in numbers: who marches or rallies somewhere protests.
# Sectors that wage war: a state's forces and armed groups.
ARMED_FORCES = ARMED_GROUPS | {"MIL"}
# An armed group's attacks on state forces, the sides named or not (police only by rebels: gunmen who
# shoot at police are as often criminals).
ON_STATE_FORCES = frozenset((("UAF", "MIL"), ("REB", "MIL"), ("REB", "COP")))
# Acts done where their target is: a town attacked or raided is where the event happened.
ACTS_ON_THE_SPOT = frozenset(("ASSAULT", "COERCE"))

# Where an act happens ("in Rabat", "at the summit"): its place, not a party.
LOCATIVE_PREPOSITIONS = ("in", "at", "near", "outside", "inside")
# Not agreeing to or endorsing something is rejecting it (PLOVER REJECT: refuse, decline, not accept).
REFUSED_WHEN_NEGATED = frozenset("AGREE SUPPORT".split())
# Saying one will not do a cooperative or yielding act ("will not lift the ban", "won't meet them") is a
# refusal: CAMEO's 12 (reject) has a code for refusing each of them (1241-1246 refuse to ease sanctions,
# release prisoners, de-escalate; 125 reject a proposal to meet). A hostile act one will not do ("will not
# attack") is no event, as CAMEO has no refusal for it.
REFUSED_WHEN_DECLINED = COOPERATIVE | {"AGREE"}
MODAL_AUXILIARIES = frozenset("will shall 'll would can could 'd wo ca".split())
OBLIGING_OR_MODAL = MODAL_AUXILIARIES | {"should", "must", "may", "might"}


def _as_refusal(verb: Word, rule: VerbRule) -> VerbRule | None:
    """A negated act: REJECT if it is a refusal ("did not accept", "will not release the prisoners"),
    None if it is only something that did not happen ("did not attack")."""
    declined = any(c.dep_ == "aux" and c.lower_ in MODAL_AUXILIARIES for c in verb.children)
    # "never established relations" is something that did not happen, not a refusal
    never = any(c.lower_ == "never" for c in verb.children)
    if (rule.plover in REFUSED_WHEN_NEGATED and not never) or (
        declined and rule.plover in REFUSED_WHEN_DECLINED
    ):
        return replace(rule, plover="REJECT", mode=rule.plover.lower())
    return None


def _neither_nor(subject: Word | None) -> bool:
    return subject is not None and any(c.lower_ in ("neither", "nor") for c in subject.children)


def _as_intention(verb: Word, rule: VerbRule) -> VerbRule | None:
    """An act to come or intended is a promise (AGREE) if cooperative, a threat (THREATEN) if hostile, as
    PLOVER codes stated intentions; any other act to come ("will protest", "plans to investigate") is
    not an event yet, nor is one a clause only describes ("a strategy that will support growth") or one
    said of whoever suffers it ("the road will be hit by a closure")."""
    if verb.dep_ in ("relcl", "acl") or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if rule.plover in COOPERATIVE:
        return replace(rule, plover="AGREE", mode=rule.plover.lower())
    if rule.plover in HOSTILE and ends_hostilities(verb):
        # "pledged to suspend kidnappings", "vowed to halt attacks": a promise to de-escalate (CAMEO 03)
        return replace(rule, plover="AGREE", mode="yield", cameo="030")
    if rule.plover in HOSTILE:
        return replace(rule, plover="THREATEN", mode=rule.plover.lower())
    if rule.plover in ("AGREE", "THREATEN", "REJECT"):
        return rule  # "will agree", "will threaten": already a statement of what is to come
    return None


def _named_body(source: Side, evidence: Evidence, trigger: bool, head: Word | None) -> bool:
    """A body the actor lists do not know, named as the doer of a political act ("Hezb-e-Islami
    threatened to shell...", "the NCB ordered..."): an organisation or group doing what a dictionary
    pattern names, or what a political trigger names. Its sector must not say otherwise; a person no
    list or title makes political is never enough ("Hogg rejected...", "Ingraham apologized")."""
    actor = source.actor
    if actor is None or actor.sector or actor.kind == "person" or not _body_like(actor.name, head):
        return False
    if head is not None and any(is_month(c.text) for c in head.lefts):
        return False  # "the Feb. 6 earthquakes": a date is no name
    if actor.name.split()[-1].rstrip(".").lower() in FIRM_HEADS:
        return False  # "Hawaiian Airlines agreed to...": a firm's deal, not a political body's act
    if head is not None and head.lemma_.lower() in PRIVATE_PEOPLE:
        return False  # "Relatives of Canadians killed...", "University of Arizona researchers"
    if head is not None and head.lemma_.lower() in HAPPENINGS:
        return False  # "South Side shooting that wounded 5", "the Takata airbag scandal": no one's act
    return trigger or (evidence is Evidence.PATTERN and actor.kind in ("organisation", "group"))


# People who act for themselves, whatever names their phrase holds: never a political body.
PRIVATE_PEOPLE = frozenset(
    "relative parent widow mother father son daughter brother sister wife husband child victim"
    " survivor resident neighbour neighbor researcher scientist expert analyst student professor doctor"
    " economist fan player".split()
)
# What happens, which a headline may make the subject: never a body that acts.
HAPPENINGS = frozenset(
    "shooting attack explosion blast crash fire storm earthquake scandal outbreak accident collapse".split()
)
# Last words of firms' names: a body the lists do not know that ends so is a business.
FIRM_HEADS = frozenset(
    "airlines airways holdings group inc corp corporation ltd llc plc co company bank motors energy"
    " technologies pharmaceuticals industries capital partners investments resources systems".split()
)


def _body_like(name: str, head: Word | None) -> bool:
    """A name as bodies are named: an acronym ("the NCB"), several capitalised words ("Tehreek-e-Labbaik
    Pakistan"), a hyphenated one ("Hezb-e-Islami"), one after "the" ("the Union"), or a group a common
    noun heads ("Ibo traditional elders"). One plain capitalised word alone ("Dropbox", "Yulia", "chef
    Jae") is more often a person or a firm."""
    capitalised = [word for word in name.split() if word[:1].isupper()]
    acronym_or_hyphenated = any((word.isupper() and len(word) > 1) or "-" in word for word in capitalised)
    if head is not None and head.text[:1].islower():
        # a group a common noun heads ("Ibo traditional elders", "the family of the Kentucky teen"), but
        # not a thing whose only name is where it was ("a stray bullet in Montreal North")
        named = re.split(r" (?:in|at|near|outside) ", name, maxsplit=1)[0]
        return any(word[:1].isupper() for word in named.split()) or named.split()[0].lower() == "the"
    if len(capitalised) >= 2 or acronym_or_hyphenated:
        return True
    if head is None:
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


# How a date expression may hang from the verb whose time it gives: "on Wednesday", "in 2000", "last
# week", "Nov. 24"; never through the verb's subject or object ("the 2018 World Cup was awarded").
DATE_LINKS = frozenset(
    "pobj prep npadvmod advmod tmod nummod compound amod quantmod appos nmod pcomp".split()
)
# Subordinate clauses that date their main clause: "severed them after an uprising erupted in 2000".
# ("since the war began in 2022", "until the coup in 2021": the act is after or before that time, not at it)
TEMPORAL_MARKS = frozenset("after when as while following once".split())


def _dates_verb(verb: Word, found) -> bool:
    """Whether the date expression `found` (offsets in the sentence) dates `verb`'s act."""
    phrase = verb.doc.char_span(found.start, found.end)
    if phrase is None:
        return False
    if verb.dep_ == "relcl" and phrase.start <= verb.head.i < phrase.end:
        return True  # "in 1999, when Latvia backed the campaign": the clause tells of that time
    word = phrase.root
    while word is not verb:
        head = word.head
        if head is word:
            return False
        temporal = word.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in word.children
        )
        nominal = word.dep_ == "conj" and word.pos_ not in ("VERB", "AUX")  # "in 2000 and 2001"
        if not (word.dep_ in DATE_LINKS or word.dep_ == "xcomp" or temporal or nominal):
            return False
        if (temporal or word.dep_ == "pcomp") and word.pos_ == "VERB" and found.precision in ("day", "week"):
            # "agreed to de-escalate after exchanging strikes last week": a day dates the act of its own
            # clause; only a year or a month also dates the one it led to ("severed them after an
            # uprising erupted in 2000")
            return False
        word = head
    return True


# Clauses that describe rather than tell: "the attack that killed...", "troops deployed there",
# "after attacking", "the town devastated by...": their acts are background more often than news.
DESCRIBING_CLAUSES = frozenset("relcl acl advcl pcomp amod npadvmod".split())
# Confidence bands, set against events read and judged on real news (benchmarks/realnews-judged.csv):
# a political trigger in a main clause with a named political actor is right far more often than not;
# everything else is kept, below the map's default cut-off (DEFAULT_EVENT_CONFIDENCE), for who asks.
STRONG, TRIGGERED = 0.8, 0.5
TALKING = frozenset("speak talk".split())
WEAK_BY_EVIDENCE = {Evidence.PATTERN: 0.4, Evidence.VERB: 0.3, Evidence.GUESS: 0.15}
# A sentence's other acts are kept unless they are only guesses from a verb whose patterns all failed:
# on real news those are nearly all wrong, and the sentence's main event already stands for it.
SECONDARY_FLOOR = WEAK_BY_EVIDENCE[Evidence.VERB]


# Acts done only to foreigners, and words that make whom an act is on foreign: the target is not of
# the actor's own country, whatever else the sentence names.
ON_FOREIGNERS = frozenset("expel deport".split())
FOREIGN_WORDS = frozenset("foreign western international overseas outside".split())


def _on_foreigners(verb: Word, rule: VerbRule) -> bool:
    if verb.lemma_.lower() in ON_FOREIGNERS:
        return True
    target = target_of(verb, rule)
    return target is not None and any(w.lower_ in FOREIGN_WORDS for w in target.lefts if w.dep_ == "amod")


def _across_borders(source: Side, target: Side) -> bool:
    countries = {side.actor.country for side in (source, target) if side.actor is not None}
    return len(countries - {None}) == 2


def _stance(verb: Word) -> bool:
    """A simple present with no auxiliary tells a position or a habit, not an act at a time: "Algeria
    opposes any foreign military presence", "Tunis backs the plan"; so does an adverb of habit, "Turkey
    has long accused Sweden...", "Algeria traditionally opposes..."."""
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in verb.children) or _times_over(verb):
        return True
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _times_over(verb: Word) -> bool:
    """ "has accused Moscow several times", "visited Kyiv three times": acts counted over a span, no one
    event of a day (the count may hang on the act's complement: "accused Moscow of violating its
    airspace several times")."""
    complements = [g for p in verb.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pcomp"]
    for child in (c for word in (verb, *complements) for c in word.children):
        if child.dep_ in ("npadvmod", "advmod") and child.lemma_.lower() == "time":
            counts = [c for c in child.children if c.dep_ in ("amod", "nummod")]
            if any(c.lower_ in MANY or (c.dep_ == "nummod" and c.lower_ not in ("one", "1")) for c in counts):
                return True
    return False


MANY = frozenset("several many multiple numerous repeated countless two three four five dozens".split())


def _confidence(
    verb: Word,
    rule: VerbRule,
    evidence: Evidence,
    source: Side,
    target: Side,
    located: bool,
    target_country: str | None = None,
) -> float:
    """How likely the event is right: high only for a political trigger (`dashboard.nlp.triggers`) told
    in a main clause between two named political actors, or a protest by someone somewhere; a
    dictionary pattern adds a little; anything else scores by what made it an event at all."""
    # "took to the streets to protest", "protesters poured into the streets": a protest whatever the verb
    # (but crowds pour into the streets to celebrate a ceasefire too)
    protesting = rule.plover == "PROTEST" and (
        verb.lemma_.lower() in PROTEST_VERBS
        or (any(w.startswith("street") for w in rule.pattern) and _protest_told(verb))
        or (rule.mode == "riot" and source.sector == "OPP")  # "protesters stormed the parliament"
    )
    # "Rubio spoke with Jaishankar": talking is political between two political actors only
    talks = (
        rule.plover == "CONSULT"
        and verb.lemma_.lower() in TALKING
        and all(side.phrase is not None and is_political(side.actor) for side in (source, target))
    )
    if not (triggered(verb, rule, evidence) or protesting or talks):
        return WEAK_BY_EVIDENCE[evidence]
    if rule.plover == "CONSULT" and (
        source.phrase is None or (target.phrase is None and not (located or target_country))
    ):
        # "visited the scene", "held talks": with no one, nowhere; or by no one ("when visiting Britain")
        return WEAK_BY_EVIDENCE[evidence]
    # Two named political sides, as PETRARCH2 requires of every event (its require_dyad), or people
    # protesting somewhere: one named side alone is too often the wrong one.
    dyad = (
        all(side.phrase is not None and is_political(side.actor) for side in (source, target))
        or _armed_attack(rule, source, target, target_country)
        or _repression(rule, source, target)
        or _frees_captives(verb, rule, source)
    )
    crowd = source.sector == "OPP" or a_crowd(subject_of(verb)) or _protesters_protesting(verb)
    protest = protesting and (source.phrase is not None or (located and crowd))
    describing = verb.dep_ in DESCRIBING_CLAUSES and not (
        _own_subject(verb)
        or participle_as_verb(verb)
        or states_an_act(verb.head)
        or decreed(verb)
        or (to_infinitive(verb) and force_used(verb.head))  # "used water cannon to disperse farmers"
        or _by_doing(verb)
        or _result_of_an_act(verb)
        or (protesting and _protesters_protesting(verb))
    )
    if describing or not (dyad or protest) or _stance(verb):
        return TRIGGERED
    confidence = STRONG + 0.05 * (evidence is Evidence.PATTERN) - 0.1 * (evidence is Evidence.GUESS)
    return round(confidence, 2)


# Words that tell a crowd in the streets is protesting, not celebrating or mourning.
PROTEST_WORDS = frozenset("protest protester demonstrator demonstrate demand against chant slogan".split())


def _protest_told(verb: Word) -> bool:
    return any(w.lemma_.lower() in PROTEST_WORDS for w in verb.doc)


def _armed_attack(rule: VerbRule, source: Side, target: Side, target_country: str | None = None) -> bool:
    """Attacks that are a dyad without two named political actors, as ACLED codes them: by gunmen or
    militants the article does not name on a named political actor ("gunmen killed four members of the
    security forces": an unidentified armed group); by armed forces or an armed group the article names on
    a place or people at home ("the RSF attacked the city of El Fasher", "Boko Haram killed 20
    villagers"); by a state or its forces on a place or people of another country ("Russian forces
    shelled the city of Kharkiv"); and by a state's police on another state's body. An attacked place or
    people the article leaves unnamed count by the country the attack happened in ("Israeli airstrikes
    hit several villages in southern Lebanon")."""
    if rule.plover != "ASSAULT":
        return False
    # "gunmen killed four soldiers": an armed group against state forces, named or not
    if (source.sector, target.sector) in ON_STATE_FORCES:
        return True
    if source.phrase is None:
        return target.phrase is not None and source.sector in ARMED_GROUPS and is_political(target.actor)
    attacker, attacked = source.actor, target.actor
    attacked_country = (
        attacked.country if attacked else None
    ) or target_country  # "struck Odesa": its country
    if not (attacker.country and attacked_country) or target.sector not in ("", "CVL", "PPL"):
        # a state's police storming another state's embassy: "Ecuadorian police stormed the Mexican embassy"
        foreign_body = attacked is not None and attacked.country and attacker.country != attacked.country
        return bool(foreign_body and source.sector == "COP" and is_political(attacked))
    if attacker.country != attacked_country:
        return source.sector in ARMED_FORCES | {"GOV"}
    # at home, only forces the article names: "militants attacked a village" may be any gang
    return source.sector in ARMED_FORCES and source.phrase.named


def _repression(rule: VerbRule, source: Side, target: Side) -> bool:
    """ "Police fired tear gas at protesters", "soldiers detained dozens of demonstrators": state forces
    against protesters or the opposition, named or not, as ACLED codes them; and police or a court
    against a named politician ("detained Istanbul Mayor X", "a court sentenced former President X")."""
    if rule.plover not in ("ASSAULT", "COERCE"):
        return False
    # a politician, a journalist, a rights activist or a union leader, by name
    named_politician = (
        target.phrase is not None
        and target.phrase.named
        and target.actor.kind == "person"
        and sector_of(target.actor) in FACED_POLITICALLY
    )
    if source.sector == "JUD":
        return rule.plover == "COERCE" and source.phrase is not None and named_politician
    return source.sector in ("COP", "MIL") and (target.sector == "OPP" or named_politician)


# Sectors that clash with force: forces, armed groups, police, protesters.
FIGHTING_SECTORS = frozenset("MIL REB COP UAF OPP CVL CRM".split())


def _a_war_of_words(verb: Word, source: Side, target: Side) -> bool:
    """A clash between people or bodies none of whom fights: a dispute. (States that clash, "Armenia and
    Azerbaijan clashed on the border", more often fight.)"""
    sides = [side for side in (source, target) if side.actor is not None or side.sector]
    sectors = {side.sector for side in sides}
    states = any(side.actor is not None and side.actor.kind == "country" for side in sides)
    return verb.lemma_.lower() == "clash" and bool(sectors) and not (states or sectors & FIGHTING_SECTORS)


# What police do only to crowds: "used tear gas to disperse farmers who had blocked roads".
DISPERSING = frozenset(("disperse",))


def _at_a_protest(verb: Word) -> bool:
    """ "Police arrested 466 people at a protest in London": those the act took were at a protest, so
    they are its protesters, whatever the word for them."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return any(
        p.dep_ == "prep"
        and p.lower_ in ("at", "during")
        and any(o.dep_ == "pobj" and o.lemma_.lower() in PROTEST_NOUNS for o in p.children)
        for head in heads
        for p in head.children
    )


# People held whom a release frees: "Hamas released 24 hostages", "Israel freed 39 prisoners".
CAPTIVES = frozenset("hostage prisoner detainee captive".split())


def _frees_captives(verb: Word, rule: VerbRule, source: Side) -> bool:
    """A named political actor releasing the people it holds (CAMEO 0841): an act told whole with one
    named side, as an attack by named forces on a town is."""
    held = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in CAPTIVES]
    return rule.cameo == "0841" and bool(held) and source.phrase is not None and is_political(source.actor)


def _in_a_text_not_made(verb: Word) -> bool:
    """ "refused to sign the statement condemning Russia": what a statement says is said only if it is
    made; a statement refused, denied or only planned condemns no one."""
    text = verb.head
    if verb.dep_ != "acl" or text.lemma_.lower() not in STATEMENTS or text.head is text:
        return False
    return assess(text.head) is not Status.DONE


# Officials a story's country may be given: government, legislature, parties; and their offices.
OFFICIALS = frozenset("GOV LEG PTY".split())
OFFICES = frozenset(
    "premier mayor governor gov minister secretary senator sen councillor councilor coun mp mpp mla"
    " chancellor president leader".split()
)
STORY_COUNTRY = 0.6  # the share of a story's places in one country that makes it that country's story


def _filed_at(text: str, mentions: list[Mention]) -> str | None:
    """The place of the story's dateline ("KHARTOUM (Reuters) -"), as the geoparser resolved it."""
    dateline = find_dateline(text)
    if dateline is None:
        return None
    at = [m.place_id for m in mentions if m.start == dateline.start and m.end == dateline.end]
    return at[0] if at else None


COMMANDING = frozenset("order instruct direct command".split())


def _commands_forces(verb: Word) -> bool:
    """An order whose object is armed forces, "ordered the army into action", "ordered the army to help
    with rescue work": a state commanding its own, not asking anyone."""
    return verb.lemma_.lower() in COMMANDING and any(c.dep_ == "dobj" and forces(c) for c in verb.children)


# What an authority orders a body to do that is the authority's own act on it: closing it down.
SHUTTING = frozenset("suspend close shut stop cease halt dissolve disband".split())


def _orders_shut(verb: Word) -> bool:
    """ "ordered two opposition newspapers to suspend publication", "ordered the charity to close": an
    authority closing a body down (CAMEO 17, coerce), not asking it."""
    return (
        verb.lemma_.lower() in COMMANDING
        and any(c.dep_ == "xcomp" and c.lemma_.lower() in SHUTTING for c in verb.children)
        and not _commands_forces(verb)
    )


def _doer_of_the_act(verb: Word, discourse: Discourse, offset: int) -> Side | None:
    """Whom a reaction to "the attack" (or "the strikes", "the raid"), its doer unnamed, is on: who did
    the latest violence the article told, within the last sentences."""
    acts = [
        c
        for c in verb.children
        if c.dep_ == "dobj"
        and c.lower_ in ACT_NOUNS
        and any(d.dep_ == "det" and d.lower_ in ("the", "this", "these") for d in c.children)
        and not any(d.dep_ in ("poss", "compound", "amod", "prep") for d in c.children)
    ]
    attacker = discourse.attacker() if acts else None
    if attacker is None:
        return None
    start = offset + acts[0].idx  # the act's noun stands for its doer
    phrase = ActorPhrase(attacker, start, start + len(acts[0].text))
    return Side(phrase, sector_of(attacker))


def _backs_an_idea(verb: Word, rule: VerbRule, source: Side, target: Side) -> bool:
    """A person who says they support a thing ("more housing", "investment in roads"), no actor's."""
    things = [
        c
        for c in verb.children
        if c.dep_ == "dobj"
        and c.pos_ == "NOUN"
        and c.lemma_.lower() not in ROLE_WORDS
        and not agent_sector((), c.lemma_.lower())
    ]
    return (
        rule.plover == "SUPPORT"
        and verb.lemma_.lower() == "support"
        and bool(things)
        and target.actor is None
        and not target.sector
        and source.actor is not None
        and source.actor.kind == "person"
    )


def _into_a_thing(verb: Word) -> bool:
    """ "investigating whether the bus had proper permits", "investigating two possible cases": an inquiry
    into what a thing did or was, or into a happening, not into anyone ("whether Marie Yovanovitch was
    spied on" is into someone)."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() in INCIDENTS for c in verb.children):
        return True
    for clause in verb.subtree:
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in clause.children):
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            thing = subjects and subjects[0].pos_ == "NOUN"
            lemma = subjects[0].lemma_.lower() if subjects else ""
            return bool(thing) and lemma not in ROLE_WORDS and not agent_sector((), lemma)
    return False


def _beside_the_object(word: Word) -> bool:
    """A name coordinated with, or in apposition to, the verb's object: "Belgrade" in "urged Pristina and
    Belgrade", "Moscow" in "accusing Minsk and its ally Moscow"."""
    for _ in range(3):
        if word.dep_ not in ("conj", "appos") or word.head is word:
            return False
        word = word.head
        if word.dep_ in ("dobj", "dative"):
            return True
    return False


def _describes_its_noun(verb: Word, evidence: Evidence) -> bool:
    """ "NGOs funded by the West", "a trial brought by the Serious Fraud Office": a participle with a "by"
    agent that describes its noun, with no dictionary pattern or code of its own. One the dictionary
    names is news ("negotiations mediated by Qatar", "Americans freed by Iran")."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and any(c.dep_ == "agent" for c in verb.children)
        and evidence is Evidence.GUESS
    )


# What an inquiry looks into that is no one: "investigating two possible cases", "the cause of the fire".
INCIDENTS = frozenset("case cause crash fire death outbreak incident accident collapse leak spill".split())


def _nobody_who(verb: Word, source: Side) -> bool:
    """ "those who fought", "anyone who attacked": a relative clause whose "who" stands for no actor."""
    relative = any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT") for c in verb.children)
    return verb.dep_ == "relcl" and relative and source.actor is None and not source.sector


def _rioters(verb: Word, source: Side) -> bool:
    """Protesters in numbers doing violence: "protesters stormed", "thousands of demonstrators clashed"."""
    subject = subject_of(verb)
    crowd = subject is not None and (subject.tag_ == "NNS" or a_crowd(subject))
    return source.sector == "OPP" and crowd


def _orders_a_thing(verb: Word, target: Side) -> bool:
    """An order whose object is a thing, not someone: "ordered flags to fly at half-staff"."""
    ordered = [c for c in verb.children if c.dep_ == "dobj"]
    return (
        verb.lemma_.lower() in COMMANDING
        and any(c.dep_ == "xcomp" for c in verb.children)
        and bool(ordered)
        and ordered[0].pos_ == "NOUN"
        and target.actor is None
        and not target.sector
    )


# What a state sends that is help, whatever a dictionary pattern on the noun says ("send a team" is a
# negotiating team there, CAMEO 036): "sent rescue teams and helicopters", "dispatched medical staff".
SENDING = frozenset("send dispatch fly airlift".split())
RELIEF = frozenset(
    "rescue relief medical humanitarian aid emergency firefighting firefighter search food water".split()
)


def _sends_relief(verb: Word) -> bool:
    if verb.lemma_.lower() not in SENDING:
        return False
    sent = [c for c in verb.children if c.dep_ == "dobj"]
    sent += [c for noun in sent for c in noun.children if c.dep_ == "conj"]
    modifiers = [c for noun in sent for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    modifiers += [c for m in modifiers for c in m.children if c.dep_ == "conj"]  # "search and rescue teams"
    return any(w.lower_ in RELIEF or w.lemma_.lower() in RELIEF for w in (*sent, *modifiers))


# Verbs whose crowd is protesting already, before any purpose is told ("rallied to protest"; not
# "gathered to protest", whose gathering is the protest only by its purpose).
PROTESTING_ALREADY = PROTEST_VERBS - {"gather", "assemble"}


def _protesters_protesting(verb: Word) -> bool:
    """ "students protesting the election results", "thousands rallied to protest the law": people in
    numbers protesting, in the act, not a description."""
    if verb.dep_ == "advcl" and to_infinitive(verb):
        # "thousands gathered outside parliament to protest the law": why the crowd came, told as done
        # (after "rallied", the rally is the protest already)
        return a_crowd(subject_of(verb)) and verb.head.lemma_.lower() not in PROTESTING_ALREADY
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.tag_ == "NNS"


def _protest_with_intervention(events: list[Event]) -> bool:
    """A sentence that tells of a protest and of force used or arrests made, both sure enough to show."""
    shown = {e.type for e in events if e.confidence >= DEFAULT_EVENT_CONFIDENCE}
    return "PROTEST" in shown and bool(shown & {"ASSAULT", "COERCE"})


def _shares_a_view(verb: Word) -> bool:
    """ "X agrees (that) the crisis is serious": agreeing with a statement, not to do something or with
    someone, which is all PLOVER's AGREE is."""
    if verb.lemma_.lower() != "agree":
        return False
    children = list(verb.children)
    # a clause of fact ("...are a major problem"), not of what is to be done ("...would be exchanged")
    statement = any(
        c.dep_ == "ccomp"
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        and not any(g.dep_ == "aux" and g.lower_ in OBLIGING_OR_MODAL for g in c.children)
        for c in children
    )
    act = any(
        c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in ("to", "on", "with"))
        for c in children
    )
    return statement and not act


def _by_doing(verb: Word) -> bool:
    """ "By recalling its ambassador, Slovenia made a step": the act the sentence is about, not background
    (as "after attacking" more often is)."""
    return means_of_the_clause(verb) and verb.head.lower_ == "by"


def _result_of_an_act(verb: Word) -> bool:
    """ "Gunmen attacked the base, killing four soldiers": a participle after its clause's act tells what
    that act did, told as news, not background; but not after an act that is itself only described."""
    head = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.i > head.i
        and not any(c.dep_ in ("mark", "nsubj") for c in verb.children)
        and head.pos_ == "VERB"
        and head.dep_ not in DESCRIBING_CLAUSES
    )


def _own_subject(verb: Word) -> bool:
    """ "In exchange for Morocco normalizing relations": a gerund with a subject of its own tells an act,
    not a description."""
    return verb.dep_ == "pcomp" and any(c.dep_ == "nsubj" for c in verb.children)


class EventCoder:
    """PLOVER events and their actors for an article, given the article's place mentions."""

    name = "plover-lexicon.v1"

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: VerbLexicon | None = None):
        self.gazetteer = gazetteer or load_gazetteer()
        self.lexicon = lexicon if lexicon is not None else verb_lexicon()
        self._known_lemmas: dict[tuple[str, str], str | None] = {}  # (lemma, form) -> lexicon lemma

    def _of_the_story(self, actor: Actor | None, story_country: Callable[[], str | None]) -> Actor | None:
        """An office-holder the sentence gives no country ("Premier Doug Ford", "Prime Minister Gabriel
        Attal") holds office in the country of most of the story's places, and police act in it. (Not
        where it was filed: a Jerusalem dateline makes no Israeli of a Hamas spokesman. Nor a spokesman,
        who may speak for anyone.)"""
        if actor is not None and not actor.country and actor.sector == "COP" and actor.kind != "person":
            # "Riot police used tear gas" in a story from Tbilisi: a state's police act at home
            country = story_country()
            return replace(actor, country=country) if country else actor
        if actor is None or actor.country or actor.kind != "person" or actor.sector not in OFFICIALS:
            return actor
        words = actor.title.lower().replace(".", "").split()
        if not words or words[-1] not in OFFICES or (country := story_country()) is None:
            return actor
        return replace(actor, country=country)

    def _story_country(self, mentions: list[Mention]) -> str | None:
        """The country most of a story's places lie in (at least STORY_COUNTRY of them, and two), as a
        place: where a story with no dateline happens when a sentence does not say."""
        countries = Counter(
            place.country
            for m in mentions
            if (place := self._place(m.place_id)) is not None and place.country
        )
        if not countries:
            return None
        country, count = countries.most_common(1)[0]
        if count < 2 or count < STORY_COUNTRY * countries.total():
            return None
        return country if self._place(country) is not None else None

    def _place(self, place_id: str) -> Place | None:
        return self.gazetteer.place(place_id)

    def _country_of(self, place_id: str) -> str | None:
        place = self.gazetteer.place(place_id)
        return place.country if place else None

    def __call__(self, article: Article, mentions: list[Mention]) -> tuple[list[Actor], list[Event]]:
        return self.code_many([(article, mentions)])[0]

    def code_many(self, items: list[tuple[Article, list[Mention]]]) -> list[tuple[list[Actor], list[Event]]]:
        """Several articles at once: their sentences go through the parser in one batch, which is faster
        than article by article. The result is the same."""
        spans = [self._spans(article.text) for article, _ in items]
        # A match report or a film review codes no event (its places are still mentions): not parsed.
        spans = [
            [] if story_topic([a.text[s:e] for s, e in each]) else each
            for (a, _), each in zip(items, spans, strict=True)
        ]
        texts = [
            unwrapped_text(article.text, s, e)
            for (article, _), each in zip(items, spans, strict=True)
            for s, e in each
        ]
        docs = parse(texts)
        return [
            self._code(article, mentions, article_spans, docs)
            for (article, mentions), article_spans in zip(items, spans, strict=True)
        ]

    @staticmethod
    def _spans(text: str) -> list[tuple[int, int]]:
        spans = list(sentence_spans(text))
        dateline = find_dateline(text)
        if dateline:  # "RABAT, Nov 25 (AGENCY) — Israel and Morocco..." is parsed from "Israel"
            spans = [(max(s, dateline.body_start) if s <= dateline.start < e else s, e) for s, e in spans]
        return [(s, e) for s, e in spans if s < e]  # a dateline on a line of its own leaves nothing

    def _code(self, article: Article, mentions: list[Mention], spans, docs: Iterator[Doc]):
        """The actors and events of one article, from the next `len(spans)` parsed sentences in `docs`."""
        known: dict[str, Actor] = {}
        actors: dict[str, Actor] = {}
        events: list[Event] = []
        discourse = Discourse()
        # where the story happens, looked for only when an event needs it (few do)
        story_country = cache(lambda: self._story_country(mentions))
        story_place = cache(lambda: _filed_at(article.text, mentions) or story_country())
        for (start, end), doc in zip(spans, islice(docs, len(spans)), strict=True):
            in_sentence = [m for m in mentions if start <= m.start and m.end <= end]
            with Sentence(
                doc, unwrapped_text(article.text, start, end)
            ) as sentence:  # what the doc was made from
                found = SentenceActors(
                    sentence, start, article.id, in_sentence, self._place, known, discourse
                )
                coded = list(
                    self._sentence_events(
                        article, sentence, start, end, in_sentence, found, story_place, story_country
                    )
                )
                # The main event (rank 0) is the one nearest the root, unless a later one is one the map
                # shows and it is not: "Israel and Morocco enjoyed relations, but Morocco severed them" is
                # the severing.
                # A protest the police broke up is a protest with intervention, as ACLED codes it: "police
                # used batons on crowds protesting the count" is the protest.
                intervened = _protest_with_intervention([event for event, _ in coded])
                coded.sort(
                    key=lambda item: (
                        item[0].confidence < DEFAULT_EVENT_CONFIDENCE,
                        intervened and item[0].type != "PROTEST",
                    )
                )
                coded = coded[:1] + [item for item in coded[1:] if item[0].confidence >= SECONDARY_FLOOR]
                for rank, (event, sides) in enumerate(coded):
                    events.append(replace(event, rank=rank))
                    actors.update((actor.id, actor) for actor in sides)
                    if event.type == "ASSAULT" and event.source_actor is not None and event.confidence >= 0.5:
                        discourse.attacked(actors[event.source_actor])
                found.name_subjects()
            discourse.next_sentence()
        return list(actors.values()), events

    def _event_verbs(self, sentence: Sentence) -> list[Word]:
        """The verbs whose lemma the lexicon knows, the main event first. A verb the lemmatizer got wrong
        ("staged" → "stag", "fined" → "fin") is looked up by its form and given the lexicon's lemma."""
        known = self._known_lemmas
        verbs = []
        for word in sentence:
            if word.pos_ == "VERB" or word.pos_ == "AUX":
                key = word.lemma_, word.lower_
                if key not in known:
                    known[key] = self._lexicon_lemma(word.lemma_.lower(), word.lower_)
                found = known[key]
                if found:
                    word.lemma_ = found
                    verbs.append(word)
        verbs.sort(key=lambda w: (depth(w), w.i))
        return verbs

    def _lexicon_lemma(self, lemma: str, form: str) -> str | None:
        if lemma in self.lexicon:
            return lemma
        return next((base for base in base_forms(form) if base in self.lexicon), None)

    def _sentence_events(
        self,
        article,
        sentence: Sentence,
        start: int,
        end: int,
        mentions,
        found,
        story_place: Callable[[], str | None],
        story_country: Callable[[], str | None],
    ):
        allowed = allowed_types(sentence.text)  # sport, weather, markets...: no events, or only relief
        if allowed is not None and not allowed:
            return
        dates = None  # found once the sentence has an event: most have none
        for verb in self._event_verbs(sentence):
            status = assess(verb)
            if status is Status.UNREAL or _in_a_text_not_made(verb) or reduced_passive(verb):
                continue  # denied, refused, failed, possible, conditional, asked about, a purpose
            rule, evidence = match_rule(verb, self.lexicon)
            addressee = demanded_of(verb) if status is Status.DEMANDED else None
            if rule is not None and addressee is not None:
                rule = self._demand(rule)
            elif rule is not None and status is Status.NEGATED:
                # "Neither Chile nor Peru has signed the treaty": what two have not done, no refusal of
                # one by the other
                rule = None if _neither_nor(subject_of(verb)) else _as_refusal(verb, rule)
            elif rule is not None and status in (Status.FUTURE, Status.INTENDED):
                rule = _as_intention(verb, rule)
            if rule is not None and rule.plover != "AID" and status is Status.DONE and _sends_relief(verb):
                rule = replace(rule, plover="AID", mode="humanitarian", cameo="073")
            if rule is None or (allowed is not None and rule.plover not in allowed):
                continue
            if rule.plover == "AGREE" and _shares_a_view(verb):
                continue  # "agrees offences by children are a major problem": an opinion, no promise
            if verb.dep_ == "xcomp" and _orders_shut(verb.head):
                continue  # coded as the order: the body told to close does not close of its own will
            if rule.plover != "SANCTION" and _orders_shut(verb):
                # "ordered two newspapers to suspend publication": an authority closing a body down
                # (CAMEO 172, administrative sanctions), not a request ("ordered the embassy to close"
                # stays the dictionary's diplomatic sanction)
                rule = replace(rule, plover="COERCE", mode="restrict", cameo="172")
            if rule.plover == "REQUEST" and _commands_forces(verb):
                if any(c.dep_ == "xcomp" for c in verb.children):
                    continue  # "ordered the army to withdraw": the act is the withdrawal, coded on its own
                # "ordered the army into action", "ordered troops to the border": a state mobilising its
                # forces (CAMEO 154)
                rule = replace(rule, plover="MOBILIZE", mode="troops", cameo="154")
            if addressee is not None:
                source_side, target_side = found.demand_sides(verb, addressee)
            else:
                source_side, target_side = found.sides(verb, rule)
            if rule.plover in REACTIONS and target_side.actor is None:
                # "Iran condemned the attack" after "Israeli missiles struck targets near Damascus"
                doer = _doer_of_the_act(verb, found.discourse, found.offset)
                if doer is not None and doer.actor.country != (
                    source_side.actor and source_side.actor.country
                ):
                    target_side = doer
            if _backs_an_idea(verb, rule, source_side, target_side):
                continue  # "said he supports more housing": a person's view of a thing, no one backed
            if rule.mode == "investigate" and _into_a_thing(verb):
                continue  # "is investigating whether the bus had permits": an inquiry into no one
            if _describes_its_noun(verb, evidence):
                continue  # "NGOs funded by the West": background to the clause, not the news
            if _nobody_who(verb, source_side):
                continue  # "the descendants of those who fought in the 1971 war": a description, no doer
            if rule.plover == "REQUEST" and _orders_a_thing(verb, target_side):
                continue  # "ordered flags to fly at half-staff": no one is asked
            if (
                rule.plover in ("ASSAULT", "COERCE")
                and target_side.sector in NON_POLITICAL | {""}
                and source_side.sector in ("COP", "MIL")
                and (_at_a_protest(verb) or verb.lemma_.lower() in DISPERSING)
            ):
                # people taken at a protest, or a crowd dispersed (farmers, students), are protesters
                target_side = replace(target_side, sector="OPP")
            if rule.plover == "ASSAULT" and _rioters(verb, source_side):
                # "protesters stormed the residence": a violent protest, PLOVER's riot (CAMEO 145)
                rule = replace(rule, plover="PROTEST", mode="riot", cameo="145")
            if rule.plover == "ASSAULT" and _a_war_of_words(verb, source_side, target_side):
                # "Smith has clashed with Carney over pipelines": politicians clash in words (CAMEO 111)
                rule = replace(rule, plover="ACCUSE", mode="disapprove", cameo="111")
            if rule.plover == "ASSAULT" and any(imposed_measure(verb, c) for c in verb.children):
                # "slapped sanctions on": a measure imposed, not a blow (CAMEO 163)
                rule = replace(rule, plover="COERCE", mode="restrict", cameo="163")
            if (
                rule.plover == "PROTEST"
                and source_side.sector in ("MIL", "COP")
                and verb.lemma_.lower() != "protest"
            ):
                continue  # "the army band marched through London": a parade, not a protest
            if rule.plover == "PROTEST" and source_side.sector == "GOV":
                # a state "protested": a formal complaint, not people in the street (CAMEO 11, not 14)
                rule = replace(rule, plover="ACCUSE", mode="disapprove", cameo="111")
            if not (
                is_relevant(source_side.sector, target_side.sector, _across_borders(source_side, target_side))
                or _named_body(source_side, evidence, triggered(verb, rule, evidence), subject_of(verb))
                or rule.plover == "PROTEST"  # whoever demonstrates is political, as ACLED codes it
            ):
                continue  # no state, official, armed group or protester on either side: not PLOVER's
            source, target = (
                self._of_the_story(side.actor, story_country) for side in (source_side, target_side)
            )
            if dates is None:
                dates = find_dates(sentence.text, article.published)
            # a promise, threat or demand is made when it is stated: "announced on Thursday that Canada
            # would impose tariffs" is Thursday's threat
            stated = status in (Status.FUTURE, Status.INTENDED, Status.DEMANDED) and verb.dep_ == "ccomp"
            # "rallied on Saturday to protest the plan": a purpose is done when its act is
            purpose = verb.dep_ == "advcl" and to_infinitive(verb)
            when, precision = self._date(
                verb, dates, article.published, verb.head if stated or purpose else None
            )
            # "Russian drones struck Odesa" happened in Odesa; "recalled its envoy to Moscow" not in Moscow
            acted_on = None if rule.plover in ACTS_ON_THE_SPOT else target_side.phrase
            place_id = self._location(verb, start, mentions, acted_on)
            if source is None and target is None and place_id is None:
                # "KHARTOUM - ... Police fired tear gas at protesters": police against protesters, named
                # by kind only, acted where the story was filed (or, with no dateline, in the country of
                # most of its places); anyone else unnamed, nowhere: no event
                if not _repression(rule, source_side, target_side) or (place_id := story_place()) is None:
                    continue
            target_country = self._target_country(verb, rule, source, target_side, place_id, found)
            confidence = _confidence(
                verb, rule, evidence, source_side, target_side, place_id is not None, target_country
            )
            source_country = source.country if source else None
            if source is None and rule.plover == "PROTEST" and place_id is not None:
                if source_side.sector in ("", "OPP", "CVL"):
                    # "Thousands of people protested in Erfurt": unnamed protesters, of where they protested
                    source_country = self._country_of(place_id)
            event = Event(
                id=content_id(article.id, str(start), str(verb.idx)),
                article_id=article.id,
                type=rule.plover,
                source_actor=source.id if source else None,
                target_actor=target.id if target else None,
                evidence_start=start,
                evidence_end=end,
                mode=rule.mode,
                source_country=source_country,
                target_country=target_country,
                place_id=place_id,
                date=when,
                date_precision=precision,
                confidence=confidence,
                coder=self.name,
            )
            yield event, [actor for actor in (source, target) if actor is not None]
            # "Egypt and Jordan rejected the plan": each acted, the first named as the event's source
            for partner in found.co_sources(verb, source_side, target_side):
                co = partner.actor
                yield (
                    replace(
                        event,
                        id=content_id(article.id, str(start), str(verb.idx), co.id),
                        source_actor=co.id,
                        source_country=co.country,
                        target_country=self._target_country(verb, rule, co, target_side, place_id, found),
                    ),
                    [actor for actor in (co, target) if actor is not None],
                )

    def _demand(self, act: VerbRule) -> VerbRule | None:
        """A demand that another do `act`: the lexicon's bare "demand" (REQUEST), its mode the act's."""
        demand = next((rule for rule in self.lexicon.get("demand") if not rule.pattern), None)
        return replace(demand, mode=act.plover.lower()) if demand is not None else None

    def _target_country(
        self,
        verb: Word,
        rule: VerbRule,
        source: Actor | None,
        target: Side,
        place_id: str | None,
        found: SentenceActors,
    ) -> str | None:
        """The target's country; for a target the sentence names but not its country ("villages",
        "dozens of demonstrators"), the country the act happens in, else the source's own (news tells
        of a state acting at home unless it says where), but for those an act or a word says are
        foreign."""
        if target.actor is not None and target.actor.country:
            return target.actor.country
        # ("at the border with Ukraine" is one side of a border, not where the act was)
        mentions = [m for m in found.mentions if not found.names_a_border(m)]
        if (country := self._country_of_place(target.phrase, mentions)) is not None:
            return country  # "Russian drones struck Odesa": a town acted on is no state, but in one
        if target.sector in ("IGO", "NGO"):
            return None  # "rejected a NATO grant", "criticised NATO's intervention in Libya": no state's
        if target.phrase is None and not target.sector:
            return None  # no target at all: "Russia protested"
        if place_id is not None and (country := self._country_of(place_id)):
            return country
        if _on_foreigners(verb, rule) or rule.plover == "AID":
            # "expelled 60 diplomats", "rejects foreign bases"; "sent rescue teams":
            # help goes to others, and the sentence does not say whom
            return None
        if source is None:
            return None
        # "An Israeli drone strike on a car in southern Lebanon killed three people": where the sentence
        # says the act was in one other country, it is there, not at the doer's home
        abroad = {
            c
            for m in mentions
            if found.placed_after(m, LOCATIVE_PREPOSITIONS)
            and (c := self._country_of(m.place_id)) != source.country
        }
        abroad.discard(None)
        if abroad:
            return abroad.pop() if len(abroad) == 1 else None
        return source.country

    def _country_of_place(self, phrase: ActorPhrase | None, mentions: list[Mention]) -> str | None:
        if phrase is None:
            return None
        spans = (m.place_id for m in mentions if (m.start, m.end) == (phrase.start, phrase.end))
        return next((country for place_id in spans if (country := self._country_of(place_id))), None)

    @staticmethod
    def _date(
        verb: Word, dates, published: date | None, stating: Word | None = None
    ) -> tuple[date | None, str]:
        """The date the sentence gives the verb's own act ("signed on Wednesday", "severed them after an
        uprising erupted in 2000"), or the act of `stating` it, for a promise or threat ("announced on
        Thursday that it would..."), nearest first; else the article's date (precision "article"), but
        for an act the sentence places before its time ("had severed"), which then has none."""
        attached = [d for d in dates if _dates_verb(stating, d)] if dates and stating is not None else []
        attached = attached or ([d for d in dates if _dates_verb(verb, d)] if dates else [])
        if attached:
            nearest = min(attached, key=lambda d: abs(d.start - verb.idx))
            return nearest.value, nearest.precision
        earlier = any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)
        # A past act in a sentence set in an earlier year ("restored relations in a deal brokered in
        # 2023") is not of the article's day, though the parser tied the year to another word.
        past = (
            verb.tag_ == "VBD"
            and published is not None
            and any(d.value.year < published.year for d in dates or ())
        )
        return (None, "") if earlier or past or published is None else (published, "article")

    def _location(
        self, verb: Word, offset: int, mentions: list[Mention], acted_on: ActorPhrase | None = None
    ) -> str | None:
        """Where the act happened: a place after "in/at" that hangs from the verb (or its object: "signed a
        pact in Rabat"), else a city, state or territory in the verb's own clause ("recognised sovereignty
        over Western Sahara"), never one inside a clause that describes something else ("Biden, who is due
        to visit Ottawa", "companies linked to the war in Ukraine"). Countries named as actors ("Morocco
        signed") are not where things happened, and nor is a place that is itself the one acted on
        (`acted_on`: "recalled its ambassador to Moscow"), unless after "in" or "at"."""
        places = [m for m in mentions if m.role == "literal"]
        if not places:
            return None
        fallback = None
        for mention in places:
            span = verb.doc.char_span(mention.start - offset, mention.end - offset)
            if span is None or not _in_own_clause(span.root, verb):
                continue
            if a_stance(verb.doc.text, span.start_char, span.end_char):
                continue  # "Moscow-backed separatists shelled...": not in Moscow
            preposition = span.root.head
            if (
                preposition.dep_ == "prep"
                and preposition.lower_ == "to"
                and _on_a_visit(preposition.head, verb)
            ):
                return mention.place_id
            if preposition.dep_ == "prep" and preposition.lower_ in LOCATIVE_PREPOSITIONS:
                holder = preposition.head
                held = holder.head is verb and holder.dep_ in ("dobj", "attr", "npadvmod")
                # "signed a pact in Rabat", but not "criticised NATO's intervention in Libya": where the
                # other act was
                if holder is verb or (held and not _an_act(holder)):
                    return mention.place_id
            place = self.gazetteer.place(mention.place_id)
            # "from Misrata", "a coalition of militias from Misrata"; but "the city of El Fasher" is the city
            origin = preposition.dep_ == "prep" and preposition.lower_ in ("from", "of")
            origin = origin and not (
                preposition.lower_ == "of" and preposition.head.lemma_.lower() in TOWNS | TOWN_PARTS
            )
            target = acted_on is not None and (
                (acted_on.start, acted_on.end) == (mention.start, mention.end)
                # "urged both Pristina and Belgrade to de-escalate", "accusing Minsk and its ally Moscow":
                # another one acted on is no place either
                or _beside_the_object(span.root)
            )
            # "warned against arms sales to Taiwan", "announced aid to Kherson": where a thing goes
            bound = preposition.dep_ == "prep" and preposition.lower_ == "to"
            # (or whom a state deports there: "deported 28 Afghan men to Kabul" happened in Germany)
            bound = bound and (preposition.head.pos_ == "NOUN" or preposition.head.lemma_.lower() in REMOVING)
            # "urged Ottawa to negotiate with Beijing": a party the act is with, not where it was
            party = preposition.dep_ == "prep" and preposition.lower_ in COUNTERPART_PREPOSITIONS
            kind = place.kind if place else ""
            # "Moscow has denied any involvement": a capital named as the actor, as a country would be
            doer = span.root.dep_ == "nsubj" and span.root.head is verb and kind == "city"
            # "attacks on Moscow's fleet": a capital that owns something is its state, no place
            owner = span.root.dep_ == "poss"
            if (
                fallback is None
                and not (origin or target or bound or party or doer or owner)
                and kind in TOWN_KINDS
            ):
                fallback = mention.place_id
        conceded = any(c.dep_ == "mark" for c in verb.children) and verb.dep_ == "advcl"
        if (
            fallback is None
            and verb.dep_ in ("advcl", "conj", "xcomp")
            and verb.head is not verb
            and not conceded
        ):
            # "attacked near Kharkiv, killing two"; not "found in Salisbury, although Moscow denies it"
            return self._location(verb.head, offset, mentions, acted_on)
        return fallback


# Nouns a place's name follows after "of": "the city of El Fasher", "the town of Bakhmut".
TOWNS = frozenset("city town village region province district port capital state island".split())
TOWN_KINDS = ("city", "admin1", "disputed")
# Parts of a town, which is where what happens in them happens: "took to the streets of Tbilisi".
TOWN_PARTS = frozenset("street streets centre center outskirts suburb suburbs square heart".split())


def _an_act(noun: Word) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in ACT_NOUNS or lemma in EVENTS_IN_A_PLACE or is_nominalisation(lemma)


# Nouns of going somewhere: "during a visit to Tunis, Macron criticised..." happened in Tunis.
VISITS = frozenset("visit trip tour stop stopover".split())


def _on_a_visit(noun: Word, verb: Word) -> bool:
    """`noun` is a visit the verb's act was made on: "in a visit to Tunis", "during his trip to Rabat"."""
    return noun.lemma_.lower() in VISITS and noun.dep_ == "pobj" and noun.head.head is verb


def _in_own_clause(word: Word, verb: Word) -> bool:
    """`word` is in `verb`'s subtree, and not inside a clause that describes a noun (relcl, acl), one
    with a subject of its own, or another act joined to it ("signed a pact with Somalia and sent weapons
    to Mogadishu": the pact was not signed in Mogadishu)."""
    while word is not verb:
        if word.head is word:
            return False
        if word.dep_ in ("relcl", "acl", "ccomp", "advcl", "parataxis"):
            return False
        if word.dep_ == "conj" and word.pos_ in ("VERB", "AUX"):
            return False
        word = word.head
    return True


def _igo(actor: Actor | None) -> str | None:
    """CAMEO's code for an international organisation acting with no country of its own."""
    return "IGO" if actor is not None and actor.sector == "IGO" else None


def event_record(event: Event, actors: dict[str, Actor], gazetteer: Gazetteer) -> dict:
    """An event as the `code-events` command writes it: actor names, place name, date and evidence."""
    place = gazetteer.place(event.place_id) if event.place_id else None
    source, target = actors.get(event.source_actor or ""), actors.get(event.target_actor or "")
    return {
        "type": event.type,
        "mode": event.mode or None,
        "source_actor": source.name if source else None,
        "target_actor": target.name if target else None,
        "source_country": event.source_country or _igo(source),
        "target_country": event.target_country or _igo(target),
        "location": place.name if place else None,
        **dated_fields(event.date, event.date_precision),
        "confidence": event.confidence,
        "coder": event.coder or None,
        "evidence": {"start": event.evidence_start, "end": event.evidence_end},
    }
