"""Geoparsing: find the place names in a text and resolve each to a bundled Place.

Three stages, each a method of `GazetteerGeoparser`:

1. recognise: every gazetteer name in the text (whole words, longest first; upper-case datelines and
   headlines looked up title-cased), minus names that the words around them show are people ("Jason
   Barry", "President Obama"), ordinary words ("Police said") or armed groups ("Hamas", also a name of
   Hamm), unless a preposition shows a place ("in Bath");
2. context: what the unambiguous names say the article is about (countries, states);
3. resolve: each name's candidates ranked by kind, population, capital status, the article's countries
   and states, and an explicit qualifier ("Edmonton, Alta."); the role is demonym, metonymic ("Rabat
   said") or literal.

Anything with the same call signature (text, article id → Mentions) can replace it in
`dashboard.pipeline.Pipeline`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from spacy.lang.en.stop_words import STOP_WORDS

from dashboard.geo import Gazetteer, files, load_gazetteer
from dashboard.geo.gazetteer import saint_abbreviated
from dashboard.model import Mention, Place
from dashboard.nlp.context import at_sentence_start, follows_comma, is_capitalised, word_after, word_before
from dashboard.nlp.dateline import find_dateline
from dashboard.nlp.lexicon import armed_groups, census_names, leader_surnames, people, single_names
from dashboard.nlp.placenames import NameFinder
from dashboard.nlp.relevance import off_topic, story_topic
from dashboard.nlp.sentences import enclosing_sentence, sentence_spans


class Geoparser(Protocol):
    def __call__(self, text: str, article_id: str = "") -> list[Mention]: ...


# Ranking weights. A country, territory or region name almost always means that place; a state name
# usually beats a town of the same name, but not a big city ("New York").
KIND_PRIOR = {"disputed": 5.0, "country": 5.0, "region": 4.0, "admin1": 3.6, "city": 0.0}
POPULATION_WEIGHT = 0.55  # per tenfold population
CAPITAL_OVER_TOWNS = 0.5  # ... and more so against towns only
CAPITAL_BONUS = 1.0  # a capital named alone means the city, even when its district shares the name
COUNTRY_CONTEXT_WEIGHT = 2.0  # times the share of the article's place names in that country
ADMIN1_CONTEXT_WEIGHT = 2.5  # the article names the city's state or province
QUALIFIER_WEIGHT = 4.0  # "Edmonton, Alta.", "Paris, Texas"
# Places in one story tend to lie near each other: a bonus by distance to the nearest unambiguous city.
PROXIMITY_BONUS = ((50, 1.5), (200, 1.0), (500, 0.5))  # (within km, bonus)
RESOLVED_CONTEXT = 0.45  # how sure a first reading must be to count as context for the second
FOREIGN_MODIFIER = 0.3  # confidence kept by a place that only modifies a noun, alone of its country
POPULOUS = 1_000_000  # a city this big is a place even when its name is also a word or a first name
BIG_TOWN = 100_000  # ... and this big, when its name is a word but not at the start of a sentence
# How likely a city's name is the city, by its size, before the words around it say more.
PLACENESS_BY_POPULATION = ((1_000_000, 1.0), (100_000, 0.9), (15_000, 0.75), (0, 0.6))
ALTERNATE_CITY = 1_000_000  # a city known by another of its names only if it is this big ("Bombay")

PERSON_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady president vice prime premier minister secretary senator sen rep"
    " representative congressman congresswoman gov governor mayor chancellor king queen prince princess"
    " emperor pope cardinal bishop archbishop rev reverend father sister brother imam rabbi sheikh"
    " general gen col colonel lt lieutenant maj major capt captain sgt sergeant cpl corporal officer"
    " judge justice coach chairman chairwoman ceo spokesman spokeswoman ambassador commissioner"
    " professor prof detective constable inspector chief deputy director".split()
)
STATE_KINDS = ("admin1", "country")  # what owns a government, a legislature or a premier: "Quebec's"
# The kinds of place a title after a place's name heads: a premier a province or a country, a governor
# a state, a mayor a town.
HEADED_KINDS = {
    "premier": STATE_KINDS,
    "governor": ("admin1",),
    "gov": ("admin1",),
    "mayor": ("city",),
}
# A fifth of a story's other place names in a country make it a story of that country.
COUNTRY_STORY_SHARE = 0.2
# A state's own bodies, after its abbreviated name: "B.C. Premier David Eby", "the Ariz. legislature".
STATE_BODIES = frozenset("premier government legislature assembly parliament cabinet court police".split())
TITLES_AND_BODIES = PERSON_TITLES | STATE_BODIES


def _titled(text: str, end: int) -> bool:
    """A title or a state body follows, within a few capitalised words: "B.C. Premier", "B.C. Housing
    Minister", "the Ariz. legislature"."""
    for word in text[end : end + 60].split()[:3]:
        if word.rstrip(".,;:").lower() in TITLES_AND_BODIES:
            return True
        if not word[:1].isupper():
            return False
    return False


# What a place's name is followed by when the text says it is an area: "the Donetsk region".
AREA_WORDS = frozenset("region province oblast district county governorate prefecture state".split())
LOCATIVE_WORDS = frozenset(
    "in at from to near outside inside across around into through toward towards via within"
    " throughout northern southern eastern western central downtown".split()
)
REPORTING_VERBS = frozenset(
    "said says say announced announces warned warns urged urges accused accuses rejected rejects"
    " denied denies insisted insists condemned condemns demanded demands threatened threatens vowed"
    " vows pledged pledges promised promises criticised criticized criticises criticizes responded"
    " retaliated recognised recognized recalled expelled sanctioned imposed wants believes hopes fears"
    " expects argued argues claimed claims agreed agrees signed signs refused refuses welcomed welcomes"
    " protested protests summoned summons backed backs opposed opposes decided decides declared".split()
)
# Last words of an organisation's name that a place's name or demonym opens: a newspaper ("The
# Washington Post", "Toronto Star"), an airline, an exchange, a board or a code ("British Airways",
# "London Stock Exchange", "Tunisian Criminal Code"). The place is the name's, not where the news is.
ORGANISATION_HEADS = frozenset(
    "Times Post Star Herald Tribune Journal Gazette Chronicle Globe Mail Telegraph Observer Examiner"
    " Inquirer Courier Sun Register Bulletin News Airways Airlines Railways Telecom Exchange Board"
    " Code Express".split()
)
# What after a country's name or demonym makes the phrase its capital: "the Angolan capital".
CAPITAL_AFTER = re.compile(
    r"(?:'s|’s)?\s+capital\b(?!\s+(?:markets?|gains?|flight|spending|controls?|punishment))"
)
# Sports clubs are named after their cities: "Real Madrid", "Manchester United", "Bristol Rovers".
CLUB_PREFIXES = frozenset(
    "Real Atletico Atlético Inter AC FC Sporting Dynamo Dinamo Olympique Bayern Borussia Racing".split()
)
CLUB_SUFFIXES = frozenset("FC United Rovers Wanderers Athletic Hotspur Albion Rangers".split())
# Streets, squares and transit lines are named after faraway places: "Oxford Street" and "Leicester
# Square" are in London, "Trafalgar Street" in Ontario, the "Victoria line" runs under London.
STREET_WORDS = frozenset(
    "Street St Road Rd Avenue Ave Lane Boulevard Blvd Drive Close Crescent Terrace Square Line line".split()
)
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday".split()
)
# Nouns of armed groups that a small town's name before them names instead ("the Fano militia").
# An apposition that says a name is a group's: "the Fano, a loose network of ethnic Amhara militias".
GROUP_APPOSITION = re.compile(
    r",\s+an?\s+[^,.;]{0,60}?\b(?:militias?|network|group|movement|rebels|insurgents|faction)\b"
)
ARMED_GROUP_NOUNS = frozenset(
    "militia militias battalion brigade rebels fighters insurgents movement".split()
)
# Words a place's own name goes on with: "Los Angeles County", "Quebec City", "Kharkiv Oblast".
PLACE_WORDS = frozenset(
    "county province state region district oblast governorate prefecture municipality borough"
    " island islands territory department parish township valley peninsula coast"
    # and the places named after it, which count as its mention: "Dulles Airport", "Colchester Hospital"
    " airport university college school academy hospital street avenue road boulevard highway square"
    " castle church cathedral mosque temple palace court bridge station harbour harbor port bay lake"
    " lakes hill hills heights park center centre village gateway market stadium forest delta town"
    " elementary middle high corner"
    # and its own institutions, which name it: "Enfield Council", "Toronto Police", "Queensland Government"
    " council government police parliament assembly senate legislature mayor governor".split()
)
# Words after a place's name that make it a longer place or thing, not a person's first and last name.
NOT_SURNAMES = (
    PLACE_WORDS
    | {w.lower() for w in STREET_WORDS}
    | PERSON_TITLES
    | frozenset(
        "river sea gulf strait canal falls mountain mountains desert basin plain plateau ocean tech"
        " city metro airport declaration agreement accord accords treaty protocol summit".split()
    )
)
# Seas, gulfs and straits are no place the gazetteer holds, and their names hold places' names far from
# them: "the South China Sea" is not in China, "the Gulf of Guinea" not in Guinea. (A river or a lake is
# near its namesake town: "the Tijuana River" stays a mention of Tijuana.)
WATER_WORDS = frozenset("Sea Ocean Gulf Strait Straits Channel Bay".split())


