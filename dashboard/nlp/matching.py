"""Which lexicon rule a verb's words match: the PLOVER type a verb and the words after it tell, and how
sure the match is (`Evidence`), before modality, sides and relevance (`dashboard.nlp.events`).

PETRARCH patterns are read left to right after the verb; light verbs ("carried out raids"), aspect verbs
("speeded up the withdrawal"), orders and announcements of an act a noun names, groups of acts ("a series
of arrests"), claims, vows and agreed hostile acts are read as the act they carry; the words of a
capitalised title are a name, not a pattern's.
"""

from __future__ import annotations

from dataclasses import replace
from enum import IntEnum
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from dashboard.nlp.actors import INSTITUTION_WORDS, ROLE_WORDS
from dashboard.nlp.modality import force_used
from dashboard.nlp.participants import (
    ACT_GROUPS,
    MEASURES,
    MEETINGS,
    RAISING,
    RESPONSIBILITY,
    STATEMENTS,
    imposed_measure,
    subject_of,
)
from dashboard.nlp.tree import Word
from dashboard.nlp.triggers import is_political_trigger
from dashboard.nlp.verbs import VerbLexicon, VerbRule, is_nominalisation, nominal_bases, plurals
from dashboard.plover import COOPERATION, MATERIAL, types_of

OTHER_CLAUSES = frozenset("advcl ccomp conj cc parataxis mark punct relcl".split())
# Statements ("X said ...") are not PLOVER events: the clause they report is.
SPEECH_VERBS = frozenset(
    "say tell add state note report claim insist stress explain write quote comment remark reiterate".split()
)
# Agreeing, promising or offering *to do* something is PLOVER's AGREE, whatever the thing is; refusing or
# declining to do it is REJECT.
COMMITMENT_VERBS = frozenset("agree promise pledge vow commit offer undertake volunteer".split())
REFUSAL_VERBS = frozenset("refuse decline".split())
# Declining to say is news's "no comment", not a refusal of anything: "declined to comment on the report".
TELLING = frozenset(
    "comment say confirm disclose elaborate specify reveal speculate discuss answer respond name identify"
    " give provide release".split()
)
# Of the commitment verbs, those a threat is also made with: "vowed to retaliate" (but "agreed to set up an
# evacuation centre" is no threat, whatever the lexicon makes of "set up ... evacuation").
VOWS = frozenset("vow pledge promise".split())
# Of the commitment verbs, those that say a decision taken together: "agreed to impose sanctions".
DECIDING_TOGETHER = frozenset("agree commit".split())
# Deciding to do something is coded as the thing done: "voted to lift the sanctions" lifts them.
DECISION_VERBS = frozenset("decide vote choose opt resolve".split())
# Trying is no act of its own: "sought to block the aid package" is an attempt at the blocking (which
# `dashboard.nlp.modality` holds unreal), not a request.
ATTEMPT_VERBS = frozenset("seek try attempt strive endeavour endeavor".split())
# Denying having done something rejects no one: "Rwanda denies backing the rebels" is no REJECT of the
# rebels (PLOVER leaves denials of responsibility to each coder; the denied act is unreal, see modality).
DENYING_VERBS = frozenset(("deny",))
# Ordering an act is coded as the act: "ordered the arrest of" is an arrest (COERCE).
ORDER_VERBS = frozenset("order authorize authorise approve decree".split())
# Announcing an act a verb's noun names is the act: "announced the expulsion of two diplomats" expels
# them, "announced a suspension of aid" suspends it (but "announced aid" is only a pledge of it).
ANNOUNCING_VERBS = frozenset(("announce",))
# "Thousands demonstrated in Minsk" is a protest; "the funding demonstrates the US commitment", "this
# demonstrates that..." shows something: with an object or a clause, no event.
SHOWING_VERBS = frozenset(("demonstrate",))
# Fighting a lawsuit, a ruling or a disease is no fight with anyone: "Apple said it would fight the lawsuit".
CONTESTING_VERBS = frozenset("fight battle combat tackle".split())
CONTESTED_THINGS = frozenset(
    "lawsuit suit case charge ruling decision verdict bill law legislation order plan proposal measure"
    " extradition deportation tax tariff policy corruption poverty disease virus fire blaze wildfire"
    " inflation crime climate change cancer result fraud".split()
)
# Verbs that tell a protest for certain (the lexicon's PROTEST also has "show" and "tell" senses).
PROTEST_VERBS = frozenset(
    "protest demonstrate rally march picket riot strike boycott gather assemble".split()
)
GATHERING_VERBS = frozenset("gather assemble rally march converge mass amass".split())
# People in numbers: "thousands", "crowds", "about 2,000 people".
CROWDS = frozenset("thousands hundreds millions tens crowd crowds".split())
CROWD_SIZE = 100
# What a crowd does that is a protest whatever the dictionary says of the verb ("protested against the
# decision" is a government's verbal protest in PETRARCH2, 111): not gathering, which crowds do to mourn
# or to celebrate too.
CROWD_PROTESTS = frozenset("protest demonstrate rally march".split())
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
# Nouns that count what follows "of": "hundreds of strikes", "dozens of raids".
COUNTS = frozenset("hundred hundreds dozen dozens score scores thousand thousands number".split())
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


