"""Political relevance: which actors make an event worth putting on the map, and which topics never do.

PLOVER and ACLED code acts by or against political actors: states, officials, the military, armed and
opposition groups, parties, legislatures, IGOs and NGOs, protesters. A police raid on a drug house, a
couple's wedding, a match, a storm or a share price is not their business, whatever verb tells it. So an
event needs a political actor on at least one side (`is_political`), judged by the actor's CAMEO sector
(from its role words, PETRARCH2's agents dictionary and actor lists: see `dashboard.nlp.actors`).
Police and courts (COP, JUD) act for the state, but alone they are ordinary crime news: they count only
when the other side is political ("police fired tear gas at protesters", "a court jailed the opposition
leader"), which the other side then shows by itself.

A few topics are out of scope whoever acts (`off_topic`), as PETRARCH2's discard list has it: in sport,
countries are teams ("Canada beat Sweden"); in weather and disaster news, a state agency warns of snow;
in markets, an index "attacks" a level. A sentence that speaks in one of these registers codes no event
(but relief: a government sending aid after a cyclone is PLOVER's AID); its places are still mentions.
"""

from __future__ import annotations

import re

from dashboard.model import Actor

# CAMEO sectors of actors that act politically on their own (PLOVER's and ACLED's scope).
POLITICAL_SECTORS = frozenset("GOV MIL REB OPP LEG SPY UAF PTY IGO NGO HRI ELI".split())
# Police and courts: political when they face a political actor, the press, a rights group or a union
# ("a court jailed two journalists"), ordinary crime news otherwise ("police arrested a man").
STATE_AGENCIES = frozenset(("COP", "JUD"))
# Sectors of actors whose acts are not political news by themselves: companies, the press, schools,
# hospitals, churches, criminals, ordinary people.
NON_POLITICAL = frozenset("BUS MED EDU HLH REL CRM CVL PPL AGR ENV LAB REF SPT".split())
FACED_POLITICALLY = POLITICAL_SECTORS | {"MED", "HRI", "LAB"}


def sector_of(actor: Actor | None) -> str:
    """An actor's CAMEO sector, a state named as an actor ("Morocco signed") being its government."""
    if actor is None:
        return ""
    return "GOV" if actor.kind == "country" else actor.sector


def is_political(actor: Actor | None) -> bool:
    """A state (a country named as the actor), or an actor of a political sector."""
    return sector_of(actor) in POLITICAL_SECTORS


def is_relevant(source_sector: str, target_sector: str, across_borders: bool = False) -> bool:
    """Whether an event with sides of these sectors is PLOVER's business: a political actor on one side,
    or police or a court facing a political actor, the press, a rights group, a union, or anyone of
    another country (`across_borders`: "Liberian police arrested dozens of Guinean traders")."""
    if source_sector in POLITICAL_SECTORS or target_sector in POLITICAL_SECTORS:
        return True
    if across_borders and STATE_AGENCIES & {source_sector, target_sector}:
        return True
    return (source_sector in STATE_AGENCIES and target_sector in FACED_POLITICALLY) or (
        target_sector in STATE_AGENCIES and source_sector in FACED_POLITICALLY
    )


