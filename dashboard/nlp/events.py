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

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from enum import IntEnum
from functools import lru_cache
from itertools import islice

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from dashboard.geo import Gazetteer, load_gazetteer
from dashboard.model import Actor, Article, Event, Mention, Place, content_id
from dashboard.nlp.actors import INSTITUTION_WORDS, ROLE_WORDS
from dashboard.nlp.coreference import Discourse
from dashboard.nlp.dateline import find_dateline
from dashboard.nlp.dates import find_dates
from dashboard.nlp.modality import Status, assess, demanded_of
from dashboard.nlp.parse import parse
from dashboard.nlp.participants import (
    ACT_GROUPS,
    RESPONSIBILITY,
    STATEMENTS,
    SentenceActors,
    Side,
    subject_of,
)
from dashboard.nlp.relevance import allowed_types, is_political, is_relevant, story_topic
from dashboard.nlp.sentences import sentence_spans, unwrapped_text
from dashboard.nlp.tree import Sentence, Word
from dashboard.nlp.triggers import is_political_trigger
from dashboard.nlp.verbs import VerbLexicon, VerbRule, is_nominalisation, nominal_bases, plurals, verb_lexicon
from dashboard.periods import dated_fields
from dashboard.plover import COOPERATION, MATERIAL, types_of
from dashboard.selection import DEFAULT_EVENT_CONFIDENCE

# Where an act happens ("in Rabat", "at the summit"): its place, not a party.
LOCATIVE_PREPOSITIONS = ("in", "at", "near", "outside", "inside")
OTHER_CLAUSES = frozenset("advcl ccomp conj cc parataxis mark punct relcl".split())
# Statements ("X said ...") are not PLOVER events: the clause they report is.
SPEECH_VERBS = frozenset(
    "say tell add state note report claim insist stress explain write quote comment remark reiterate".split()
)
# Agreeing, promising or offering *to do* something is PLOVER's AGREE, whatever the thing is; refusing or
# declining to do it is REJECT.
COMMITMENT_VERBS = frozenset("agree promise pledge vow commit offer undertake volunteer".split())
REFUSAL_VERBS = frozenset("refuse decline".split())
# Of the commitment verbs, those a threat is also made with: "vowed to retaliate" (but "agreed to set up an
# evacuation centre" is no threat, whatever the lexicon makes of "set up ... evacuation").
VOWS = frozenset("vow pledge promise".split())
# Of the commitment verbs, those that say a decision taken together: "agreed to impose sanctions".
DECIDING_TOGETHER = frozenset("agree commit".split())
# Deciding to do something is coded as the thing done: "voted to lift the sanctions" lifts them.
DECISION_VERBS = frozenset("decide vote choose opt resolve".split())
# Ordering an act is coded as the act: "ordered the arrest of" is an arrest (COERCE).
ORDER_VERBS = frozenset("order authorize authorise approve decree".split())
# Announcing an act a verb's noun names is the act: "announced the expulsion of two diplomats" expels
# them, "announced a suspension of aid" suspends it (but "announced aid" is only a pledge of it).
ANNOUNCING_VERBS = frozenset(("announce",))
# "Thousands demonstrated in Minsk" is a protest; "the funding demonstrates the US commitment", "this
# demonstrates that..." shows something: with an object or a clause, no event.
SHOWING_VERBS = frozenset(("demonstrate",))
# Verbs that tell a protest for certain (the lexicon's PROTEST also has "show" and "tell" senses).
PROTEST_VERBS = frozenset(
    "protest demonstrate rally march picket riot strike boycott gather assemble".split()
)
GATHERING_VERBS = frozenset("gather assemble rally march converge mass amass".split())
PROTESTERS = frozenset("protester demonstrator activist marcher crowd".split())
# Sending forces somewhere is mobilising them (PLOVER MOBILIZE), whoever the forces are.
DEPLOYING_VERBS = frozenset("deploy dispatch send station mass mobilise mobilize".split())
SECURITY_FORCES = frozenset(
    "troop troops soldier soldiers force forces police officer officers personnel peacekeeper peacekeepers"
    " marine marines warship warships jet jets ship ships unit units battalion battalions".split()
)
# Claiming an act: "claimed responsibility for the bombing", "took responsibility for the attack".
CLAIMING_VERBS = frozenset("claim admit accept take".split())
# Verbs whose act is their object's: "carried out airstrikes", "conducted raids", "staged a protest".
LIGHT_VERBS = frozenset(
    "carry conduct launch stage mount wage begin start resume continue intensify announce order"
    " speed accelerate hasten complete finish".split()
)
# Light verbs that only say how far an act has gone: "speeded up the withdrawal of its troops" withdraws
# them, whatever the verb's own patterns make of the troops.
ASPECT_VERBS = frozenset("speed accelerate hasten complete finish begin start resume continue".split())
# Intentions ("will send aid", "ready to help", "plans to attack", see `dashboard.nlp.modality`): PLOVER
# codes a cooperative intention as AGREE and a hostile one as THREATEN. AGREE is itself the promise; a
# mobilisation to come ("will deploy troops") is no event yet, like a verbal act to come ("will protest").
COOPERATIVE = frozenset(types_of(COOPERATION)) - {"AGREE"}
HOSTILE = frozenset(types_of(MATERIAL)) - {"MOBILIZE"}
# Not agreeing to or endorsing something is rejecting it (PLOVER REJECT: refuse, decline, not accept).
REFUSED_WHEN_NEGATED = frozenset("AGREE SUPPORT".split())
# Saying one will not do a cooperative or yielding act ("will not lift the ban", "won't meet them") is a
# refusal: CAMEO's 12 (reject) has a code for refusing each of them (1241-1246 refuse to ease sanctions,
# release prisoners, de-escalate; 125 reject a proposal to meet). A hostile act one will not do ("will not
# attack") is no event, as CAMEO has no refusal for it.
REFUSED_WHEN_DECLINED = COOPERATIVE | {"AGREE"}
MODAL_AUXILIARIES = frozenset("will shall 'll would can could 'd wo ca".split())


