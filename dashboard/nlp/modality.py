"""Whether a verb reports an act as done: polarity and modality read off the dependency parse.

News tells of many acts that did not happen: denied ("Russia denied that its troops entered"), refused
("refused to release the hostages"), failed, hoped for, possible ("could attack"), conditional ("if
talks fail"), asked about ("Did Russia attack?"), or merely a purpose ("deployed police to help fight
gangs"). Coding them as the act puts a lie on the map. PETRARCH2 and PLOVER treat them as modes of an
event; PLOVER codes a threat as THREATEN, a refusal as REJECT and a promise as AGREE, and leaves the rest
out. `assess` says which of these a verb is, by climbing from the verb through the clauses that govern
it (xcomp, ccomp, advcl, conj) and reading their auxiliaries, negations, markers and governing verbs.
What each status becomes is the event coder's choice (`dashboard.nlp.events`).

The parse facts (spaCy's small English model) are in shared research notes and in tests/test_modality.py:
modal auxiliaries are `aux` children tagged MD; "not", "n't" and "never" are `neg`; "if" is the `mark` of
an `advcl`; "refused to release" makes "release" an `xcomp` of "refused"; "denied that ... entered" makes
"entered" a `ccomp` of "denied".
"""

from __future__ import annotations

from enum import Enum

from dashboard.nlp.tree import Word, to_infinitive


class Status(Enum):
    DONE = "done"  # reported as having happened, or happening
    NEGATED = "negated"  # "did not sign", "never attacked", "No troops were sent"
    FUTURE = "future"  # "will sign", "is expected to sign", "is set to meet"
    INTENDED = "intended"  # "plans to send", "ready to help", "agreed to sign" (the act agreed to)
    UNREAL = "unreal"  # possible, hoped for, asked about, conditional, refused, denied, failed, a purpose
    DEMANDED = "demanded"  # "the president said North Korea must disarm": a speaker's demand of another


# "could attack", "may sign", "would meet", "should withdraw", "must release": possible or wanted, not done.
HYPOTHETICAL = frozenset("may might could would should can must ought 'd ca".split())
FUTURE_AUXILIARIES = frozenset("will shall 'll wo".split())  # "wo" is "won't"'s first token
# Governing verbs whose complement did not happen: "refused to release", "failed to agree", "denied
# that ... entered", "avoided attacking", "stopped short of", "hoped to meet", "tried to storm".
NOT_DONE = frozenset(
    "refuse decline fail deny reject dismiss refute dispute doubt avoid hesitate neglect forget"
    " hope wish want try attempt seek consider contemplate propose suggest weigh debate discuss"
    " urge call ask demand request appeal press push invite encourage"
    " threaten warn vow pledge promise agree offer commit undertake volunteer"
    " fear worry allege accuse claim imagine think believe suppose assume guess predict speculate".split()
)
# Governing verbs and adjectives of an act to come: PLOVER codes a cooperative one as AGREE and a hostile
# one as THREATEN ("plans to attack"), as a stated intention.
INTENDING = frozenset("plan intend aim prepare expect schedule set due ready willing prepared poised".split())
# Governing verbs whose complement is the act itself: "began to withdraw", "continued shelling",
# "voted to lift", "ordered the troops to fire", "helped to evacuate", "forced them to retreat".
CARRIES_ACT = frozenset(
    "begin start continue resume keep go proceed decide vote choose opt resolve order authorize authorise"
    " help force compel manage".split()
)
# Auxiliaries of obligation: in reported words about another actor ("said Iran must release"), a demand.
OBLIGING = frozenset("must should ought".split())
# Verbs of saying: under them "would" is the "will" of the words reported ("said it would recognize").
REPORTING = frozenset(
    "say tell announce state add declare confirm indicate signal reiterate insist stress explain write"
    " report assure promise pledge vow warn".split()
)
PROTESTING = frozenset("protest demonstrate".split())
CONDITIONS = frozenset("if unless whether lest".split())
NEGATIVE_SUBJECTS = frozenset("nobody none nothing neither".split())
CLAUSES = frozenset("xcomp ccomp advcl conj".split())


# Subjects that make an act an aim, not a deed: "its chief aim was training Malian units".
AIMS = frozenset("purpose aim goal objective intention intent mission task role plan idea job".split())