class Evidence(IntEnum):
    """What made a verb an event of its type, weakest first."""

    GUESS = 0  # the type most of the verb's rules give, none of whose patterns held
    VERB = 1  # the verb's own code, with no pattern needed ("attacked", "carried out raids")
    PATTERN = 2  # a dictionary pattern after the verb ("signed ... agreement", "imposed ... sanctions")


# A verb's own code counts as evidence when at least this share of its rules agree with it.
SURE_SHARE = 0.5
ASKING_VERBS = frozenset("ask wonder question inquire".split())
WH_WORDS = frozenset("why what who whom whose which when where how whether if".split())


def a_crowd(subject: Word | None) -> bool:
    """ "Thousands marched in Buenos Aires", "crowds rallied in Tbilisi", "about 2,000 people marched":
    people in numbers."""
    if subject is None:
        return False
    numbers = [subject, *(c for c in subject.children if c.dep_ == "nummod")]
    return any(word.lower_ in CROWDS or _at_least(word.text, CROWD_SIZE) for word in numbers)


def _at_least(number: str, size: int) -> bool:
    digits = number.replace(",", "")
    return digits.isdigit() and int(digits) >= size


def _asks_a_question(clause: Word) -> bool:
    return clause.left_edge.lower_ in WH_WORDS or any(c.lower_ in WH_WORDS for c in clause.lefts)


def base_forms(form: str) -> list[str]:
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
# custody on charges of spreading rumours" releases him; it spreads no rumours.
# ("according to activists" is who tells it, not part of the act: "attacked the city ..., according to"
# matched "attack accord", criticising an accord)
CIRCUMSTANCES = frozenset("after before during since until following amid despite according".split())


def _circumstance(word: Word) -> bool:
    """A time or circumstance, or a meeting an act was done at: "agreed to end the dispute at talks in
    Ankara" ends no talks."""
    if word.dep_ != "prep":
        return False
    at_a_meeting = word.lower_ in ("at", "during") and any(
        c.dep_ == "pobj" and c.lemma_.lower() in MEETINGS for c in word.children
    )
    return word.lower_ in CIRCUMSTANCES or at_a_meeting


def _index(word: Word) -> int:
    return word.i


def depth(word: Word) -> int:
    return len(word.ancestors)