class Evidence(IntEnum):
    """What made a verb an event of its type, weakest first."""

    GUESS = 0  # the type most of the verb's rules give, none of whose patterns held
    VERB = 1  # the verb's own code, with no pattern needed ("attacked", "carried out raids")
    PATTERN = 2  # a dictionary pattern after the verb ("signed ... agreement", "imposed ... sanctions")


# A verb's own code counts as evidence when at least this share of its rules agree with it.
SURE_SHARE = 0.5
ASKING_VERBS = frozenset("ask wonder question inquire".split())
WH_WORDS = frozenset("why what who whom whose which when where how whether if".split())


def _asks_a_question(clause: Word) -> bool:
    return clause.left_edge.lower_ in WH_WORDS or any(c.lower_ in WH_WORDS for c in clause.lefts)


def _base_forms(form: str) -> list[str]:
    """Regular base forms an inflected verb may have, likeliest first: "staged" → stage, stag."""
    for ending, replacements in (
        ("ied", ("y",)),
        ("ed", ("e", "", "-")),
        ("ing", ("e", "", "-")),
        ("ies", ("y",)),
        ("es", ("e", "")),
        ("s", ("",)),
    ):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            stem = form[: -len(ending)]
            return [stem[:-1] if r == "-" else stem + r for r in replacements]
    return []


# Clauses inside a phrase: a pattern of the verb never reads into them ("condemned the protest of farmers
# who stormed a court building" condemns; "court" there is no "condemn ... court": a sentence).
EMBEDDED_CLAUSES = frozenset("relcl advcl ccomp parataxis".split())


def _phrase(word: Word) -> list[Word]:
    """A phrase's words, its embedded clauses and circumstances left out (in no particular order)."""
    words, stack = [], [word]
    while stack:
        token = stack.pop()
        words.append(token)
        stack.extend(c for c in token.children if c.dep_ not in EMBEDDED_CLAUSES and not _circumstance(c))
    return words


def _names_an_actor(word: Word) -> bool:
    """A capitalised word that says who or what kind of act: "received the UAE Ambassador", "the Defence
    Ministry", "launched Operation Protective Edge"."""
    words = (word.lower_, word.lemma_.lower())
    return any(w in ROLE_WORDS or w in INSTITUTION_WORDS or w == "operation" for w in words)


# Small words a title may keep in lower case: "the Prevention of Terrorism Act".
TITLE_JOINERS = frozenset("of the and for to on against in".split())


def _in_a_title(word: Word) -> bool:
    """A word of a multi-word name written in capitals mid-sentence ("the Violence Against Women Act", "the
    Plan of Action to End Violence"): it names, it tells no act ("support ... violence against" is a
    threat only in lower case)."""
    doc = word.doc

    def capital(i: int) -> bool:  # capitalised, and not for opening a sentence, a quote or a dateline
        return 0 <= i < len(doc) and doc[i].text[:1].isupper() and i > 0 and doc[i - 1].pos_ != "PUNCT"

    if not capital(word.i) or _names_an_actor(word):
        return False

    def joined(step: int) -> bool:  # a capitalised word next to it, maybe across small words
        i = word.i + step
        while 0 <= i < len(doc) and doc[i].lower_ in TITLE_JOINERS and not doc[i].text[:1].isupper():
            i += step
        return capital(i)

    return joined(-1) or joined(1)