def _an_aim(word: Word) -> bool:
    """ "The purpose was supporting...", "the aim is to end...": the act is what an aim is, after "be"
    (a mission that condemns something does so)."""

    def aim(child: Word) -> bool:
        return child.dep_ == "nsubj" and child.pos_ == "NOUN" and child.lemma_.lower() in AIMS

    copular = word.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in word.children)
    if copular and any(map(aim, word.children)):
        return True
    return (
        word.dep_ in ("attr", "xcomp", "ccomp")
        and word.head.lemma_ == "be"
        and any(map(aim, word.head.children))
    )


# Nouns whose clause tells what is claimed, feared, planned or possible, not what happened: "claims
# (that) the actor attacked men", "the decision of sending troops", "the possibility of giving Russia".
UNREAL_NOUNS = frozenset(
    "claim allegation accusation report rumour rumor suggestion speculation fear hope belief charge"
    " decision plan proposal idea possibility prospect threat risk attempt bid effort right option"
    " intention demand call request offer promise pledge".split()
)


def _said_of_a_noun(word: Word) -> bool:
    """The clause completes a noun of UNREAL_NOUNS: directly ("claims the actor attacked") or through
    a preposition ("the decision of sending")."""
    head = word.head
    if word.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    elif word.dep_ not in ("acl", "ccomp", "relcl"):
        return False
    return head.pos_ == "NOUN" and head.lemma_.lower() in UNREAL_NOUNS and word.dep_ != "relcl"


def _negated(word: Word) -> bool:
    for child in word.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in ("never", "not")):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            _no_one(child)
            or any(c.lower_ in ("neither", "nor") for c in child.children)  # "Neither Russia nor Ukraine"
        ):
            return True
    return False


def _no_one(subject: Word) -> bool:
    """ "nobody", "no one", "No country", "No troops": a subject that says no actor did it."""
    return (
        subject.lower_ in NEGATIVE_SUBJECTS
        or subject.lower_ == "no"  # "no one"
        or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)
    )


def _verb_over(noun: Word) -> Word:
    """The verb a noun hangs from, through prepositions: "office" in "never occupied any office"."""
    word = noun
    for _ in range(4):
        if word.pos_ in ("VERB", "AUX") or word.head is word:
            return word
        word = word.head
    return word


def _auxiliaries(word: Word) -> set[str]:
    return {c.lower_ for c in word.children if c.dep_ in ("aux", "auxpass")}


def _yet_to(word: Word) -> bool:
    """ "has yet to sign": the act is still to come."""
    return any(c.dep_ == "advmod" and c.lower_ == "yet" for c in word.children)


def _is_question(verb: Word) -> bool:
    """A question: the sentence ends with "?" (outside closing quotes and brackets)."""
    text = verb.doc.text.rstrip().rstrip("\"'”’)]")
    return text.endswith("?")


def assess(verb: Word) -> Status:
    """What the sentence says of the act `verb` names: done, negated, to come, intended, or not real."""
    if _is_question(verb) or _an_aim(verb):
        return Status.UNREAL
    if any(c.dep_ in ("nsubj", "nsubjpass") and _no_one(c) for c in verb.children):
        return Status.UNREAL  # "No country has recognised the Taliban": no one refused, nothing was done
    if demanded_of(verb) is not None:
        return Status.DEMANDED
    status = Status.DONE
    word, reached_by = verb, ""  # the clause being read, and how the climb reached it
    while True:
        auxiliaries = _auxiliaries(word)
        if "would" in auxiliaries and _reported(word):
            auxiliaries = (auxiliaries - {"would"}) | {"will"}  # "said it would recognize": will, told later
        if _negated(word):
            if word is verb:
                status = Status.NEGATED  # "would not accept", "cannot accept": refused, whatever the modal
            elif reached_by != "conj":  # "did not agree to sign": not the act ("did not stop but fired" is)
                return Status.UNREAL
        elif auxiliaries & HYPOTHETICAL:
            return Status.UNREAL
        if auxiliaries & FUTURE_AUXILIARIES or ("going" in auxiliaries and word.tag_ == "VB"):
            status = Status.FUTURE if status is Status.DONE else status
        if _yet_to(word) or any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in word.children):
            return Status.UNREAL  # "has yet to sign", "if talks fail"
        if word.dep_ == "pcomp" and word.head.lower_ in ("without", "instead", "against"):
            return Status.UNREAL  # "without attacking", "instead of meeting", "warned against sending"
        if _accused_of(word):
            return Status.UNREAL  # "accused Russia of shelling the plant": alleged, the ACCUSE is the event
        if _said_of_a_noun(word):
            return Status.UNREAL  # "claims the actor attacked men", "the decision of sending troops"
        if word.dep_ == "relcl" and _negated(_verb_over(word.head)):
            return Status.UNREAL  # "has never held an office where he was accused": no such office
        if word.dep_ not in CLAUSES or word.head is word:
            return status
        governor = word.head
        lemma = governor.lemma_.lower()
        if word.dep_ in ("xcomp", "ccomp"):
            if _a_charge_denied(word):
                return status  # "Pakistan accused Kabul of X, a charge Kabul denies": the accusation was made
            if lemma in NOT_DONE:
                return Status.UNREAL
            if lemma in INTENDING:
                status = Status.INTENDED if status is Status.DONE else status
            elif (
                word.dep_ == "xcomp"
                and lemma not in CARRIES_ACT
                and to_infinitive(word)
                and not force_used(governor)
            ):
                return Status.UNREAL  # "urged Iran to release", "sent troops to fight": not (yet) done
        elif (
            word.dep_ == "advcl"
            and to_infinitive(word)
            and word.lemma_.lower() not in PROTESTING
            and not _under_way(word)
            and not force_used(governor)  # "used water cannon to disperse farmers": they were dispersed
        ):
            # a purpose: "deployed police to help fight gangs"; but staying home "to protest" protests
            return Status.UNREAL
        word, reached_by = governor, word.dep_