def match_rule(verb: Word, lexicon: VerbLexicon) -> tuple[VerbRule | None, Evidence]:
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
    if lemma in CONTESTING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in CONTESTED_THINGS for c in verb.children
    ):
        return None, Evidence.GUESS
    if lemma in ASKING_VERBS and any(c.dep_ == "ccomp" and _asks_a_question(c) for c in verb.children):
        return None, Evidence.GUESS  # "asked why the women stayed quiet": a question, not a request
    if lemma in DECISION_VERBS and "xcomp" in deps:
        return None, Evidence.GUESS  # "decided to ease restrictions": the act decided on is the event
    if lemma in ATTEMPT_VERBS and "xcomp" in deps:
        return None, Evidence.GUESS
    if lemma in DENYING_VERBS and deps & {"xcomp", "ccomp"}:
        return None, Evidence.GUESS
    if force_used(verb) and "xcomp" in deps:
        return None, Evidence.GUESS  # "used tear gas to disperse protesters": the dispersal is the act
    if lemma in RAISING and "xcomp" in deps:
        return None, Evidence.GUESS  # "is expected to meet", "is set to visit": the act to come is
    rules = lexicon.get(lemma)
    # "agreed to send observers", and "is committed to opening up the economy" (passive or adjectival)
    committed = ("auxpass" in deps or verb.dep_ == "acomp") and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in verb.children
    )
    if lemma in REFUSAL_VERBS and any(_no_comment(c) for c in verb.children):
        return None, Evidence.GUESS
    if "xcomp" in deps or committed:
        if lemma in VOWS and (threat := _vowed_harm(verb, lexicon)):
            return threat, Evidence.PATTERN
        if lemma in DECIDING_TOGETHER and (decided := _agreed_harm(verb, lexicon)):
            return decided, Evidence.PATTERN
        wanted = "AGREE" if lemma in COMMITMENT_VERBS else "REJECT" if lemma in REFUSAL_VERBS else None
        chosen = [rule for rule in rules if rule.plover == wanted]
        if chosen:
            return chosen[-1], Evidence.PATTERN
    if lemma in DECIDING_TOGETHER and any(
        c.dep_ == "dobj" and c.lemma_.lower() in MEASURES for c in verb.children
    ):
        # "EU ministers agreed new sanctions on Belarus": the measure decided (CAMEO 163), as "agreed to
        # impose" is, not an agreement with the one it is on
        return VerbRule(lemma, ("sanction",), "COERCE", "restrict", "163"), Evidence.PATTERN
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if (lemma in GATHERING_VERBS and subject is not None and subject.lemma_.lower() in PROTESTERS) or (
        lemma in CROWD_PROTESTS and a_crowd(subject_of(verb))
    ):
        # "Protesters gathered outside the embassy", "thousands rallied in Madrid against the law":
        # protesters who gather or march, and crowds that rally or march, protest
        protesting = [rule for rule in lexicon.get("demonstrate") if not rule.pattern]  # 141, demonstrate
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
            # (but "approved Finland's bid to join NATO" grants a request; it asks nothing)
            ordered = _noun_act(child, lexicon)
            if ordered is None or ordered.plover == "REQUEST":
                continue
            # an act only of a political kind: "announced the expulsion", "ordered the arrest"; not
            # "announced compensation for the families" (the dictionary's "compensate" complains) nor
            # "approved a property tax increase"
            if is_political_trigger(ordered.lemma, ordered.pattern):
                return ordered, Evidence.PATTERN
    if lemma == "sign" and any(c.dep_ == "prt" and c.lower_ in ("off", "up") for c in verb.children):
        return None, Evidence.GUESS  # "signing off on a tax increase", "signing up on a website"
    if lemma == "sign" and any(c.dep_ == "dobj" and c.lemma_.lower() in LEGISLATION for c in verb.children):
        return None, Evidence.GUESS  # "signed a bill that bans...": what it orders, if told, is the act
    if lemma in ISSUING_VERBS and any(c.dep_ == "dobj" and states_an_act(c) for c in verb.children):
        return None, Evidence.GUESS  # "issued a statement condemning the raids": the condemning is the act
    if lemma in WARNING_VERBS and _tip_off(verb, lexicon):
        return None, Evidence.GUESS  # "had warned German authorities about the man": telling, no threat
    if lemma in WARNING_VERBS and _warns_of_a_hazard(verb):
        return None, Evidence.GUESS  # "warned of the risk of cholera outbreaks": a forecast, not a threat
    if lemma in WARNING_VERBS and _forecast(verb) and not _warns_of_harm(verb, lexicon):
        return None, Evidence.GUESS  # "warned that millions face famine": a forecast, not a threat
    if lemma in LIGHT_VERBS and (counted := _counted_act(verb, lexicon)):
        return counted, Evidence.PATTERN  # "launched a campaign of denunciations": denounces
    if lemma in ASPECT_VERBS:
        for child in verb.children:
            # (not "resumed relations": relations are no act of relating)
            if (
                child.dep_ == "dobj"
                and is_nominalisation(child.lemma_.lower())
                and child.lemma_ != "relation"
            ):
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


def _no_comment(clause: Word) -> bool:
    """ "declined to comment", "refused to say whether", "declined to give details": words not given."""
    if clause.dep_ != "xcomp" or clause.lemma_.lower() not in TELLING:
        return False
    if clause.lemma_.lower() in ("give", "provide", "release"):  # only details, figures or names
        return any(c.dep_ == "dobj" and c.lemma_.lower() in DETAILS for c in clause.children)
    return True


DETAILS = frozenset("detail details figure figures name names information comment reason reasons".split())