# Prepositions of a time or circumstance around an act: "released the journalist after four years in
# detention on accusations of publishing false news" releases him; it publishes no news.
CIRCUMSTANCES = frozenset("after before during since until following amid despite".split())


def _circumstance(word: Word) -> bool:
    return word.dep_ == "prep" and word.lower_ in CIRCUMSTANCES


def _index(word: Word) -> int:
    return word.i


def _depth(word: Word) -> int:
    return len(word.ancestors)


def _match(verb: Word, lexicon: VerbLexicon) -> tuple[VerbRule | None, Evidence]:
    """The most specific rule whose pattern words follow the verb, in order, within its phrase, and
    what decided it: a pattern, the verb's own code, or only a guess from its rules.

    PETRARCH patterns are read left to right after the verb ("accuse ... of genocide"); a passive's
    subject counts as following it ("the agreement was signed" reads as "signed the agreement"); a
    pattern word may be a stem ("violat"), so it matches any word it begins. A verb whose patterns all
    fail takes the type most of its rules give ("deploy" is MOBILIZE), as a weaker guess.
    """
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    # The verb's own phrase: its objects and complements, not a clause of its own ("if talks fail").
    own = [c for c in verb.rights if c.dep_ not in OTHER_CLAUSES and not _circumstance(c)]
    following = sorted((t for c in passive for t in _phrase(c)), key=_index)
    following += sorted((t for c in own for t in _phrase(c)), key=_index)
    # Per word after the verb, every prefix of its form and of its lemma: a pattern word holds there if
    # it is one of them.
    after = [
        frozenset() if _in_a_title(t) else _word_prefixes(t.lower_, t.lemma_)
        for token in following
        for t in _antecedent(token)
    ]
    lemma = verb.lemma_.lower()
    deps = {c.dep_ for c in verb.children}
    if lemma in SHOWING_VERBS and deps & {"dobj", "ccomp"}:
        return None, Evidence.GUESS
    if lemma in ASKING_VERBS and any(c.dep_ == "ccomp" and _asks_a_question(c) for c in verb.children):
        return None, Evidence.GUESS  # "asked why the women stayed quiet": a question, not a request
    if lemma in DECISION_VERBS and "xcomp" in deps:
        return None, Evidence.GUESS  # "decided to ease restrictions": the act decided on is the event
    rules = lexicon.get(lemma)
    # "agreed to send observers", and "is committed to opening up the economy" (passive or adjectival)
    committed = ("auxpass" in deps or verb.dep_ == "acomp") and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in verb.children
    )
    if "xcomp" in deps or committed:
        if lemma in VOWS and (threat := _vowed_harm(verb, lexicon)):
            return threat, Evidence.PATTERN
        if lemma in DECIDING_TOGETHER and (decided := _agreed_harm(verb, lexicon)):
            return decided, Evidence.PATTERN
        wanted = "AGREE" if lemma in COMMITMENT_VERBS else "REJECT" if lemma in REFUSAL_VERBS else None
        chosen = [rule for rule in rules if rule.plover == wanted]
        if chosen:
            return chosen[-1], Evidence.PATTERN
    if lemma in GATHERING_VERBS and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in PROTESTERS for c in verb.children
    ):
        # "Protesters gathered outside the embassy": protesters who gather or march protest
        protesting = [rule for rule in lexicon.get("protest") if not rule.pattern]
        if protesting:
            return protesting[0], Evidence.VERB
    if lemma in DEPLOYING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in SECURITY_FORCES for c in verb.children
    ):
        # "deployed police officers to Haiti": a deployment (MOBILIZE), whatever the dictionary codes
        # "deploy police" as at home (repression); what the forces then do is its own event
        mobilising = [rule for rule in rules if rule.plover == "MOBILIZE"]
        if mobilising:
            return mobilising[-1], Evidence.PATTERN
    if lemma in CLAIMING_VERBS and (claimed := _claimed_act(verb, lexicon)):
        return claimed, Evidence.PATTERN
    if lemma in ORDER_VERBS or lemma in ANNOUNCING_VERBS:
        for child in verb.children:
            noun = child.lemma_.lower()
            if child.dep_ != "dobj" or (lemma in ANNOUNCING_VERBS and not is_nominalisation(noun)):
                continue
            if ordered := _noun_act(child, lexicon):
                return ordered, Evidence.PATTERN
    if lemma in ISSUING_VERBS and any(c.dep_ == "dobj" and _states_an_act(c) for c in verb.children):
        return None, Evidence.GUESS  # "issued a statement condemning the raids": the condemning is the act
    if lemma in WARNING_VERBS and _forecast(verb):
        return None, Evidence.GUESS  # "warned that millions face famine": a forecast, not a threat
    if lemma in LIGHT_VERBS and (counted := _counted_act(verb, lexicon)):
        return counted, Evidence.PATTERN  # "launched a campaign of denunciations": denounces
    if lemma in ASPECT_VERBS:
        for child in verb.children:
            if child.dep_ == "dobj" and is_nominalisation(child.lemma_.lower()):
                if act := _noun_act(child, lexicon):
                    return act, Evidence.PATTERN
    if any(c.dep_ == "dobj" and _a_strike_in_protest(c) for c in verb.children):
        striking = [rule for rule in lexicon.get("go") if rule.pattern == ("on", "strike")]
        if striking:  # "began a hunger strike", "called a general strike": whatever the verb, a protest
            return striking[0], Evidence.PATTERN
    best, bare = _patterns(verb, lemma, after, lexicon)
    if best is not None:
        return best, Evidence.PATTERN
    if bare is not None:
        carried = _carried_act(verb, lemma, lexicon)
        if carried or (usual := lexicon.usual(lemma)):
            return carried or usual, Evidence.VERB
        # A verb whose own code most of its patterns disagree with ("take", "make") is a guess.
        sure = lexicon.share(lemma, bare.plover) >= SURE_SHARE
        return bare, Evidence.VERB if sure else Evidence.GUESS
    if not rules or lemma in SPEECH_VERBS:
        return None, Evidence.GUESS
    refusals = [rule for rule in rules if rule.plover == "REJECT"] if lemma in REFUSAL_VERBS else []
    if refusals:  # "refused the offer": no pattern says otherwise
        return refusals[-1], Evidence.VERB
    carried = _carried_act(verb, lemma, lexicon)
    if carried:
        return carried, Evidence.VERB
    if lemma in LIGHT_VERBS and "dobj" in deps:
        return None, Evidence.GUESS  # "began a ceasefire": what is begun is no act the lexicon knows
    if "ccomp" in deps and "dobj" not in deps:
        return (
            None,
            Evidence.GUESS,
        )  # "announced that he is resigning": with no pattern of its own, a statement
    return lexicon.majority(lemma), Evidence.GUESS


