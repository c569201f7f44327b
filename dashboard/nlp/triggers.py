"""The words that tell a political act in news, whatever else they may mean elsewhere.

The CAMEO dictionary behind the verb lexicon codes 3,000 verbs, most of them by patterns written for wire
copy about states: read on ordinary news, "make", "take", "need", "face" or "enter" code acts that are
not there (a kitchen "outfitted with" appliances is COOPERATE). The coder still codes them, with a low
confidence; what earns an event the confidence the map shows by default is a trigger a reader would
call political on its own: a verb from the list below ("attacked", "arrested", "met", "signed",
"expelled", "protested"), or a dictionary pattern naming a political thing ("cut ... ties", "gave ...
support", "opened ... fire", "imposed ... sanctions").

The lists are ordinary English political vocabulary, grouped by the PLOVER type they usually tell; the
type itself still comes from the lexicon and its patterns.
"""

from __future__ import annotations

POLITICAL_VERBS = frozenset(
    # CONSULT
    "meet visit host negotiate discuss telephone phone"
    # AGREE, SUPPORT, COOPERATE
    " agree pledge promise sign ratify endorse back support praise welcome commend congratulate"
    " recognise recognize normalise normalize cooperate ally mediate broker"
    # AID
    " donate fund finance"
    # REQUEST
    " urge demand appeal request petition order summon"
    # ACCUSE
    " accuse blame condemn denounce criticise criticize decry investigate probe sue indict prosecute"
    # REJECT
    " reject refuse deny decline veto boycott dismiss oppose"
    # THREATEN
    " threaten warn"
    # PROTEST
    " protest demonstrate rally march picket riot"
    # SANCTION
    " sanction expel embargo boycott sever suspend recall"
    # MOBILIZE
    " deploy mobilise mobilize"
    # COERCE
    " arrest detain jail imprison sentence convict deport extradite abduct kidnap seize raid ban disperse"
    " censor outlaw annex blockade capture recapture retake regain overrun"
    # ASSAULT
    " attack kill shoot shell bomb bombard invade ambush assassinate execute behead torture wound"
    " massacre clash fight storm strike"
    # CONCEDE, RETREAT
    " withdraw retreat release free pardon lift ease surrender evacuate resign apologise apologize"
    " concede".split()
)

# Nouns of a matched pattern that name a political thing: "cut ... ties", "gave ... support".
POLITICAL_NOUNS = frozenset(
    "agreement accord deal treaty pact memorandum ceasefire truce talks negotiations summit"
    " relations ties support solidarity aid assistance loan loans funds funding weapon weapons firearm"
    " firearms arms troops forces soldiers"
    " fire attack attacks strike strikes airstrike airstrikes offensive sanctions embargo tariffs"
    " rocket rockets missile missiles mortar mortars shell shells grenade grenades barrage raid raids"
    " gas bullets cannon cannons drone drones warrant warrants"
    " ambassador diplomats envoy embassy protest protests demonstration strike blockade curfew"
    " independence sovereignty asylum hostages prisoners detainees phone telephone".split()
)


def is_political_trigger(lemma: str, pattern: tuple[str, ...]) -> bool:
    """Whether a verb and the dictionary pattern that matched after it tell a political act."""
    # the dictionary writes a noun in either number ("hold talk", "release prisoners")
    return lemma in POLITICAL_VERBS or any(
        word in POLITICAL_NOUNS or f"{word}s" in POLITICAL_NOUNS for word in pattern
    )