def _noun_act(noun: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """The act a verb's noun names, read with the words after it as its verb's would be: "a suspension
    of military aid" as "suspend military aid" (SANCTION), else as the verb alone."""
    following = sorted((t for c in noun.rights for t in _phrase(c)), key=_index)
    after = [_word_prefixes(t.lower_, t.lemma_) for t in following]
    for base in nominal_bases(noun.lemma_.lower()):
        best, _ = _patterns(noun, base, after, lexicon)
        if best is not None and base in DEPLOYING_VERBS and best.plover != "MOBILIZE":
            # "approved the deployment of police officers to Haiti": a deployment, as for the verb
            best = next((r for r in reversed(lexicon.get(base)) if r.plover == "MOBILIZE"), best)
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


# Verbs that end something, and the hostile practices whose end is a concession, not a threat.
ENDING = frozenset("suspend stop halt end cease abandon renounce".split())
HOSTILITIES = frozenset(
    "kidnapping kidnappings hostilities fighting violence attacks attack strikes airstrikes raids shelling"
    " bombing bombings executions offensive operations".split()
)


def ends_hostilities(verb: Word) -> bool:
    """ "to suspend kidnappings for ransom", "to halt its offensive": ending a hostile practice."""
    return verb.lemma_.lower() in ENDING and any(
        c.dep_ == "dobj" and c.lower_ in HOSTILITIES for c in verb.children
    )


def _vowed_harm(verb: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """ "Vowed to retaliate", "promised to crush the rebels": a vow of a hostile act is a threat (THREATEN,
    its mode the act), as PLOVER codes a hostile intention; a vow of a cooperative one stays AGREE."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            act, evidence = match_rule(child, lexicon)
            # only an act the lexicon names (a pattern or a verb's own code), not a vote or usual sense
            named = act is not None and (evidence is Evidence.PATTERN or not act.pattern)
            if named and act.plover in HOSTILE and ends_hostilities(child):
                # "pledged to suspend kidnappings", "vowed to halt attacks": a promise to de-escalate
                return replace(act, plover="AGREE", mode="yield", cameo="030")
            if named and act.plover in HOSTILE | {"THREATEN"}:
                mode = act.mode if act.plover == "THREATEN" else act.plover.lower()
                return replace(act, plover="THREATEN", mode=mode)
    return None


def _agreed_harm(verb: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """ "EU ministers agreed to broaden sanctions against Belarus": a hostile act agreed on is decided, the
    act itself (as "voted to impose sanctions" is), not an agreement with the one it is against."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            act, evidence = match_rule(child, lexicon)
            # a political act by its words ("impose sanctions"), not "set up an evacuation centre"
            if act is not None and act.plover in HOSTILE and triggered(child, act, evidence):
                # "agreed to halt attacks" is no attack: the agreement stands
                return None if ends_hostilities(child) else act
    return None


def _claimed_act(verb: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """ "Al-Shabaab claimed responsibility for the attack": the hostile act claimed, done by the claimant
    (as ACLED and CAMEO code a claimed attack), not an accusation."""
    for owned in verb.children:
        if owned.dep_ == "dobj" and owned.lemma_.lower() in CLAIMED_ACTS and verb.lemma_.lower() == "claim":
            rule = _named_act(owned.lemma_.lower(), lexicon)  # "claimed the attack", "claimed the bombing"
            if rule is not None and rule.plover in HOSTILE:
                return rule
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


# Attacks a group claims by name: "the Islamic State group claimed the attack".
CLAIMED_ACTS = frozenset(
    "attack bombing shooting assassination killing kidnapping abduction raid ambush".split()
)


# Verbs that only put out a statement, whose content is the act ("signed a declaration" is an act).
ISSUING_VERBS = frozenset("issue release publish send adopt pass circulate".split())
# A state's own laws and orders, whose signing is no act on anyone: "signed a bill", "signed the decree".
LEGISLATION = frozenset("bill law legislation decree order ordinance budget".split())


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


# What a warning "of" foretells that no one threatens: "warned of serious damage to growers".
HAZARDS = frozenset(
    "risk danger damage shortage outbreak famine flood flooding delay disruption loss impact effect"
    " spread surge rise collapse crisis hardship".split()
)


def _warns_of_a_hazard(verb: Word) -> bool:
    # "of" on the verb, or hung by the parser on its time ("warned on Saturday of serious damage")
    return any(
        o.dep_ == "pobj" and o.lemma_.lower() in HAZARDS
        for p in verb.subtree
        if p.dep_ == "prep"
        and p.lower_ == "of"
        and (p.head is verb or p.head.head is verb or p.head.head.head is verb)
        for o in p.children
    )


# What a warning "about" threatens with, if it names it: "warned the West about the consequences".
REPRISALS = frozenset("consequence response retaliation reprisal measure countermeasure".split())


def _tip_off(verb: Word, lexicon: VerbLexicon) -> bool:
    """A warning about someone or something that names no harm the warner would do: information."""
    told = [word for c in verb.children if c.dep_ == "prep" and c.lower_ == "about" for word in c.subtree]
    return bool(told) and not any(
        word.lemma_.lower() in REPRISALS or (word.pos_ == "VERB" and _hostile(word.lemma_.lower(), lexicon))
        for word in told
    )


def _hostile(lemma: str, lexicon: VerbLexicon) -> bool:
    return lemma in lexicon and lexicon.majority(lemma).plover in HOSTILE


def _warns_of_harm(verb: Word, lexicon: VerbLexicon) -> bool:
    """ "Iran warned Israel that any attack would be met with a crushing response": a warning to a named
    party of harm (a hostile act in what it warns of) is a threat, though its clause names no doer."""
    addressed = any(
        c.dep_ in ("dobj", "dative") and (c.pos_ == "PROPN" or c.lemma_.lower() in ROLE_WORDS)
        for c in verb.children
    )
    if not addressed:
        return False
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        for word in clause.subtree:
            if word.pos_ in ("VERB", "ADJ") and _hostile(word.lemma_.lower(), lexicon):
                return True
    return False


def _counted_act(verb: Word, lexicon: VerbLexicon) -> VerbRule | None:
    """The act a light verb's object groups or counts: "carried out a series of arrests" arrests,
    "has carried out hundreds of strikes" strikes."""
    for group in verb.children:
        if group.dep_ != "dobj" or group.lemma_.lower() not in ACT_GROUPS | COUNTS:
            continue
        for preposition in group.children:
            if preposition.dep_ == "prep" and preposition.lower_ == "of":
                for act in preposition.children:
                    if act.dep_ == "pobj" and (rule := _noun_act(act, lexicon)) is not None:
                        return rule
    return None


def states_an_act(noun: Word) -> bool:
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
            if lemma not in ANNOUNCING_VERBS or is_political_trigger(act.lemma, act.pattern):
                return act
    return None


# A strike its modifiers say is a protest, not an attack: "began a hunger strike", "called a general
# strike", "staged a one-day strike".
PROTEST_STRIKES = frozenset(
    "hunger general labour labor wildcat nationwide national one-day indefinite".split()
)


def _a_strike_in_protest(noun: Word) -> bool:
    """ "a hunger strike", "a general strike", "workers began a three-day strike": a strike as protest."""
    if noun.lemma_.lower() != "strike":
        return False
    if any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in PROTEST_STRIKES for c in noun.children):
        return True
    doer = subject_of(noun.head) if noun.dep_ == "dobj" else None
    return doer is not None and (
        doer.lemma_.lower() in STRIKERS
        or any(
            c.dep_ == "prep" and any(w.lemma_.lower() in STRIKERS for w in c.children) for c in doer.children
        )
    )


# Who strikes by stopping work: "workers", "union members", "thousands of nurses".
STRIKERS = frozenset("worker employee union nurse doctor teacher miner driver pilot staff member".split())


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


def triggered(verb: Word, rule: VerbRule, evidence: Evidence) -> bool:
    """Whether the verb, or the dictionary pattern that matched after it, tells a political act; for an
    act its object names ("announced the expulsion of"), the act's own verb does."""
    pattern, lemma = rule.pattern if evidence is Evidence.PATTERN else (), verb.lemma_.lower()
    carrying = lemma in ORDER_VERBS or lemma in ANNOUNCING_VERBS or lemma in LIGHT_VERBS
    return (
        is_political_trigger(lemma, pattern)
        or (carrying and is_political_trigger(rule.lemma, pattern))
        or (rule.plover == "ASSAULT" and (_weapon_subject(verb) or _weapon_object(verb)))
        or any(imposed_measure(verb, c) for c in verb.children)  # "imposed new tariffs on..."
    )


# What strikes when war does: "Israeli airstrikes hit villages", "a Russian missile struck the port".
WEAPONS = frozenset(
    "airstrike strike missile rocket drone shell shelling bomb bombing artillery attack raid".split()
)


def _weapon_subject(verb: Word) -> bool:
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in WEAPONS for c in verb.children)


# What is fired or launched at someone: "fired water cannon at a supply boat", "launched rockets".
FIRED = frozenset("rocket missile shell mortar grenade bomb drone gas bullet cannon artillery".split())


def _weapon_object(verb: Word) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in FIRED for c in verb.children)


def _antecedent(token: Word) -> list[Word]:
    """An object pronoun stands for the nearest common noun phrase before it: "diplomatic relations ...
    severed them" reads as "severed diplomatic relations"."""
    if (token.lower_ == "them" or token.lower_ == "it") and token.dep_ in ("dobj", "pobj"):
        for earlier in reversed(token.doc[: token.i]):
            if earlier.pos_ == "NOUN" and (earlier.tag_ == "NNS") == (token.lower_ == "them"):
                modifiers = [c for c in earlier.lefts if c.dep_ in ("amod", "compound")]
                return [*modifiers, earlier]
    return [token]