def _patterns(
    head: Word, lemma: str, after: list[frozenset[str]], lexicon: VerbLexicon
) -> tuple[VerbRule | None, VerbRule | None]:
    """Of `lemma`'s rules, the most specific pattern whose words follow `head` in order (`after`: the
    pattern words that hold at each word after it), or else the bare rule, if every longer one failed."""
    prefixes = set().union(*after)  # a pattern with a word not among these cannot hold
    best: tuple[int, VerbRule] | None = None  # of the longest patterns that hold, the one ending first
    for rule in lexicon.candidates(lemma, prefixes):
        if best is not None and len(rule.pattern) < len(best[1].pattern):
            break
        if not rule.words <= prefixes:
            continue
        if rule.pattern and (rule.pattern[0] == "and" or all(word in STOP_WORDS for word in rule.pattern)):
            # "meet with", "meet at": a pattern of small words must follow the verb directly, and so must
            # the "and" of a verb phrase such as ARREST_AND ("arrested and charged"), whose patterns would
            # otherwise find any later "and" ("arrested X and two intelligence chiefs").
            following = head.doc[head.i + 1].lower_ if head.i + 1 < len(head.doc) else ""
            if following != rule.pattern[0]:
                continue
        position = 0
        for word in rule.pattern:
            while position < len(after) and word not in after[position]:
                position += 1
            if position == len(after):
                break
            position += 1
        else:
            if not rule.pattern:
                return None, rule
            if best is None or position < best[0]:  # "pledged support for the efforts": support
                best = (position, rule)
    return (best[1] if best else None), None