# Words that mark a sentence as sport, weather and disasters, markets, entertainment or family news.
# Whole words, any case; each is specific enough that a political act is rarely told with it.
_OFF_TOPIC_WORDS = {
    "sport": (
        r"tournaments?|championships?|world cup|olympics?|olympic games|paralympics?"
        r"|gold medal|silver medal|bronze medal|playoffs?|play-offs?|semi-?finals?|quarter-?finals?"
        r"|(?:premier|champions|major|national hockey|football) league"
        r"|league (?:game|match|title|season|table)"
        r"|super bowl|stanley cup|grand prix|goalkeeper|striker|midfielder|quarterback|touchdowns?|innings"
        r"|wickets?|batsman|hat-trick|penalty kick|free kick|head coach|coached|team-?mates?|fifa|uefa|nba"
        r"|nfl|nhl|mlb|ufc|wimbledon|formula one|rugby|cricket|hockey|soccer|football|basketball|baseball"
        r"|tennis|golf|athletics|\d+-\d+ (?:win|victory|loss|defeat|draw)"
        r"|(?:beat|beats|beating|defeated|defeating|edged|edging|routed|thrashed|drew|won|lost)\b[^.;]{0,60}?"
        r"\b\d{1,2}-\d{1,2}|faceoff|face-off|power play|shutout"
        r"|field goals?|pass interference|\d+-yard|(?:third|fourth)-and-\d+|end zone|interceptions?"
        r"|(?:threw|ran|rushed) for \d+ yards|sacked \w+ times"
        r"|(?:after|before|during) the (?:match|game)|(?:first|second) leg|the (?:match|game) against"
        r"|\d+ (?:assists|saves|rebounds|home runs|rushing yards)|contract extension|free agents?"
        r"|tight end|wide receiver|running back|linebacker|shortstop|defen[cs]eman|goaltender|netminder"
        r"|(?:conference|nba|stanley cup|world series) finals|(?:step-back )?3-pointers?|three-pointers?"
        r"|\d+ (?:points|turnovers|rebounds|goals) (?:in|and|on|for)|shot \d+ (?:of|for) \d+|point deficit"
        r"|derby|mls|wnba|stoppage time|injury time|clean sheet|equali[sz]er|own goal|header|back line"
    ),
    "weather": (
        r"snow(?:fall|storm)?|blizzard|hurricane|tornado(?:es)?|typhoon|cyclone|rainfall|drizzle"
        r"|heat ?wave|wildfires?|forest fires?|earthquake|quake|tsunami|landslides?|flooding|weather"
    ),
    "accident": (
        r"crash(?:ed|es)?|collision|collided|derailed|derailment|capsized|plane crash|car accident"
        r"|road accident|traffic accident|accident"
    ),
    "markets": (
        r"(?:shares|stocks|index|indices|prices) (?:rose|fell|jumped|slumped|climbed|dropped|gained|closed)"
        r"|share price|stock market|stock exchange|dow jones|nasdaq|s&p 500|ftse|nikkei|quarterly earnings"
        r"|earnings per share|ipo|bitcoin|cryptocurrenc(?:y|ies)|year-on-year|(?:tons|tonnes) of"
        r"|(?:exports|imports) (?:rose|fell|grew|increased|decreased|declined)"
        r"|(?:dollar|euro|yen|pound|sterling|yuan|rouble|ruble|rupee|peso|currency|bond yields?)"
        r" (?:rose|fell|jumped|slumped|climbed|dropped|gained|weakened|strengthened|slid|rallied)"
    ),
    "entertainment": (
        r"films?|movies?|albums?|songs?|concerts?|box office|oscars|oscar-winning|grammys?|emmys?"
        r"|actress|singer|rapper"
        r"|reality star|tv series|television series|sitcom|red carpet|celebrit(?:y|ies)"
    ),
    "family": r"wedding|honeymoon|wedding anniversary|birthday|obituary|newborn|baby shower|engagement ring",
}
_OFF_TOPIC = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<{name}>{words})" for name, words in _OFF_TOPIC_WORDS.items())
    + r")(?![\w-])",
    re.IGNORECASE,
)


# Topics where one kind of act is still political: relief after a storm or a crash (AID, or AGREE to it).
ALLOWED_IN_TOPIC = dict.fromkeys(("weather", "accident"), frozenset({"AID", "AGREE"}))


def off_topic(sentence: str) -> str | None:
    """The out-of-scope topic a sentence speaks of ("sport", "weather", ...), or None."""
    match = _OFF_TOPIC.search(sentence)
    return match.lastgroup if match else None


def allowed_types(sentence: str) -> frozenset[str] | None:
    """The PLOVER types a sentence may code: None for all, none at all in sport or markets news, only
    AID in news of storms and accidents ("sent aid after the cyclone")."""
    topic = off_topic(sentence)
    return None if topic is None else ALLOWED_IN_TOPIC.get(topic, frozenset())


# Topics that make a whole story out of scope when enough of its sentences speak of them: in a match
# report every sentence is sport, though few say so ("City called for another bus").
STORY_TOPICS = frozenset(("sport", "entertainment"))
STORY_SHARE = 0.2


def story_topic(sentences: list[str]) -> str | None:
    """The out-of-scope topic of a whole story: one of STORY_TOPICS that at least two of its sentences,
    and a fifth of them, speak of."""
    topics = [off_topic(sentence) for sentence in sentences]
    for topic in STORY_TOPICS:
        count = topics.count(topic)
        if count >= 2 and count >= STORY_SHARE * len(sentences):
            return topic
    return None