def _in_a_water_name(text: str, start: int, surface: str, before: str, after: str) -> bool:
    """The name is part of a sea's, a gulf's or a strait's: followed by "Sea" ("South China Sea"), a
    water word itself after "the" ("the Red Sea", not Sudan's Red Sea state) or before "of" ("the Gulf of
    Aden"), or after "Gulf of" ("Aden")."""
    if after in WATER_WORDS:
        return True
    last = surface.split()[-1]
    if last in WATER_WORDS and (before.lower() == "the" or after == "of"):
        return True
    if before == "of":
        of = text.rfind("of", 0, start)
        return word_before(text, of) in WATER_WORDS
    return False


COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western central upper lower greater new old far"
    " northeast northwest southeast southwest north-east north-west south-east south-west".split()
)
# Verbs of speaking that follow or, in "said X", precede the name of who speaks.
SPEECH_WORDS = frozenset(
    "said says told tells wrote writes argued argues admitted admits added adds explained explains noted"
    " notes asked asks replied replies recalled recalls insisted insists".split()
)
# "the southern English city of", "the Texan town of": a demonym or a state before what the place is.
_DESCRIBED = re.compile(
    r"\b(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:city|town|village|port|capital|suburb|district) of\s+$"
)
# "the town of Kidal", "the city of Kharkiv": a town, not the region of the same name.
_A_TOWN_OF = re.compile(r"\b(?:city|town|village|port) of\s+$", re.IGNORECASE)
_INITIAL = re.compile(r"[A-Z]\.")
# "shares of Toyota", "a stake in Vale": a company, whatever town shares its name
_SHARES_OF = re.compile(r"\b(?:shares|stocks?|stake|bonds) (?:of|in)\s+$", re.IGNORECASE)
_WHO_AFTER = re.compile(r",\s+who\b")
_COUNTY_AFTER = re.compile(r" (?:County|Parish)\b")
_STREETS_AFTER = re.compile(r" and [A-Z][\w'’-]+ (?:streets|roads|avenues|drives|boulevards)\b")
# Capitalised words that open another place's name: "Port Dover" is no Dover ("Lake Manassas" is by it).
NAME_PREFIXES = frozenset("Port Fort Mount Mt. Cape Point".split())
_AGE = re.compile(r",\s*\d{1,2},")  # "Israel, 24, a nurse from Toronto": a person's age after the name
_PLURAL_NAME = re.compile(r"[A-Z][a-z]{2,}[a-rt-z]s")  # "Astros", "Raptors"; not "Ross", "Council's"
_NUMBERED_TEAM = re.compile(r" \d+ers\b")  # "49ers", "76ers"
# A score next to a name: "beat Sevilla 2-0", "drew 1-1 with Preston".
_SCORE_AFTER = re.compile(r" \d{1,2}[-–]\d{1,2}\b")
_SCORE_BEFORE = re.compile(r"\b\d{1,2}[-–]\d{1,2} (?:with|against|to|at|over|by) $")
FAN_WORDS = frozenset("fans supporters ultras".split())
VENUE_WORDS = frozenset("Stadium Arena".split())
# A venue named after a sponsor: the country's name, maybe a word of the sponsor's, then the venue.
_VENUE_AFTER = re.compile(r" (?:[A-Z][a-z]+ )?(?:Stadium|Arena|Centre|Center|Field|Park|Place)\b")
_UPPER_RUN = re.compile(r"\b[A-Z][A-Z'’\-]+(?:[ .]+[A-Z][A-Z'’\-]+)*\b")
_QUALIFIER_GAP = re.compile(r",\s*$")
# The capitalised words right after a comma: "Matias Romero, Oaxaca State, Mexico" -> "Oaxaca State".
_FOLLOWING_NAME = re.compile(r",\s*(?P<name>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})")
_NON_SPACE = re.compile(r"\S+")


@dataclass
class _Span:
    start: int
    end: int
    surface: str
    candidates: list[tuple[Place, str]]
    qualifiers: list[Place] = field(default_factory=list)
    embedded: bool = False  # a state's name inside a longer proper name ("Nord Stream", "Ohio State")
    named_a_town: bool = False  # "the town of Kidal": the text says it is a place


@dataclass
class _NotPlaces:
    """Names a text uses for people ("Tyler Austin") and for bodies ("the Dallas Stars")."""

    people: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)


@dataclass
class _Context:
    countries: dict[str, Counter[str]]  # surface -> countries its unambiguous mentions point to
    all_countries: Counter[str]
    admin1: dict[tuple[str, str], set[str]]  # (country, state) -> the surfaces that name the state
    anchors: list[Place]  # cities named unambiguously, each once
    anchor_names: dict[str, set[str]] = field(default_factory=dict)  # anchor id -> the surfaces naming it
    _grid: dict[tuple[int, int], list[Place]] = field(default_factory=dict)
    _proximity: dict[tuple[str, str], float] = field(default_factory=dict)  # (place id, surface) -> bonus

    def __post_init__(self) -> None:
        for anchor in self.anchors:
            self._grid.setdefault(_cell(anchor), []).append(anchor)

    def proximity(self, place: Place, surface: str) -> float:
        """The bonus for the nearest other anchor within PROXIMITY_BONUS's largest distance, but not one
        only this name named: the first reading of "Donetsk" (the Ukrainian city) is no context for
        reading it as the Russian town 150 km away. The anchors are kept in a grid of cells wider than
        that distance, so a place is measured against the anchors of its own and the eight neighbouring
        cells only, and each place once: an article with thousands of names costs what its distinct
        places cost."""
        key = place.id, surface
        if key not in self._proximity:
            row, column = _cell(place)
            nearby = (
                anchor
                for r in (row - 1, row, row + 1)
                for c in (column - 1, column, column + 1)
                for anchor in self._grid.get((r, c % _COLUMNS), ())
                if anchor.id != place.id and self.anchor_names.get(anchor.id, set()) - {surface}
            )
            nearest = min((_km(place, anchor) for anchor in nearby), default=math.inf)
            self._proximity[key] = next(
                (bonus for within, bonus in PROXIMITY_BONUS if nearest <= within), 0.0
            )
        return self._proximity[key]

    def names_elsewhere(self, surface: str) -> int:
        """How many place names the article holds besides `surface`'s own mentions."""
        return self.all_countries.total() - self.countries.get(surface, Counter()).total()

    def country_share(self, country: str | None, surface: str) -> float:
        """The share of the article's other place names that lie in `country`. A name's own mentions
        are left out, so a repeated "London" cannot vote for its own reading."""
        own = self.countries.get(surface, Counter())
        total = self.names_elsewhere(surface)
        return (self.all_countries[country] - own[country]) / total if country and total else 0.0


# Grid cells of 6 degrees: at least 660 km tall, and as wide away from the poles (above 60 degrees of
# latitude a cell is narrower than PROXIMITY_BONUS's 500 km, and the few anchors there may be missed).
_CELL_DEGREES = 6.0
_COLUMNS = int(360 / _CELL_DEGREES)