def _noun_act(noun: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """The act a verb's noun names, read with the words after it as its verb's would be: "a suspension
    of military aid" as "suspend military aid" (SANCTION), else as the verb alone."""
    following = sorted((t for c in noun.rights for t in _phrase(c)), key=_index)
    after = [_word_prefixes(t.lower_, t.lemma_) for t in following]
    for base in nominal_bases(noun.lemma_.lower()):
        best, _ = _patterns(noun, base, after, lexicon)
        if best is not None:
            return best
    return _named_act(noun.lemma_.lower(), lexicon)


@lru_cache(maxsize=100_000)
def _word_prefixes(form: str, lemma: str) -> frozenset[str]:
    """The pattern words that hold at a word: every prefix of its form and lemma (PETRARCH2's stems),
    and its lemma's `plurals`."""
    lemma = lemma.lower()
    plural = plurals(lemma) if form.isalpha() else ()
    return frozenset((*(word[:n] for word in (form, lemma) for n in range(1, len(word) + 1)), *plural))


def _vowed_harm(verb: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """ "Vowed to retaliate", "promised to crush the rebels": a vow of a hostile act is a threat (THREATEN,
    its mode the act), as PLOVER codes a hostile intention; a vow of a cooperative one stays AGREE."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            act, evidence = _match(child, lexicon)
            # only an act the lexicon names (a pattern or a verb's own code), not a vote or usual sense
            named = act is not None and (evidence is Evidence.PATTERN or not act.pattern)
            if named and act.plover in HOSTILE | {"THREATEN"}:
                mode = act.mode if act.plover == "THREATEN" else act.plover.lower()
                return replace(act, plover="THREATEN", mode=mode)
    return None


def _agreed_harm(verb: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """ "EU ministers agreed to broaden sanctions against Belarus": a hostile act agreed on is decided, the
    act itself (as "voted to impose sanctions" is), not an agreement with the one it is against."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            act, evidence = _match(child, lexicon)
            # a political act by its words ("impose sanctions"), not "set up an evacuation centre"
            if act is not None and act.plover in HOSTILE and _triggered(child, act, evidence):
                return act
    return None


def _claimed_act(verb: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """ "Al-Shabaab claimed responsibility for the attack": the hostile act claimed, done by the claimant
    (as ACLED and CAMEO code a claimed attack), not an accusation."""
    for owned in verb.children:
        if owned.dep_ != "dobj" or owned.lemma_.lower() not in RESPONSIBILITY:
            continue
        for preposition in owned.children:
            if preposition.dep_ != "prep" or preposition.lower_ != "for":
                continue
            for act in preposition.children:
                rule = _named_act(act.lemma_.lower(), lexicon) if act.dep_ in ("pobj", "pcomp") else None
                if rule is not None and rule.plover in HOSTILE:
                    return rule
    return None


# Verbs that only put out a statement, whose content is the act ("signed a declaration" is an act).
ISSUING_VERBS = frozenset("issue release publish send adopt pass circulate".split())


# A warning is a threat when what it warns of is someone's act: "warned that it would retaliate".
WARNING_VERBS = frozenset("warn caution".split())


def _forecast(verb: Word) -> bool:
    """A warning whose clause is about no actor: "there would be delays", "prices will rise"."""
    for clause in verb.children:
        if clause.dep_ == "dobj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            subjects = [clause]  # "warned that millions face...", misparsed: the "object" is its subject
        elif clause.dep_ == "ccomp":
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        else:
            continue
        if not subjects:
            return True
        subject = subjects[0]
        lemma = subject.lemma_.lower()
        actor = subject.pos_ == "PROPN" or lemma in ROLE_WORDS or subject.lower_ in ROLE_WORDS
        return subject.dep_ == "expl" or not (actor or (subject.pos_ == "PRON" and lemma != "there"))
    return False


def _counted_act(verb: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """The act a light verb's object groups: "carried out a series of arrests" arrests."""
    for group in verb.children:
        if group.dep_ != "dobj" or group.lemma_.lower() not in ACT_GROUPS:
            continue
        for preposition in group.children:
            if preposition.dep_ == "prep" and preposition.lower_ == "of":
                for act in preposition.children:
                    if act.dep_ == "pobj" and (rule := _noun_act(act, lexicon)) is not None:
                        return rule
    return None


def _states_an_act(noun: Word) -> bool:
    """A statement, resolution or letter a verb after it tells the content of ("a statement condemning")."""
    return noun.lemma_.lower() in STATEMENTS and any(
        c.dep_ == "acl" and c.pos_ == "VERB" for c in noun.children
    )


def _carried_act(verb: Word, lemma: str, lexicon: VerbLexicon) -> VerbRule | None:
    """If `verb` is a light verb, the act its object names ("carried out raids")."""
    if lemma not in LIGHT_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and (act := _named_act(child.lemma_.lower(), lexicon)):
            return act
    return None


# A strike its modifiers say is a protest, not an attack: "began a hunger strike", "called a general
# strike", "staged a one-day strike".
PROTEST_STRIKES = frozenset(
    "hunger general labour labor wildcat nationwide national one-day indefinite".split()
)


def _a_strike_in_protest(noun: Word) -> bool:
    return noun.lemma_.lower() == "strike" and any(
        c.dep_ in ("compound", "amod", "nmod") and c.lower_ in PROTEST_STRIKES for c in noun.children
    )


COMPOUND_MODIFIERS = ("air", "counter", "cyber", "drone", "rocket", "missile", "gun", "car", "re")


def _named_act(noun: str, lexicon: VerbLexicon) -> VerbRule | None:
    """The act a noun names, as that word's own verb would code it with no pattern: "raids" as "raid", an
    "investigation" as "investigate", "airstrikes" as "strike" (the longest lexicon verb it ends with)."""
    bases = nominal_bases(noun)
    # A compound's act is its last part only after a hyphen or a modifier: "cyber-attack", "airstrike",
    # "counteroffensive"; a "ceasefire" is no fire.
    tails = [noun.rpartition("-")[2]] if "-" in noun else []
    tails += [
        noun[len(head) :]
        for head in COMPOUND_MODIFIERS
        if noun.startswith(head) and len(noun) > len(head) + 3
    ]
    for word in (noun, *bases, *tails):
        bare = [rule for rule in lexicon.get(word) if not rule.pattern]
        if bare:
            return lexicon.usual(word) or bare[0]
    return None


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


def _as_intention(verb: Word, rule: VerbRule) -> VerbRule | None:
    """An act to come or intended is a promise (AGREE) if cooperative, a threat (THREATEN) if hostile, as
    PLOVER codes stated intentions; any other act to come ("will protest", "plans to investigate") is
    not an event yet, nor is one a clause only describes ("a strategy that will support growth") or one
    said of whoever suffers it ("the road will be hit by a closure")."""
    if verb.dep_ in ("relcl", "acl") or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if rule.plover in COOPERATIVE:
        return replace(rule, plover="AGREE", mode=rule.plover.lower())
    if rule.plover in HOSTILE:
        return replace(rule, plover="THREATEN", mode=rule.plover.lower())
    if rule.plover in ("AGREE", "THREATEN", "REJECT"):
        return rule  # "will agree", "will threaten": already a statement of what is to come
    return None


def _antecedent(token: Word) -> list[Word]:
    """An object pronoun stands for the nearest common noun phrase before it: "diplomatic relations ...
    severed them" reads as "severed diplomatic relations"."""
    if (token.lower_ == "them" or token.lower_ == "it") and token.dep_ in ("dobj", "pobj"):
        for earlier in reversed(token.doc[: token.i]):
            if earlier.pos_ == "NOUN" and (earlier.tag_ == "NNS") == (token.lower_ == "them"):
                modifiers = [c for c in earlier.lefts if c.dep_ in ("amod", "compound")]
                return [*modifiers, earlier]
    return [token]


def _named_body(source: Side, evidence: Evidence, trigger: bool, head: Word | None = None) -> bool:
    """A body the actor lists do not know, named as the doer of a political act ("Hezb-e-Islami
    threatened to shell...", "the NCB ordered..."): an organisation or group doing what a dictionary
    pattern names, or what a political trigger names. Its sector must not say otherwise; a person no
    list or title makes political is never enough ("Hogg rejected...", "Ingraham apologized")."""
    actor = source.actor
    if actor is None or actor.sector or actor.kind == "person" or not _body_like(actor.name, head):
        return False
    return trigger or (evidence is Evidence.PATTERN and actor.kind in ("organisation", "group"))


def _body_like(name: str, head: Word | None) -> bool:
    """A name as bodies are named: an acronym ("the NCB"), several capitalised words ("Tehreek-e-Labbaik
    Pakistan"), a hyphenated one ("Hezb-e-Islami"), one after "the" ("the Union"), or a group a common
    noun heads ("Ibo traditional elders"). One plain capitalised word alone ("Dropbox", "Yulia", "chef
    Jae") is more often a person or a firm."""
    capitalised = [word for word in name.split() if word[:1].isupper()]
    acronym_or_hyphenated = any((word.isupper() and len(word) > 1) or "-" in word for word in capitalised)
    if len(capitalised) >= 2 or acronym_or_hyphenated:
        return True
    if head is None:
        return False
    return head.text[:1].islower() or any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


# How a date expression may hang from the verb whose time it gives: "on Wednesday", "in 2000", "last
# week", "Nov. 24"; never through the verb's subject or object ("the 2018 World Cup was awarded").
DATE_LINKS = frozenset(
    "pobj prep npadvmod advmod tmod nummod compound amod quantmod appos nmod pcomp".split()
)
# Subordinate clauses that date their main clause: "severed them after an uprising erupted in 2000".
TEMPORAL_MARKS = frozenset("after when as while following since until once".split())


def _dates_verb(verb: Word, found) -> bool:
    """Whether the date expression `found` (offsets in the sentence) dates `verb`'s act."""
    phrase = verb.doc.char_span(found.start, found.end)
    if phrase is None:
        return False
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
        word = head
    return True


# Clauses that describe rather than tell: "the attack that killed...", "troops deployed there",
# "after attacking", "the town devastated by...": their acts are background more often than news.
DESCRIBING_CLAUSES = frozenset("relcl acl advcl pcomp amod npadvmod".split())
# Confidence bands, set against events read and judged on real news (benchmarks/realnews-judged.csv):
# a political trigger in a main clause with a named political actor is right far more often than not;
# everything else is kept, below the map's default cut-off (DEFAULT_EVENT_CONFIDENCE), for who asks.
STRONG, TRIGGERED = 0.8, 0.5
WEAK_BY_EVIDENCE = {Evidence.PATTERN: 0.4, Evidence.VERB: 0.3, Evidence.GUESS: 0.15}


def _across_borders(source: Side, target: Side) -> bool:
    countries = {side.actor.country for side in (source, target) if side.actor is not None}
    return len(countries - {None}) == 2


def _stance(verb: Word) -> bool:
    """A simple present with no auxiliary tells a position or a habit, not an act at a time: "Algeria
    opposes any foreign military presence", "Tunis backs the plan"."""
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _confidence(
    verb: Word, rule: VerbRule, evidence: Evidence, source: Side, target: Side, located: bool
) -> float:
    """How likely the event is right: high only for a political trigger (`dashboard.nlp.triggers`) told
    in a main clause between two named political actors, or a protest by someone somewhere; a
    dictionary pattern adds a little; anything else scores by what made it an event at all."""
    protesting = rule.plover == "PROTEST" and verb.lemma_.lower() in PROTEST_VERBS
    if not (_triggered(verb, rule, evidence) or protesting):
        return WEAK_BY_EVIDENCE[evidence]
    # Two named political sides, as PETRARCH2 requires of every event (its require_dyad), or people
    # protesting somewhere: one named side alone is too often the wrong one.
    dyad = all(side.phrase is not None and is_political(side.actor) for side in (source, target))
    protest = protesting and (source.phrase is not None or (located and source.sector == "OPP"))
    describing = verb.dep_ in DESCRIBING_CLAUSES and not (_own_subject(verb) or _states_an_act(verb.head))
    if describing or not (dyad or protest) or _stance(verb):
        return TRIGGERED
    confidence = STRONG + 0.05 * (evidence is Evidence.PATTERN) - 0.1 * (evidence is Evidence.GUESS)
    return round(confidence, 2)


def _triggered(verb: Word, rule: VerbRule, evidence: Evidence) -> bool:
    """Whether the verb, or the dictionary pattern that matched after it, tells a political act; for an
    act its object names ("announced the expulsion of"), the act's own verb does."""
    pattern, lemma = rule.pattern if evidence is Evidence.PATTERN else (), verb.lemma_.lower()
    carrying = lemma in ORDER_VERBS or lemma in ANNOUNCING_VERBS or lemma in LIGHT_VERBS
    return is_political_trigger(lemma, pattern) or (carrying and is_political_trigger(rule.lemma, pattern))


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
        for (start, end), doc in zip(spans, islice(docs, len(spans)), strict=True):
            in_sentence = [m for m in mentions if start <= m.start and m.end <= end]
            with Sentence(
                doc, unwrapped_text(article.text, start, end)
            ) as sentence:  # what the doc was made from
                found = SentenceActors(
                    sentence, start, article.id, in_sentence, self._place, known, discourse
                )
                coded = list(self._sentence_events(article, sentence, start, end, in_sentence, found))
                # The main event (rank 0) is the one nearest the root, unless a later one is one the map
                # shows and it is not: "Israel and Morocco enjoyed relations, but Morocco severed them" is
                # the severing.
                coded.sort(key=lambda item: item[0].confidence < DEFAULT_EVENT_CONFIDENCE)
                for rank, (event, sides) in enumerate(coded):
                    events.append(replace(event, rank=rank))
                    actors.update((actor.id, actor) for actor in sides)
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
        verbs.sort(key=lambda w: (_depth(w), w.i))
        return verbs

    def _lexicon_lemma(self, lemma: str, form: str) -> str | None:
        if lemma in self.lexicon:
            return lemma
        return next((base for base in _base_forms(form) if base in self.lexicon), None)

    def _sentence_events(self, article, sentence: Sentence, start: int, end: int, mentions, found):
        allowed = allowed_types(sentence.text)  # sport, weather, markets...: no events, or only relief
        if allowed is not None and not allowed:
            return
        dates = None  # found once the sentence has an event: most have none
        for verb in self._event_verbs(sentence):
            status = assess(verb)
            if status is Status.UNREAL:
                continue  # denied, refused, failed, possible, conditional, asked about, a purpose
            rule, evidence = _match(verb, self.lexicon)
            addressee = demanded_of(verb) if status is Status.DEMANDED else None
            if rule is not None and addressee is not None:
                rule = self._demand(rule)
            elif rule is not None and status is Status.NEGATED:
                rule = _as_refusal(verb, rule)
            elif rule is not None and status in (Status.FUTURE, Status.INTENDED):
                rule = _as_intention(verb, rule)
            if rule is None or (allowed is not None and rule.plover not in allowed):
                continue
            if addressee is not None:
                source_side, target_side = found.demand_sides(verb, addressee)
            else:
                source_side, target_side = found.sides(verb, rule)
            if not (
                is_relevant(source_side.sector, target_side.sector, _across_borders(source_side, target_side))
                or _named_body(source_side, evidence, _triggered(verb, rule, evidence), subject_of(verb))
                or rule.plover == "PROTEST"  # whoever demonstrates is political, as ACLED codes it
            ):
                continue  # no state, official, armed group or protester on either side: not PLOVER's
            source, target = source_side.actor, target_side.actor
            if dates is None:
                dates = find_dates(sentence.text, article.published)
            when, precision = self._date(verb, dates, article.published)
            place_id = self._location(verb, start, mentions)
            if source is None and target is None and place_id is None:
                continue  # nobody the article names, and nowhere: nothing a map can show
            confidence = _confidence(verb, rule, evidence, source_side, target_side, place_id is not None)
            yield (
                Event(
                    id=content_id(article.id, str(start), str(verb.idx)),
                    article_id=article.id,
                    type=rule.plover,
                    source_actor=source.id if source else None,
                    target_actor=target.id if target else None,
                    evidence_start=start,
                    evidence_end=end,
                    mode=rule.mode,
                    source_country=source.country if source else None,
                    target_country=self._target_country(source, target_side, place_id),
                    place_id=place_id,
                    date=when,
                    date_precision=precision,
                    confidence=confidence,
                    coder=self.name,
                ),
                [actor for actor in (source, target) if actor is not None],
            )

    def _demand(self, act: VerbRule) -> VerbRule | None:
        """A demand that another do `act`: the lexicon's bare "demand" (REQUEST), its mode the act's."""
        demand = next((rule for rule in self.lexicon.get("demand") if not rule.pattern), None)
        return replace(demand, mode=act.plover.lower()) if demand is not None else None

    def _target_country(self, source: Actor | None, target: Side, place_id: str | None) -> str | None:
        """The target's country; for a target the sentence names but not its country ("villages",
        "dozens of demonstrators"), the country the act happens in, else the source's own (news tells
        of a state acting at home unless it says where)."""
        if target.actor is not None and target.actor.country:
            return target.actor.country
        if target.phrase is None and not target.sector:
            return None  # no target at all: "Russia protested"
        if place_id is not None and (country := self._country_of(place_id)):
            return country
        return source.country if source is not None else None

    @staticmethod
    def _date(verb: Word, dates, published: date | None) -> tuple[date | None, str]:
        """The date the sentence gives the verb's own act ("signed on Wednesday", "severed them after an
        uprising erupted in 2000"), nearest first; else the article's date (precision "article"), but for
        an act the sentence places before its time ("had severed"), which then has none."""
        attached = [d for d in dates if _dates_verb(verb, d)] if dates else []
        if attached:
            nearest = min(attached, key=lambda d: abs(d.start - verb.idx))
            return nearest.value, nearest.precision
        earlier = any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)
        return (None, "") if earlier or published is None else (published, "article")

    def _location(self, verb: Word, offset: int, mentions: list[Mention]) -> str | None:
        """Where the act happened: a place after "in/at" that hangs from the verb (or its object: "signed a
        pact in Rabat"), else a city, state or territory in the verb's own clause ("recognised sovereignty
        over Western Sahara"), never one inside a clause that describes something else ("Biden, who is due
        to visit Ottawa", "companies linked to the war in Ukraine"). Countries named as actors ("Morocco
        signed") are not where things happened."""
        places = [m for m in mentions if m.role == "literal"]
        if not places:
            return None
        fallback = None
        for mention in places:
            span = verb.doc.char_span(mention.start - offset, mention.end - offset)
            if span is None or not _in_own_clause(span.root, verb):
                continue
            preposition = span.root.head
            if preposition.dep_ == "prep" and preposition.lower_ in LOCATIVE_PREPOSITIONS:
                holder = preposition.head
                if holder is verb or (holder.head is verb and holder.dep_ in ("dobj", "attr", "npadvmod")):
                    return mention.place_id
            place = self.gazetteer.place(mention.place_id)
            origin = preposition.dep_ == "prep" and preposition.lower_ in (
                "from",
                "of",
            )  # "militias from Misrata"
            if fallback is None and not origin and place and place.kind in ("city", "admin1", "disputed"):
                fallback = mention.place_id
        if fallback is None and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb:
            return self._location(verb.head, offset, mentions)  # "attacked near Kharkiv, killing two"
        return fallback


def _in_own_clause(word: Word, verb: Word) -> bool:
    """`word` is in `verb`'s subtree, and not inside a clause that describes a noun (relcl, acl) or one
    with a subject of its own."""
    while word is not verb:
        if word.head is word:
            return False
        if word.dep_ in ("relcl", "acl", "ccomp", "advcl", "parataxis"):
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