# What one says of another, that the other denies: "a charge Kabul denies", "an allegation Kyiv rejects".
CHARGES = frozenset("charge accusation allegation claim".split())


def _a_charge_denied(clause: Word) -> bool:
    """The small parser reads "X accused Y of Z, a charge Y denies" as Y denying the accusing clause; the
    noun between them ("a charge") is what is denied, and the clause before it was said."""
    governor = clause.head
    between = (c for c in governor.children if clause.i < c.i < governor.i)
    return any(c.dep_ in ("dobj", "nsubj", "npadvmod") and c.lemma_.lower() in CHARGES for c in between)


# Force used for an end: "used tear gas to disperse protesters" dispersed them (CAMEO 175); the force is
# the act, whatever came of it.
FORCE = frozenset("gas cannon bullet baton batons force grenade".split())


def force_used(verb: Word) -> bool:
    return verb.lemma_.lower() in ("use", "fire") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in FORCE for c in verb.children
    )


# Verbs that allege an act after "of": "accused Russia of shelling", "suspected of spying".
ALLEGING = frozenset("accuse charge suspect blame".split())


def _accused_of(word: Word) -> bool:
    preposition = word.head
    return word.dep_ == "pcomp" and preposition.lower_ == "of" and preposition.head.lemma_.lower() in ALLEGING


def demanded_of(verb: Word) -> Word | None:
    """Whom a speaker demands the act of: "X said Y must (not) release...", "X insisted that Y should
    withdraw" is X's demand of Y (PLOVER REQUEST, CAMEO 10). Only a named subject of the obliged clause
    other than the speaker, with no condition on it; "Russia said it must defend itself" demands nothing.
    """
    auxiliaries = _auxiliaries(verb)
    if not (auxiliaries & OBLIGING) or not _reported(verb) or _yet_to(verb):
        return None
    if auxiliaries & {"have", "'ve"}:
        return None  # "should have acted", "must have known": a reproach or a guess, not a demand
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")]
    if not subjects:
        return None
    said = verb
    while said.dep_ == "conj" and said.head is not said:
        said = said.head
    speakers = [c for c in said.head.children if c.dep_ == "nsubj"]
    if not speakers or speakers[0].lower_ == subjects[0].lower_:
        return None
    return subjects[0]


def _reported(word: Word) -> bool:
    """A clause someone's words report ("said it would", "announced that they would"), climbing over
    coordination ("said it would meet and sign")."""
    while word.dep_ == "conj" and word.head is not word:
        word = word.head
    return word.dep_ == "ccomp" and word.head.lemma_.lower() in REPORTING


# An operation begun is its act being done: "launched an operation to detain 110 officers".
OPERATIONS = frozenset("operation campaign crackdown raid drive offensive manhunt sweep".split())
STARTING = frozenset("launch begin start conduct mount".split())


def _under_way(purpose: Word) -> bool:
    """The purpose of an operation launched: "launched a crackdown to arrest...", not "sent troops to
    fight"."""
    governor = purpose.head
    return governor.lemma_.lower() in STARTING and any(
        c.dep_ == "dobj" and c.lemma_.lower() in OPERATIONS for c in governor.children
    )