def _cell(place: Place) -> tuple[int, int]:
    return int((place.lat + 90) // _CELL_DEGREES), int((place.lon + 180) // _CELL_DEGREES) % _COLUMNS


def _person_names() -> tuple[frozenset[str], frozenset[str]]:
    """First names (the first words of PETRARCH2's people, two or more times, not titles) and famous
    surnames (recent leaders' distinctive ones): "John Bolton" is a person, "the Obama administration"
    is not the Japanese town of Obama."""
    firsts = Counter(name.split()[0] for name in people() if " " in name)
    first_names = frozenset(
        word
        for word, count in firsts.items()
        if count >= 2 and word.isalpha() and word not in PERSON_TITLES and word not in STOP_WORDS
    )
    return first_names, frozenset(leader_surnames())


def _context_of(named: Iterable[tuple[str, Place]]) -> _Context:
    """The context that these (surface, place) readings make: their countries by surface, their states,
    and their cities as anchors."""
    countries: dict[str, Counter[str]] = {}
    admin1: dict[tuple[str, str], set[str]] = {}
    anchors, names = {}, {}
    for surface, place in named:
        if place.country:
            countries.setdefault(surface, Counter())[place.country] += 1
        if place.kind == "admin1" and place.admin1:
            admin1.setdefault((place.country, place.admin1), set()).add(surface)
        if place.kind == "city":
            anchors[place.id] = place
            names.setdefault(place.id, set()).add(surface)
    return _Context(countries, sum(countries.values(), Counter()), admin1, list(anchors.values()), names)


# Words that make a name a bigger area or a feature of the land, not a building or a body.
AREA_OR_FEATURE = AREA_WORDS | frozenset(
    "park valley island islands lake lakes bay hill hills heights coast peninsula delta forest harbour"
    " harbor port territory municipality borough parish township".split()
)


def _runs_into_a_name(text: str, end: int) -> bool:
    """Capitalised words run on after the name into a building's or a body's ("Renfrew Park School",
    "Commonwealth Cancer Center"), not an area's or a feature's ("Renfrew Park", "Nile Delta")."""
    run = []
    for word in text[end : end + 60].split()[:3]:
        if text[end : end + 1] != " " or not is_capitalised(word) or not word.strip(".,;:").isalpha():
            break
        run.append(word.strip(".,;:").lower())
        if word[-1] in ".,;:":
            break
    return bool(run) and run[-1] not in AREA_OR_FEATURE and run[-1] not in STOP_WORDS


def _headline_line(text: str, start: int, end: int) -> bool:
    """The words around `text[start:end]` on its line are upper case too, or it opens its line or its
    sentence (a dateline): "KYIV, March 3 —", "RUSSIA AND UKRAINE HOLD TALKS"."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    if not text[line_start:start].strip() or at_sentence_start(text, start):
        return True  # it opens its line or its sentence: "Matthew Daly, AP. WASHINGTON (AP) —"
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _holds(state: Place, place: Place) -> bool:
    """Whether a country or a state/province holds a (smaller) place."""
    if state is place or state.country != place.country:
        return False
    return state.kind == "country" or (
        state.kind == "admin1" and place.kind == "city" and state.admin1 == place.admin1
    )


def _a_demonym(span: _Span) -> bool:
    return all(role == "demonym" for _, role in span.candidates)


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12_742 * math.asin(math.sqrt(h))


SAME_SPOT_KM = 161  # the usual tolerance of toponym resolution (Acc@161km)


def _same_reading(place: Place, other: Place) -> bool:
    """Whether `other` would put the place where `place` does: itself, a place within SAME_SPOT_KM, or
    for a country, a place of that country."""
    if other.id == place.id:
        return True
    if place.kind in ("country", "disputed"):
        return other.country == place.country
    return _km(place, other) <= SAME_SPOT_KM


def _prior(place: Place) -> float:
    score = KIND_PRIOR.get(place.kind, 0.0)
    if place.kind == "city":
        score += POPULATION_WEIGHT * math.log10(place.population + 1)
        score += CAPITAL_BONUS if place.feature_code == "PPLC" else 0.0
    return score


def _american(word: str) -> str:
    """The American spelling the dictionary (wamerican) holds of a British one: "centre" -> "center",
    "labour" -> "labor", "defence" -> "defense"."""
    for british, american in (("tre", "ter"), ("our", "or"), ("ence", "ense")):
        if word.endswith(british):
            return word[: -len(british)] + american
    return word


def _headed_kinds(text: str, end: int) -> tuple[str, ...]:
    """The kinds of place a title after a name heads: "Ontario Premier", "Quebec's government"."""
    owner = text[end : end + 2] in ("'s", "’s")
    title = word_after(text, end + 2 * owner).rstrip(".").lower()
    return HEADED_KINDS.get(title, ()) + (STATE_KINDS if owner and title in STATE_BODIES else ())


# What a person has and a place does not, after a possessive: "Darwin's theory", "Jackson's widow".
PERSONAL_THINGS = frozenset(
    "wife husband son daughter sons daughters mother father brother sister widow widower parents"
    " funeral death birthday lawyer lawyers theory novel memoir autobiography career".split()
)
_POSSESSIVE_WORD = re.compile(r"['’]s ([a-z]+)")


def _kin_of(text: str, end: int) -> bool:
    match = _POSSESSIVE_WORD.match(text, end)
    return match is not None and match.group(1) in PERSONAL_THINGS


def _scored(text: str, start: int, end: int, after: str) -> bool:
    """A score next to the name, or its fans: a team, not its town."""
    return (
        bool(_SCORE_AFTER.match(text, end))
        or bool(_SCORE_BEFORE.search(text, max(0, start - 20), start))
        or after.lower() in FAN_WORDS
    )


def _said_to_be_a_place(text: str, span: _Span) -> bool:
    """The words around the name say place: a preposition ("in Barry"), a state or country qualifying
    it ("Edmonton, Alta."), or its kind ("the town of Kidal", "the Donetsk region")."""
    locative = word_before(text, span.start).lower() in LOCATIVE_WORDS
    kind_after = word_after(text, span.end).lower().rstrip(".,;:") in AREA_WORDS
    return locative or bool(span.qualifiers) or span.named_a_town or kind_after


class GazetteerGeoparser:
    """Gazetteer recognition with context rules, and a transparent ranking of candidate places."""

    name = "gazetteer.v2"

    def __init__(
        self, gazetteer: Gazetteer | None = None, english_words: frozenset[str] | None = None
    ) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.english_words = english_words if english_words is not None else files.english_words()
        self.armed_groups = armed_groups()  # by name: "Hamas" is also a name of Hamm, Germany
        self.first_names, self.famous_surnames = _person_names()
        self.census_names = census_names()  # given names and surnames: "Paris Hilton", "Jordan Peterson"
        self.finder = NameFinder(self.gazetteer.surfaces())
        self._candidate_cache: dict[str, list[tuple[Place, str]]] = {}
        self.local_finder = NameFinder(self.gazetteer.local_surfaces())

    def __call__(self, text: str, article_id: str = "") -> list[Mention]:
        others = _NotPlaces()  # the names the text uses for people and bodies: no local town either
        spans = self._recognise(text, others)
        context = self._context(spans)
        # A state's name inside a longer name is the state's only in a story of its country ("Ohio State
        # football" in an American story; "Nord Stream 2" in a Russian one is no French department).
        spans = [s for s in spans if not s.embedded or self._of_the_story(s, context)]
        spans = self._add_local_towns(text, spans, context, others.people)
        self._attach_qualifiers(text, spans)
        # Then again, with what the first reading found fairly surely as the context: "Edmonton" in a story
        # that names Enfield is the London one, though Enfield alone is ambiguous (a borough, a US town).
        # Which place a name is comes from the places around it, not the demonyms: those say whose
        # ("Russian troops"), though they still make a country's places no strangers to the story.
        near = self._context(spans, demonyms=False)
        first = [self._resolve(span, near) for span in spans]
        context = self._resolved_context(spans, first)
        places = self._resolved_context(spans, first, demonyms=False)
        sentences = sentence_spans(text)
        # In a match report a city told with no preposition is its team ("Boston plays at Utah", "give
        # Winnipeg a 4-3 victory"): kept, as sport's metonymy, but no dot on the map.
        playing = [span for span in spans if _plays(text, span)]
        sport = len(playing) > 1 or (
            bool(playing or others.bodies)
            and story_topic([text[start:end] for start, end in sentences]) == "sport"
        )
        # (and a city the match report names as a body, "the Dallas Stars", is its team everywhere in it)
        teams = {span.surface for span in playing} | others.bodies if sport else set()
        playing_at = {span.start for span in playing}
        dateline = find_dateline(text) if teams else None
        mentions = []
        for span in spans:
            place, role, confidence = self._resolve(span, places)
            confidence *= self._placeness(text, span, place, role)
            if self._foreign_modifier(text, span, place, context) or self._stranger(
                text, span, place, context
            ):
                confidence *= FOREIGN_MODIFIER
            if role == "literal" and self._is_metonymic(text, span, place):
                role = "metonymic"
            if _opens_an_organisation_name(text, span.end):
                role = "associative"  # not a place the news is about: `Pipeline` maps none of these
            elif (span.surface in teams or span.start in playing_at) and _a_team_here(
                text, span, place, dateline
            ):
                role = "associative"  # (outside a match report, only where the match is told)
            sentence_start, sentence_end = enclosing_sentence(sentences, span.start, span.end)
            mentions.append(
                Mention(
                    article_id=article_id,
                    start=span.start,
                    end=span.end,
                    text=text[span.start : span.end],
                    place_id=place.id,
                    role=role,
                    confidence=round(confidence, 3),
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                )
            )
        return [self._as_capital(text, m) or m for m in mentions]

    def _as_capital(self, text: str, mention: Mention) -> Mention | None:
        """ "in the Angolan capital", "Ukraine's capital": the country's capital city, named by the phrase."""
        after = CAPITAL_AFTER.match(text, mention.end)
        place = self.gazetteer.place(mention.place_id)
        if after is None or place is None or place.kind != "country":
            return None
        capital = self.gazetteer.capital_of(place.id)
        if capital is None:
            return None
        return replace(
            mention, end=after.end(), text=text[mention.start : after.end()], place_id=capital, role="literal"
        )

    # -- 1. recognition ------------------------------------------------------------------------------
    def _recognise(self, text: str, others: _NotPlaces | None = None) -> list[_Span]:
        """The spans that may be places; `others`, if given, gets the names the text uses otherwise."""
        found = [(start, end, text[start:end]) for start, end in self.finder.find(text)]
        found = sorted(found + self._upper_case_names(text, found))
        spans, surnames, people_at, given_ends, bodies = [], set(), set(), set(), set()
        for start, end, surface in found:
            candidates = self._candidates(surface)
            # a town known by another of its names, with its state after it: "SUDBURY, Ont." (Greater
            # Sudbury), "Juchitan, Oaxaca"
            candidates = candidates + [
                c for c in self._qualified_alternates(text, start, end, surface) if c not in candidates
            ]
            if not candidates:
                continue
            verdict = self._not_a_place(text, start, end, surface, candidates)
            named = verdict and self._is_name_like(word_before(text, start))  # "Aseany Duncan"
            if verdict in ("person", "first name") or named:
                surnames.add(surface)
                people_at.add(start)
                if verdict == "person" and surface.lower() in self.census_names[0]:
                    given_ends.add(end)  # "Jordan Paris": what follows is the surname
            if verdict == "organisation" and self._only_local(candidates):
                bodies.add(surface)
            if verdict == "organisation" and GROUP_APPOSITION.match(text, end):
                surnames.add(surface)  # "the Fano, a ... network of militias": "The Fano fought" later too
            if not verdict and start - 1 in given_ends and text[start - 1] == " ":
                surnames.add(surface)  # "Jordan Paris", then "Paris scored twice": him
                continue
            if not verdict:
                span = _Span(start, end, surface, candidates)
                kinds = {place.kind for place, _ in candidates}
                if kinds == {"admin1"}:
                    span.embedded = self._in_a_longer_name(
                        text, start, end, *self._neighbours(text, start, end)
                    )
                spans.append(span)
        # A name once used as a person's ("Fidel Castro", "Barry Smith") is theirs on its own later in the
        # text too, unless a preposition says place ("in Barry").
        given, _ = self.census_names
        if others is not None:
            others.people |= surnames
            others.bodies |= bodies
        return [
            s
            for s in spans
            if (
                s.surface not in surnames
                or not self._only_local(s.candidates)
                or word_before(text, s.start).lower() in LOCATIVE_WORDS
            )
            # "from Tyler Austin": a given name whose surname is a person's is theirs, even after "from"
            and not (
                text[s.end : s.end + 1] == " "
                and s.surface.lower() in given
                and (s.end + 1 in people_at or word_after(text, s.end) in surnames)
            )
        ]

    def _candidates(self, surface: str) -> list[tuple[Place, str]]:
        """The places a name may be. A place's own name beats another's alternate name ("Salisbury" is
        the English city, not Harare's colonial name); a name that is only an alternate one (an old,
        foreign or colloquial name: "Motown", "Cleve") counts only for a city as big as ALTERNATE_CITY, and
        never when it is English words ("White House" is no name of Casablanca in English news)."""
        if surface not in self._candidate_cache:
            found, alternates = [], []
            for place_id, role in self.gazetteer.candidates(surface):
                place = self.gazetteer.place(place_id)
                if place is None:
                    continue
                if self._alternate(surface, place):
                    alternates.append((place, role))
                else:
                    found.append((place, role))
            if not found and not self._translated(surface) and not self._is_word(surface):
                # (an English word is no city's other name in English news: "Lime Ridge Mall", not Lima)
                found = [(p, r) for p, r in alternates if p.population >= ALTERNATE_CITY]
            self._candidate_cache[surface] = found
        return self._candidate_cache[surface]

    def _qualified_alternates(self, text: str, start: int, end: int, surface: str) -> list[tuple[Place, str]]:
        """A town named only by another of its names counts when the state or country after it holds it:
        "in Matias Romero, Oaxaca State, Mexico" (GeoNames' own name is "Matías Romero Avendaño")."""
        following = _FOLLOWING_NAME.match(text, end)
        if following is None or self._translated(surface):
            return []
        words = following["name"].split()
        states = [
            place
            for size in range(len(words), 0, -1)
            for place_id, _ in self.gazetteer.candidates(" ".join(words[:size]))
            if (place := self.gazetteer.place(place_id)) is not None and place.kind in STATE_KINDS
        ]
        alternates = [
            (place, role)
            for place_id, role in self.gazetteer.candidates(surface)
            if (place := self.gazetteer.place(place_id)) is not None and place.kind == "city"
        ]
        return [(place, role) for place, role in alternates if any(_holds(state, place) for state in states)]

    def _translated(self, surface: str) -> bool:
        """An alternate name made only of English words is a city's name translated ("White House" for
        Casablanca), not what English news calls it."""
        words = surface.split()
        return len(words) > 1 and all(self._is_word(word) for word in words)

    @staticmethod
    def _only_local(candidates: list[tuple[Place, str]]) -> bool:
        """Cities and states/provinces: the names that people and ordinary words share."""
        return all(place.kind in ("city", "admin1") for place, _ in candidates)

    def _is_word(self, word: str) -> bool:
        lower = word.lower().rstrip(".")
        return lower in self.english_words or lower in STOP_WORDS or _american(lower) in self.english_words

    def _is_name_like(self, word: str, ends_sentence_ok: bool = False) -> bool:
        """A word shaped like a first or last name ("Jason", not "CBC"), that is no English word and no
        well-known place (a small town may share a name with people: Barry, Evans). A word before a name
        that ends in a full stop ends a sentence; one after it may ("... Barry Evans.")."""
        word = word.removesuffix("'s").removesuffix("’s")
        if ends_sentence_ok:
            word = word.removesuffix(".")
        return (
            is_capitalised(word)
            and word[1:].isalpha()
            and word[1:].islower()
            and not self._is_word(word)
            and not any(p.kind != "city" or p.population >= 100_000 for p, _ in self._candidates(word))
        )

    def _not_a_place(self, text: str, start: int, end: int, surface: str, candidates) -> str:
        """Why the words around a name show it is not a place here: "person", "word", or "" (it is one)."""
        before, after = word_before(text, start), word_after(text, end)
        if before.rstrip(".").lower() in PERSON_TITLES:
            return "person"  # "President Obama", "Gen. Jackson"
        kinds = {place.kind for place, _ in candidates}
        if surface.lower() in COMPASS_WORDS and after.islower() and after not in PLACE_WORDS:
            return "word"  # "Western partners", "Central bank": an adjective, not the Western district
        if kinds == {"region"} and text[end : end + 1] == " " and self._candidates(after.rstrip(".,")):
            return "word"  # "Far North Queensland": a part of the place that follows, not the Arctic
        if _AGE.match(text, end) and before.lower() not in LOCATIVE_WORDS:
            return "person"  # "Israel, 24, a nurse", "Chad, 31, of Leeds": no place has an age
        if " " not in surface and text[end : end + 1] == " " and self._famous_surname(after):
            return "person"  # "a message to Vladimir Putin": a leader's first name, even after "to"
        if kinds <= {"city", "admin1"} and _SHARES_OF.search(text, max(0, start - 20), start):
            return "organisation"  # "shares of Toyota fell": the carmaker, not the town
        if text[start - 1 : start] in ("@", "#"):
            return "organisation"  # a handle or a hashtag: "@Gillette", "#Toronto2024"
        if (
            kinds <= {"admin1", "region"}
            and " " not in surface
            and self._is_word(surface)
            and is_capitalised(after)
            and after.rstrip(".,;:").lower() not in PLACE_WORDS
        ):
            return "word"  # "outside City Hall": a building, not a state called City
        if _in_a_water_name(text, start, surface, before, after):
            return "word"  # "the South China Sea", "the Red Sea", "the Gulf of Aden", "Lake Chad"
        if after.split("-")[0].rstrip(".,") in STREET_WORDS and kinds <= {"city", "admin1", "region"}:
            return "word"  # "Trafalgar Street", "Oxford Road": a street, far from its namesake
        if kinds <= {"city", "admin1"} and _STREETS_AFTER.match(text, end):
            return "word"  # "Gottingen and Cornwallis streets": two streets, not Göttingen
        # "Port Dover", "Fort Frances": another place, which the gazetteer lacks
        if kinds <= {"city", "admin1"} and before in NAME_PREFIXES and text[start - 1 : start] == " ":
            return "word"
        if (
            kinds == {"city"}
            and " " not in surface
            and self._is_word(surface)
            and text[end : end + 1] == " "
            and any(p.kind in ("city", "admin1") for p, _ in self._candidates(after.rstrip(".,;:")))
        ):
            return "word"  # "Metro Vancouver", "Downtown Chicago": a word before the place, not a town
        if (
            kinds <= {"city", "admin1"}
            and before.lower() not in LOCATIVE_WORDS
            and self._his_or_hers(text, end)
        ):
            return "person"  # "Peskov made his comments", misspelt "Pskov": a place has no "his"
        # "a pass to Tacoma, who scored": a place is no "who" (but "the mayor of Tacoma, who" is the mayor)
        if kinds <= {"city", "admin1"} and _WHO_AFTER.match(text, end) and before.lower() not in ("of", "in"):
            return "person"
        if kinds <= {"city", "admin1"} and _kin_of(text, end):
            return "person"  # "Darwin's theory", "Jackson's widow": a place has no wife, theory or funeral
        if surface.startswith(("St. ", "St ", "Saint ")) and text[end : end + 2] in ("'s", "’s"):
            return "word"  # "St. Michael's Hospital", "St Paul's Cathedral": the saint's, not a town's
        if self._owned_elsewhere(before, candidates):
            return "word"  # "Australia's Tanna" (a film) is not Thane, India
        if text[end : end + 1] in ("$", "£", "€", "¥"):
            return "word"  # a currency: "US$3.7m", "HK$20"
        if after.lower() == "crude":
            return "word"  # "Brent crude": an oil benchmark, not the London borough
        local = kinds <= {"city", "admin1"} and not any(p.feature_code == "PPLC" for p, _ in candidates)
        # A town, or a city known here only by another of its names ("Cano" for Kano): the names people,
        # firms and bodies share. The bigger the town, the more a rule needs to say it is not the town.
        alternate = self._alternate_only(surface)
        minor = local and (alternate or all(p.population < BIG_TOWN for p, _ in candidates))
        short_of_a_million = local and (alternate or all(p.population < POPULOUS for p, _ in candidates))
        locative = before.lower() in LOCATIVE_WORDS
        # "Orlando Florida": the name before it is a place this one holds
        qualified = self._qualifies(before, candidates)
        if text[end : end + 1] == "." and not after:
            after = word_after(text, end + 1)  # "Jos. A. Bank": the word after the abbreviation's stop
        if local and (_INITIAL.fullmatch(after) or _INITIAL.fullmatch(before)):
            return "person"  # "Cleve R. Wootson", "Charles W. Murphy", "Jos. A. Bank"
        if short_of_a_million and not locative and self._first_name(before) and not qualified:
            return "person"  # "John Bolton", "Victor Cano"; not "Orlando Florida"
        if minor and kinds == {"city"} and not locative and self._census_name(before, surface):
            return "person"  # "Tyler Perry": a given name, then a town that is a common surname
        if (
            kinds <= {"city", "admin1"}
            and not qualified
            and self._given_name_opens(text, start, before)
            and not is_capitalised(after)
        ):
            return "person"  # "QB Tyler Memphis", "Sen. Wade Thornton of Kentucky": whatever the town's size
        town = short_of_a_million and kinds == {"city"}  # a state inside a name is the state's: "Ohio State"
        if town and self._hyphenated(text, start, end):
            return "organisation"  # "Miami-Dade": a name matched whole or not at all
        if (minor or alternate) and self._first_name(surface) and is_capitalised(after) and after.isalpha():
            return "first name"  # "Barry Smith", "Victor Cano": then "Barry" alone is him too
        demonym = any(role == "demonym" for _, role in candidates)  # "BBC Russian Service": no person
        if not (locative or demonym) and self._first_and_last_name(text, end, surface, after):
            return "person"  # "Jordan Peterson spoke", "Paris Hilton visited": a country or a big city too
        if minor and kinds == {"city"} and not locative and after.lower() in ARMED_GROUP_NOUNS:
            return "organisation"  # "the Fano militia", "the Azov battalion": a group named like a town
        if minor and kinds == {"city"} and before.lower() == "the" and GROUP_APPOSITION.match(text, end):
            return "organisation"  # "the Fano, a loose network of Amhara militias": a group, not the town
        if town and self._in_a_longer_name(text, start, end, before, after):
            return "organisation"  # "Bed Bath & Beyond", "Man City", "Commonwealth of Independent States"
        if not locative and self._institution(surface, kinds, candidates):
            return "organisation"  # "the Duma", "the Knesset": a body PETRARCH2 knows, not a Syrian town
        if (
            short_of_a_million
            and kinds == {"city"}
            and not locative
            and self._speaks(text, start, before, after)
        ):
            return "person"  # "said Logan", "Moyo argued": a town does not speak; its namesake does
        if " " not in surface and after == "of" and self._is_word(surface) and short_of_a_million:
            return "word"  # "University of Pittsburgh", "Bank of England": a word, not a town of that name
        if " " not in surface and after == "for" and self._is_word(surface) and local and not locative:
            return "organisation"  # "the Centre for Israel and Jewish Affairs", not Cameroon's Centre
        if (
            (minor or alternate)
            and not (locative or qualified)
            and self._named_person(text, end, surface, before, after)
        ):
            return "person"  # "John Bolton", "Victor Cano", "the Obama administration"
        if local and not locative and after == "and" and self._couple(text, end, surface):
            return "person"  # "Brent and Lynnette Hain": a couple, not a London borough
        if kinds <= {"city", "admin1"} and surface.lower() in self.armed_groups:
            return "organisation"
        titled = _titled(text, end)  # "B.C. Premier", "Calif. Gov.", "B.C. Housing Minister"
        if (
            kinds == {"admin1"}
            and surface.endswith(".")
            and not (follows_comma(text, start) or locative or titled)
        ):
            return "word"  # "Jackson, Miss." and "in B.C." are states; "500 B.C." and "Miss. Smith" are not
        if kinds == {"city"} and surface.lower() in CALENDAR_WORDS:
            return "word"  # "in March": the town of March is a rare reading
        if kinds <= {"city", "admin1"} and (before in CLUB_PREFIXES or after in CLUB_SUFFIXES):
            return "organisation"
        if kinds <= {"city", "admin1"} and not locative and _scored(text, start, end, after):
            return "organisation"  # "Arsenal beat Sevilla 2-0", "drew 1-1 with Preston", "Ajax fans"
        if kinds == {"country"} and _VENUE_AFTER.match(text, end):
            return "organisation"  # "the Emirates Stadium", "Canada Life Centre": a sponsor's name
        if kinds <= {"city", "admin1"} and self._team(text, end, after):
            return "organisation"  # "the Houston Astros", "San Francisco 49ers": a team, however big the city
        if (
            kinds == {"city"}
            and text[start - 1 : start] == " "
            and self._is_name_like(before)
            and not at_sentence_start(text, start - len(before) - 1)
            and not self._candidates(before)
        ):
            return "person"  # "Huawei executive Meng Wanzhou": a name before it, however big the city
        populous = any(place.kind == "city" and place.population >= POPULOUS for place, _ in candidates)
        if kinds & {"disputed", "region"} or populous or before.lower() in LOCATIVE_WORDS:
            return ""
        if self._is_name_like(before) and not qualified:
            return "person"  # "Jason Barry", "Fidel Castro", "Michael Jordan"; not "Orlando Florida"
        if kinds - {"city", "admin1"}:
            return ""
        name_follows = self._is_name_like(after, ends_sentence_ok=True) and text[end : end + 1] == " "
        if " " not in surface and name_follows:
            # "Vladimir Putin", "Barry Evans"; a state needs the name to end there too, so
            # "Florida Atlantic University" stays a place.
            if kinds == {"city"} or not is_capitalised(word_after(text, text.index(after, end) + len(after))):
                return "first name"
        if " " not in surface and surface.lower() in self.english_words:
            # "Police said", "Bank", the "Western" province; a city as big as Reading or Cairns is
            # still the city, unless the word merely opens a sentence ("Reading the report, ...").
            big = any(place.population >= BIG_TOWN and place.name == surface for place, _ in candidates)
            if not big or at_sentence_start(text, start):
                return "word"
        return ""

    def _first_and_last_name(self, text: str, end: int, surface: str, after: str) -> bool:
        """A first name that is also a country's or a city's, then one capitalised word that is no place
        word, title or organisation's head, and then the name ends ("Jordan Peterson spoke", "Israel
        Adesanya won"): a person, however big the place. "Jordan River", "Sydney Harbour", "Washington
        Post" and "Georgia Tech Institute" are not. A given name only the census knows ("Paris", "Orlando")
        needs a surname it knows, or one no dictionary has ("Paris Hilton", "Chad Daybell"; but not "the
        Paris Agreement" or "Orlando Magic")."""
        if " " in surface or not is_capitalised(surface) or text[end : end + 1] != " ":
            return False
        word = after.rstrip(".,;:")
        if not (is_capitalised(word) and word.isalpha()) or word.isupper() or word.lower() in NOT_SURNAMES:
            return False  # "Washington DC", "Victoria BC": an abbreviation is no surname
        given, surnames = self.census_names
        # a surname the census knows, or a word no English dictionary has ("Chad Daybell")
        common = word.lower() in surnames
        surname = common or (word[1:].islower() and word.lower() not in self.english_words)  # not "KLM"
        if not (self._first_name(surface) or (surface.lower() in given and surname)):
            return False
        if word in ORGANISATION_HEADS or word in CLUB_SUFFIXES:
            return False
        places = self._candidates(word)
        # ... but "Jordan Paris" and "Kerry Washington" are people: a place after a given name that holds
        # no place of its name ("Sydney Australia", "Orlando Florida") is no qualifier
        chained = any(_holds(p, q) for p, _ in places for q, _ in self._candidates(surface))
        if places and (chained or (not surname and word.lower() in self.english_words)):
            return False
        following = word_after(text, text.index(after, end) + len(after))
        return after != word or not following or not is_capitalised(following)

    def _team(self, text: str, end: int, after: str) -> bool:
        """A city's name then a capitalised plural that is no place word nor place: a team ("Houston
        Astros", "Toronto Raptors", "San Francisco 49ers")."""
        if _NUMBERED_TEAM.match(text, end):
            return True
        word = after.rstrip(".,;:")
        if text[end : end + 1] != " ":
            return False  # a possessive or a plural's apostrophe ("Traders' Association") is no team
        if not _PLURAL_NAME.fullmatch(word):
            return self._two_word_team(text, end, after)
        following = word_after(text, text.index(after, end) + len(after))
        if following and is_capitalised(following):
            return False  # the name goes on: "Edmonton Schools Partnership"
        if word in ORGANISATION_HEADS:
            return False  # "Los Angeles Times": a newspaper, which `_opens_an_organisation_name` keeps
        return word.lower() not in NOT_SURNAMES and not self.gazetteer.candidates(word)

    def _two_word_team(self, text: str, end: int, after: str) -> bool:
        """ "The Toronto Maple Leafs beat the Montreal Canadiens 4-2": a city's name, a capitalised word
        and a capitalised plural, where the name ends, told as sport ("Toronto Public Schools" is not)."""
        if not (is_capitalised(after) and after.isalpha()) or after.lower() in PLACE_WORDS:
            return False
        plural_at = text.index(after, end) + len(after)
        plural = word_after(text, plural_at)
        word = plural.rstrip(".,;:")
        if not _PLURAL_NAME.fullmatch(word) or word in ORGANISATION_HEADS or self.gazetteer.candidates(word):
            return False
        following = word_after(text, text.index(plural, plural_at) + len(plural))
        if word == plural and following and is_capitalised(following):
            return False  # the name goes on
        return off_topic(text[max(0, end - 200) : end + 200]) == "sport"

    @staticmethod
    def _his_or_hers(text: str, end: int) -> bool:
        """The name does something to "his" or "her" own: "X made his comments", "X lost her seat"."""
        verb = word_after(text, end)
        if not verb.isalpha() or not verb.islower() or text[end : end + 1] != " ":
            return False
        owner = word_after(text, text.index(verb, end) + len(verb))
        return owner in ("his", "her")

    def _owned_elsewhere(self, before: str, candidates) -> bool:
        """A country's possessive before the name ("Australia's ...") and no candidate in that country:
        the name is that country's thing, not one of these places."""
        owner = before.removesuffix("'s").removesuffix("’s")
        if owner == before or not self._only_local(candidates):
            return False  # "China's Hong Kong", "Denmark's Greenland": a territory may have its own code
        states = {p.country for p, _ in self._candidates(owner) if p.kind == "country"}
        return bool(states) and not any(p.country in states for p, _ in candidates)

    def _in_a_longer_name(self, text: str, start: int, end: int, before: str, after: str) -> bool:
        """The name is one word of a longer proper name that is not a place: capitalised words run on
        after it or before it ("Virginia Rail Express", "Bed Bath & Beyond", "Nord Stream 2", "Man City",
        "Commonwealth of Independent States"), other than place words ("Los Angeles County") and other
        places ("Far North Queensland": the place is Queensland)."""
        gap_after, gap_before = text[end : end + 3], text[max(0, start - 3) : start]
        if gap_after[:2] in (" &", " +") or gap_before[-2:] in ("& ", "+ "):
            return True  # "Bed Bath & Beyond", "Salt + Smoke"
        if after == "City" and not self.gazetteer.candidates(text[start:end] + " City"):
            return True  # "Man City", "Hull City": a club named after a town is no city of that name
        if _titled(text, end):
            return False  # "B.C. Housing Minister Ravi Kahlon": the province's minister
        if text[end : end + 1] == " " and self._continues_a_name(after, after_name=True):
            # unless the name it runs into is a place's: "Pearson International Airport"
            following = text[end : end + 60].split()[:5]
            words = [w.strip(".,;:").lower().removesuffix("'s").removesuffix("’s") for w in following]
            run = [w for w, raw in zip(words, following, strict=True) if is_capitalised(raw)]
            return not any(w in PLACE_WORDS for w in run[: len(run)])
        if after == "of" and self._continues_a_name(word_after(text, text.index("of", end) + 2)):
            return True  # "Commonwealth of Independent States"
        return (
            text[start - 1 : start] == " "
            and self._continues_a_name(before)
            and not at_sentence_start(text, start - len(before) - 1)
        )

    @staticmethod
    def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
        return word_before(text, start), word_after(text, end)

    @staticmethod
    def _of_the_story(span: _Span, context: _Context) -> bool:
        """The story is about the country of one of the span's places: a fair share of its other names
        lie there (a Russian story that names France once among fifty places is no French story)."""
        return any(
            context.country_share(place.country, span.surface) >= COUNTRY_STORY_SHARE
            for place, _ in span.candidates
        )

    def _alternate_only(self, surface: str) -> bool:
        """The name is none of its places' own names, only an alternate one ("Cano" for Kano)."""
        candidates = self._candidates(surface)
        return bool(candidates) and all(self._alternate(surface, p) for p, _ in candidates)

    def _alternate(self, surface: str, place: Place) -> bool:
        """The name is another of the place's names, not its own; "Gaza City" and "Kuwait City" (its own
        name and "City") are what English news calls the town."""
        return (
            self.gazetteer.is_alternate(surface, place.id)
            and surface != f"{place.name} City"
            and surface not in saint_abbreviated(place.name)  # "St. Paul" is Saint Paul's own name
        )

    def _named_person(self, text: str, end: int, surface: str, before: str, after: str) -> bool:
        return surface.lower() in self.famous_surnames or self._first_name(before)

    def _couple(self, text: str, end: int, surface: str) -> bool:
        """ "Brent and Lynnette Hain", "Lynn and Bob Fodge": first names sharing the surname after them."""
        partner_at = text.index("and", end) + 3
        partner = word_after(text, partner_at)
        surname = word_after(text, text.index(partner, partner_at) + len(partner)) if partner else ""
        both_capitalised = is_capitalised(partner) and is_capitalised(surname)
        return both_capitalised and (self._first_name(surface) or self._first_name(partner))

    @staticmethod
    def _hyphenated(text: str, start: int, end: int) -> bool:
        """The name is joined by a hyphen to another word ("Miami-Dade", "Obama-era")."""
        return (text[start - 2 : start - 1].isalpha() and text[start - 1 : start] == "-") or (
            text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha()
        )

    @staticmethod
    def _institution(surface: str, kinds: set[str], candidates) -> bool:
        """A one-word name PETRARCH2 lists as a state's institution ("Duma", "Knesset"), for a town."""
        entry = single_names().get(surface.lower())
        return bool(entry) and kinds == {"city"} and entry[1] in ("GOV", "LEG", "MIL", "SPY", "COP", "JUD")

    def _famous_surname(self, word: str) -> bool:
        word = word.rstrip(".,;:").removesuffix("'s").removesuffix("’s")
        return is_capitalised(word) and word.lower() in self.famous_surnames

    def _qualifies(self, before: str, candidates) -> bool:
        """The place is a state that holds a place of the name before it: "Orlando Florida"."""
        return any(_holds(state, place) for state, _ in candidates for place, _ in self._candidates(before))

    def _given_name_opens(self, text: str, start: int, before: str) -> bool:
        """A given name of the census right before, that opens a name: no capitalised word precedes it but a
        title or a sentence's start ("team member Glen Sydney", "Sen. Wade Thornton", "Tyler Memphis
        threw", "a pass from Jalen Tacoma")."""
        given, _ = self.census_names
        if not (is_capitalised(before) and before.lower() in given and text[start - 1 : start] == " "):
            return False
        if before.lower() in STOP_WORDS or before.lower() in LOCATIVE_WORDS:
            return False  # "In Edmonton, the creek rose": the census lists "In" as a given name too
        opens = start - 1 - len(before)
        if text[opens : start - 1] != before:
            return False
        prior = word_before(text, opens)
        return (
            at_sentence_start(text, opens)
            or not is_capitalised(prior)
            or prior.rstrip(".").lower() in PERSON_TITLES
            or self._is_word(prior)  # "Quarterback Wade Memphis threw"
        )

    def _census_name(self, given: str, surname: str) -> bool:
        """A given name and a surname of the census, both capitalised: "Tyler Perry"."""
        given_names, surnames = self.census_names
        return is_capitalised(given) and given.lower() in given_names and surname.lower() in surnames

    def _first_name(self, word: str) -> bool:
        return is_capitalised(word) and word.lower() in self.first_names

    def _continues_a_name(self, word: str, after_name: bool = False) -> bool:
        """A capitalised word that makes a longer name with the place name next to it, rather than a
        place word ("County"), a compass word before a place ("South Ossett"), or a place of its own."""
        word = word.rstrip(".").split("-")[0].removesuffix("'s").removesuffix("’s")
        return (
            is_capitalised(word)
            and word.isalpha()
            and word.lower() not in STOP_WORDS
            and word.lower() not in PLACE_WORDS
            and (after_name or word.lower() not in COMPASS_WORDS)  # "Kanye West" is a name
            and word.lower() not in PERSON_TITLES
            and word.lower() not in LOCATIVE_WORDS
            and not self.gazetteer.candidates(word)  # another place, a demonym, a country
        )

    @staticmethod
    def _speaks(text: str, start: int, before: str, after: str) -> bool:
        """ "said Logan" (after a quotation or at a clause's start), "Logan said", "Moyo argued": the
        name is who speaks."""
        if before.lower() in SPEECH_WORDS:
            said = text.rfind(before, 0, start)
            opening = text[max(0, said - 3) : said].strip()
            return not opening or opening[-1] in "\"”',"
        return after.lower() in SPEECH_WORDS and not follows_comma(text, start)

    def _upper_case_names(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Names in upper-case runs (datelines "RABAT, Nov 25", headlines), looked up title-cased. A
        wire dateline names where the story was filed, so its place need not be a large one ("SEVERN,
        Md. (ABC7) —"): the state after it, if any, then says which."""
        names = []
        dateline = find_dateline(text)
        if dateline is not None and not any(s < dateline.end and dateline.start < e for s, e, _ in found):
            surface = text[dateline.start : dateline.end].title()
            if self._candidates(surface):
                names.append((dateline.start, dateline.end, surface))
                found = [*found, names[-1]]
        for run in _UPPER_RUN.finditer(text):
            if any(s < run.end() and run.start() < e for s, e, _ in found):
                continue
            words = [word.span() for word in _NON_SPACE.finditer(text, run.start(), run.end())]
            if len(words) == 1 and not _headline_line(text, run.start(), run.end()):
                continue  # one upper-case word in running text is an acronym: "the news agency SANA"
            index = 0
            while index < len(words):
                for size in (3, 2, 1):  # longest first
                    if index + size > len(words):
                        continue
                    start, end = words[index][0], words[index + size - 1][1]
                    surface = text[start:end].rstrip(".").title()
                    if len(surface) >= 4 and self._is_major(surface):
                        names.append((start, start + len(surface), surface))
                        index += size
                        break
                else:
                    index += 1
        return names

    def _is_major(self, surface: str) -> bool:
        """Upper-case text is noisy (acronyms), so only well-known places are looked up in it."""
        return any(p.kind != "city" or p.population >= 100_000 for p, _ in self._candidates(surface))

    def _attach_qualifiers(self, text: str, spans: list[_Span]) -> None:
        """A state or country right after a comma qualifies a city: "Edmonton, Alta.", "Paris, Texas"; so
        does one before its kind: "the southern English city of Salisbury", "the Texan town of Paris". A
        name after "the town of" is a town, not its region."""
        for span, following in zip(spans, spans[1:], strict=False):
            if _QUALIFIER_GAP.match(text[span.end : following.start]) and following.start - span.end <= 3:
                span.qualifiers = [p for p, _ in following.candidates if p.kind in STATE_KINDS]
                # and the qualifier is the state that holds it: "Juchitan, Oaxaca, Mexico" is the state of
                # Oaxaca and the country, not Oaxaca city and Mexico City
                holding = [q for q in span.qualifiers if any(_holds(q, p) for p, _ in span.candidates)]
                if holding:
                    following.candidates = [c for c in following.candidates if c[0] in holding]
        # "Ontario Premier Doug Ford", "London Mayor Sadiq Khan": the title says what kind of place, here
        # and, one sense per story, wherever else the story names it ("Quebec's government ... give Quebec
        # control": the province both times)
        headed: dict[str, tuple[str, ...]] = {}
        for span in spans:
            headed[span.surface] = headed.get(span.surface) or _headed_kinds(text, span.end)
        for span in spans:
            kinds = headed[span.surface]
            span.candidates = [c for c in span.candidates if c[0].kind in kinds] or span.candidates
            towns = [(p, role) for p, role in span.candidates if p.kind == "city"]
            if towns and _A_TOWN_OF.search(text, max(0, span.start - 20), span.start):
                span.candidates, span.named_a_town = towns, True
            described = _DESCRIBED.search(text, max(0, span.start - 60), span.start)
            if described:
                places = (self.gazetteer.place(i) for i, _ in self.gazetteer.candidates(described["place"]))
                span.qualifiers += [p for p in places if p is not None and p.kind in STATE_KINDS]

    # -- 2. context ----------------------------------------------------------------------------------
    def _context(self, spans: list[_Span], demonyms: bool = True) -> _Context:
        """Countries and states the article names unambiguously, as evidence for the ambiguous names;
        `demonyms`: with the countries its demonyms name, which say whose, not where ("Russian troops
        captured a village in the Donetsk region" is no evidence for the Russian town of Donetsk)."""
        chosen = []
        for span in spans:
            if not demonyms and _a_demonym(span):
                continue
            ranked = sorted((_prior(p) for p, _ in span.candidates), reverse=True)
            if len(ranked) > 1 and ranked[0] - ranked[1] < 1.0:
                continue
            chosen.append((span.surface, max(span.candidates, key=lambda c: _prior(c[0]))[0]))
        return _context_of(chosen)

    @staticmethod
    def _resolved_context(
        spans: list[_Span], resolved: list[tuple[Place, str, float]], demonyms: bool = True
    ) -> _Context:
        """The article's countries, states and cities as a first reading resolved them, each at least
        RESOLVED_CONTEXT sure."""
        return _context_of(
            (span.surface, place)
            for span, (place, _, confidence) in zip(spans, resolved, strict=True)
            if confidence >= RESOLVED_CONTEXT and (demonyms or not _a_demonym(span))
        )

    def _add_local_towns(
        self, text: str, spans: list[_Span], context: _Context, people: set[str] = frozenset()
    ) -> list[_Span]:
        """Small towns count only in the states the article names ("McKee" in a story about Kentucky)."""

        def local_places(surface: str) -> list[tuple[Place, str]]:
            places = (self.gazetteer.place(i) for i in self.gazetteer.local_candidates(surface))
            return [(p, "literal") for p in places if p and (p.country, p.admin1) in context.admin1]

        for span in spans:
            span.candidates += local_places(span.surface)
        # "the La Plata County Sheriff's Office" in a Colorado story: a county is its state's, not a
        # namesake town abroad (the gazetteer holds no counties)
        counties = [s for s in spans if _COUNTY_AFTER.match(text, s.end)]
        for span in counties:
            span.candidates = [
                (p, role) for p, role in span.candidates if (p.country, p.admin1) in context.admin1
            ]
        spans = [s for s in spans if s.candidates]
        if not context.admin1:
            return spans
        added = []
        for start, end in self.local_finder.find(text):
            if any(s.start < end and start < s.end for s in spans):
                continue
            surface = text[start:end]
            if surface in people or (
                surface.lower() in self.census_names[0] and word_after(text, end) in people
            ):
                continue  # "Tyler Austin" in a Dallas story: a player, not the Texan town
            candidates = local_places(surface)
            if candidates and not self._not_a_place(text, start, end, surface, candidates):
                added.append(_Span(start, end, surface, candidates))
        return sorted(spans + added, key=lambda s: s.start)

    # -- 3. resolution -------------------------------------------------------------------------------
    def _score(self, place: Place, span: _Span, context: _Context) -> float:
        score = _prior(place) + COUNTRY_CONTEXT_WEIGHT * context.country_share(place.country, span.surface)
        if place.kind == "admin1":
            score -= self._lesser_namesake(place, span)
        if place.kind == "city":
            if place.feature_code == "PPLC" and all(other.kind == "city" for other, _ in span.candidates):
                # a national capital against towns of its name: "Ottawa" beside "Washington" is still
                # Canada's capital, not a town in Illinois (a country of the name still wins: "Mexico")
                score += CAPITAL_OVER_TOWNS
            if context.admin1.get((place.country, place.admin1), set()) - {span.surface}:
                score += ADMIN1_CONTEXT_WEIGHT  # another name's state: "Porto" is no context for "Porto"
            score += context.proximity(place, span.surface)
            for qualifier in span.qualifiers:
                if (
                    place.country == qualifier.country
                    and qualifier.kind == "country"
                    or (place.country == qualifier.country and place.admin1 == qualifier.admin1)
                ):
                    score += QUALIFIER_WEIGHT
                    break
        return score

    def _lesser_namesake(self, state: Place, span: _Span) -> float:
        """How far fewer people live in this state than in the most populous state of the same name, in
        the weight of a town's population: "Florida" is Florida, USA unless the context says Uruguay.
        The most populous one loses nothing, so states still weigh against towns as before."""
        people = self.gazetteer.people_of_state
        namesakes = [people.get(p.id, 0) for p, _ in span.candidates if p.kind == "admin1"]
        if len(namesakes) < 2:
            return 0.0
        return POPULATION_WEIGHT * (math.log10(max(namesakes) + 1) - math.log10(people.get(state.id, 0) + 1))

    def _resolve(self, span: _Span, context: _Context) -> tuple[Place, str, float]:
        scored = sorted(
            ((self._score(place, span, context), place, role) for place, role in span.candidates),
            key=lambda item: -item[0],
        )
        best_score, place, role = scored[0]
        weights = [(math.exp(score - best_score), other) for score, other, _ in scored]
        # Sure of the place as the map shows it: candidates that put the dot in the same spot ("Malta" the
        # country and its island, "Liverpool" the city and its district) are one reading, not rivals.
        same = sum(weight for weight, other in weights if _same_reading(place, other))
        # One candidate is still only as sure as a dictionary match can be.
        return place, role, min(0.97, same / sum(weight for weight, _ in weights))

    def _placeness(self, text: str, span: _Span, place: Place, role: str) -> float:
        """How likely the name is a place at all, the other half of a mention's confidence (resolution
        says which place, if it is one): a country, a territory, a region or a demonym almost always is;
        a state nearly; a city as likely as it is big, unless a preposition or a state after a comma
        says place ("in Barry", "Edmonton, Alta."); a name known only as another's alternate less."""
        if role == "demonym" or place.kind in ("country", "disputed", "region"):
            return 1.0
        if place.kind == "admin1":
            score = 0.9
        else:
            score = next(score for floor, score in PLACENESS_BY_POPULATION if place.population >= floor)
        if _said_to_be_a_place(text, span):
            score = max(score, 0.95)
        if self._alternate_only(span.surface):
            score *= 0.8
        return score

    @staticmethod
    def _foreign_modifier(text: str, span: _Span, place: Place, context: _Context) -> bool:
        """A town or district named only as a word before a noun ("Angus cattle", "Angus breeder"), in a
        story that names no other place of its country: more likely a breed, a brand or a name than the
        place. Capitals, big cities and states of the story's country are not doubted ("Moscow talks")."""
        if place.kind not in ("city", "admin1") or place.feature_code == "PPLC":
            return False
        if place.population >= POPULOUS:
            return False
        after = word_after(text, span.end)
        # a noun after it, not a verb or a small word ("Kandahar has seen...", "Tver said")
        noun = after.isalpha() and after.islower() and after not in STOP_WORDS and after not in SPEECH_WORDS
        modifies = text[span.end : span.end + 1] == " " and noun and not after.endswith("ed")
        locative = _said_to_be_a_place(text, span)
        return modifies and not locative and context.country_share(place.country, span.surface) == 0

    def _stranger(self, text: str, span: _Span, place: Place, context: _Context) -> bool:
        """A small town or a state of a country the story names nothing else in, while its other places
        are all elsewhere, and nothing ("in", a state after a comma, its council) says place: "the Federal
        Member for Kennedy" in a Queensland story is no Colombian town, "Hidalgo has helped" in a Syrian
        one no Mexican state. More likely a name than a place."""
        small_town = place.kind == "city" and place.population < BIG_TOWN
        district = self.gazetteer.in_a_bigger_city(place)
        if not (small_town or district or place.kind == "admin1") or not context.all_countries:
            return False
        # A preposition says place, but not which: a district of a faraway city named by a common word
        # ("at Commonwealth Cancer Center" in Kentucky is no part of Quezon City) needs its state named,
        # and a preposition before a longer name is the longer name's ("at Renfrew Park School")
        runs_on = _runs_into_a_name(text, span.end)
        if (district and self._is_word(span.surface)) or runs_on:
            locative = bool(span.qualifiers or span.named_a_town)
        else:
            locative = _said_to_be_a_place(text, span)
        # "Enfield Council's head of arts": a place's own government says place
        body = word_after(text, span.end).removesuffix("'s").removesuffix("’s").lower()
        governed = body in STATE_BODIES or body == "council"
        if locative or governed or not context.names_elsewhere(span.surface):
            return False  # "Kandahar has seen heavy fighting", alone in its story, is the place
        return context.country_share(place.country, span.surface) == 0

    def _is_metonymic(self, text: str, span: _Span, place: Place) -> bool:
        """ "Rabat said", "Washington warned": a country or capital acting as its government."""
        if place.kind not in ("country", "disputed") and place.feature_code != "PPLC":
            return False
        return word_after(text, span.end).lower() in REPORTING_VERBS


# What a team does, or has done to it, next to its city's name in a match report.
_SCORE_AFTER = re.compile(r"\s*\(?\d{1,3}-\d{1,3}\b")
TEAM_VERBS_AFTER = frozenset(
    "host hosts hosted visit visits visited play plays played beat beats edge edged rallied defeated"
    " trailed led leads scored clinched sign signs signed".split()
)
TEAM_WORDS_BEFORE = frozenset(
    "host hosts visit visits beat beats edge edged over past against give gave face faces".split()
)


def _plays(text: str, span: _Span) -> bool:
    """The name is a team's here: a score after it ("Kansas City (10-4)"), or a match told around it
    ("Denver visits Phoenix", "Host Houston next Sunday", "give Winnipeg a 4-3 victory"), in words of
    sport."""
    after = word_after(text, span.end).lower()
    before = word_before(text, span.start).lower()
    told = (after in TEAM_VERBS_AFTER and text[span.end : span.end + 1] == " ") or before in TEAM_WORDS_BEFORE
    if not (told or _SCORE_AFTER.match(text, span.end)):
        return False
    return off_topic(text[max(0, span.start - 200) : span.end + 200]) == "sport"


def _a_team_here(text: str, span: _Span, place: Place, dateline) -> bool:
    """A city or state that is a team elsewhere in the match report is the team here too, unless a
    preposition, a dateline or a comma says place ("in Denver", "DENVER (AP) —", "Victoria, B.C.")."""
    if place.kind not in ("city", "admin1") or span.qualifiers or follows_comma(text, span.start):
        return False
    if dateline is not None and dateline.start <= span.start < dateline.end:
        return False
    return word_before(text, span.start).lower() not in LOCATIVE_WORDS


def _opens_an_organisation_name(text: str, end: int) -> bool:
    """The name runs on, in capitalised words, into an organisation's last word (ORGANISATION_HEADS):
    "Washington Post", "Los Angeles Times", "Tunisian Criminal Code"."""
    at = end
    for _ in range(3):
        if text[at : at + 1] != " ":
            return False
        word = word_after(text, at)
        if not is_capitalised(word):
            return False
        if word.rstrip(".,;:").removesuffix("'s").removesuffix("’s") in ORGANISATION_HEADS:
            return True
        at = text.index(word, at) + len(word)
    return False


def toponym_record(mention: Mention, gazetteer: Gazetteer) -> dict:
    """A mention as the `geoparse` command writes it: span, resolved place, role, confidence and the
    offsets of its sentence."""
    place = gazetteer.place(mention.place_id)
    return {
        "start": mention.start,
        "end": mention.end,
        "name": mention.text,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "country": place.country if place else None,
        "place_id": mention.place_id,
        "kind": place.kind if place else None,
        "role": mention.role,
        "confidence": mention.confidence,
        "sentence_start": mention.sentence_start,
        "sentence_end": mention.sentence_end,
    }
