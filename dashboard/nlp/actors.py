"""Actors: the noun phrases that do things in an event, with their country, sector, kind and title.

An actor's country comes from the place names inside its phrase (the geoparser's mentions: "Israeli
Defense Minister Benny Gantz" → ISR), else from PETRARCH2's lists of leaders, of armed groups ("Hamas" →
PSE, REB) and of organisations ("Amnesty International" → NGO); its sector and kind from the words naming
its role. Within an article, a surname or a bare role refers back to the person named before ("Gantz",
"the minister" → "Benny Gantz").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.model import Actor, Mention, Place, content_id
from dashboard.nlp.geoparse import CALENDAR_WORDS
from dashboard.nlp.lexicon import (
    acronyms,
    agents,
    armed_groups,
    institutions,
    leader_surnames,
    leaders,
    namesakes,
    organisations,
    people,
    single_names,
)
from dashboard.nlp.tree import Phrase, Word

PROTEST_NOUNS = frozenset("demonstration demonstrations protest protests rally rallies sit-in".split())
# Role words → (kind, sector). Sectors follow CAMEO/PLOVER actor codes.
ROLE_WORDS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        "government administration ministry minister president premier chancellor cabinet parliament"
        " senator lawmaker lawmakers official officials spokesman spokeswoman ambassador envoy diplomat"
        " diplomats king queen prince emir sultan mayor governor authorities regime state department"
        " counterpart delegation regulator secretary commissioner".split(),
        ("government", "GOV"),
    ),
    **dict.fromkeys(
        "army military troops soldiers soldier forces navy marines general commander militia"
        " peacekeepers".split(),
        ("military", "MIL"),
    ),
    **dict.fromkeys("police policemen policeman gendarmes gendarmerie".split(), ("military", "COP")),
    **dict.fromkeys(
        "rebels rebel insurgents insurgent militants militant guerrillas separatists jihadists".split(),
        ("group", "REB"),
    ),
    **dict.fromkeys("opposition".split(), ("group", "OPP")),
    **dict.fromkeys("court judge judges prosecutor prosecutors".split(), ("government", "JUD")),
    **dict.fromkeys(
        "protesters protester demonstrators demonstrator activists activist".split(), ("group", "OPP")
    ),
    # A protest acted on stands for its protesters: "police broke up the demonstration".
    **dict.fromkeys(PROTEST_NOUNS, ("group", "OPP")),
    # A country's people are not its state: "the FBI arrested two Chinese nationals" is no act on China.
    **dict.fromkeys(
        "civilians residents people villagers refugees nationals citizens migrants tourists pilgrims".split(),
        ("group", "CVL"),
    ),
    # Weapons that stand for the forces using them: "Israeli tanks fired", "Russian warplanes struck".
    **dict.fromkeys(
        "tank tanks warplane warplanes jets gunships helicopters drones artillery warship warships".split(),
        ("military", "MIL"),
    ),
    # Titles as news abbreviates them: "Gen. Khalifa Haftar", "Sen. Ted Cruz", "Gov. Kathy Hochul".
    **dict.fromkeys("gen. gen lt. col. maj. brig. adm. capt. sgt. cmdr.".split(), ("military", "MIL")),
    **dict.fromkeys("sen. rep. gov. amb. pres. atty.".split(), ("government", "GOV")),
    **dict.fromkeys("company firm corporation bank".split(), ("organisation", "BUS")),
    **dict.fromkeys("journalist journalists newspaper reporter".split(), ("person", "MED")),
    # not "union": "the European Union"
    **dict.fromkeys("unionist unionists unions".split(), ("group", "LAB")),
}
# Role words that name one person: "he" may refer back to "the prime minister of Nepal".
PERSON_ROLES = frozenset(
    "minister president premier chancellor senator lawmaker official spokesman spokeswoman ambassador"
    " envoy diplomat king queen prince emir sultan mayor governor general commander judge prosecutor"
    " counterpart chief leader secretary commissioner".split()
)
# Words that make a proper name an institution, when capitalised as part of it: "the Department of
# Education", "the National Front", "the Revolutionary Guards" (but not "the front door" or "an office").
INSTITUTION_WORDS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        "agency office commission council committee bureau directorate secretariat coalition"
        " embassy consulate authority department".split(),
        ("government", "GOV"),
    ),
    **dict.fromkeys("party alliance league".split(), ("group", "PTY")),
    **dict.fromkeys("congress assembly".split(), ("government", "LEG")),
    **dict.fromkeys("movement front".split(), ("group", "OPP")),
    **dict.fromkeys(
        "guard guards brigade brigades battalion battalions militias command corps".split(),
        ("military", "MIL"),
    ),
}
# Buildings that stand for who governs from them: "the White House", "the Blue House", "State House".
PLACE_OF_POWER = frozenset("house palace hall".split())
INTERNATIONAL_ORGANISATIONS = re.compile(
    r"(?<!\w)(UN|U\.N\.|United Nations|Security Council|NATO|EU|European Union|African Union|IMF|"
    r"World Bank|OPEC|Arab League|WHO|ASEAN|OSCE|UNHCR|UNICEF|IAEA|WTO|ICC|Interpol|Red Cross|ICRC)(?!\w)"
)
# "the Trump administration", "the Obama administration": in news, a president's administration is
# the United States government unless the phrase names another country.
ADMINISTRATION = re.compile(r"\b[A-Z][a-z]+ administration\b")
# "the Harper government", "the Modi government": a leader's surname before the body they led.
LEADERS_GOVERNMENT = re.compile(r"\b([A-Z][a-z]+) (?:government|administration|cabinet)\b")


@lru_cache(maxsize=4096)
def _leader_country(surname: str) -> str | None:
    """The country of the one listed leader with this surname, if only one has it."""
    countries = {c for name, (c, _) in leaders().items() if name.split()[-1] == surname.lower() and c}
    return countries.pop() if len(countries) == 1 else None


# What a name may end with that is not part of it: "the Islamic State group".
GENERIC_HEADS = frozenset("group network movement organisation organization militia faction".split())
# Who speaks or acts for a listed group, and what it holds, stand for the group: "Hamas leaders",
# "Taliban officials", "strikes on Hezbollah positions" (as PETRARCH2 codes "Israeli targets").
MEMBER_HEADS = frozenset(
    "leader leaders leadership member members official officials spokesman spokeswoman fighters"
    " commander commanders negotiators delegation target targets position positions base bases"
    " stronghold strongholds hideout hideouts camp camps militants gunmen government regime"
    " operative operatives drones missiles rockets boats vessels tunnels".split()
)
PHRASE_DEPS = frozenset("compound amod det poss nummod nmod quantmod case flat appos".split())
# Clauses inside a kept modifier are not part of a name: "a caravan of migrants that drew criticism".
CLAUSE_DEPS = frozenset("relcl acl advcl ccomp xcomp csubj parataxis".split())
# A possessive determiner before a name says whose, not who: "his brother Raul".
POSSESSIVES = frozenset("my your his her its our their".split())
# Quantifiers that float after a subject: "Britain and France both condemned".
FLOATING_QUANTIFIERS = frozenset("both all each alike".split())


@dataclass(frozen=True, slots=True)
class ActorPhrase:
    actor: Actor
    start: int  # character offsets in the article
    end: int
    named: bool = True  # a name (a proper noun, a listed actor, a state), not a common noun ("the man")
    plural: bool = False  # its head is plural ("the rebels"): what "they" may refer to


def phrase_tokens(head: Word) -> list[Word]:
    """The head noun with its modifiers, without clauses, conjuncts or trailing prepositions."""
    keep, clauses = [head], set()
    governor = head.head
    for child in head.children:
        if governor is not head and head.i < governor.i < child.i:
            continue  # "Thousands rallied ..., some waving flags": a phrase never spans its verb
        trailing_of_in = (
            child.dep_ == "prep"
            and child.i > head.i
            and child.lower_ in ("of", "in")
            and not any(c.dep_ == "pcomp" for c in child.children)  # "accused X of using force": a clause
            and not (child.lower_ == "of" and _accused(head))  # "accused Myanmar's army of burning villages"
        )
        if child.lower_ in FLOATING_QUANTIFIERS and child.i > head.i:
            continue  # "Britain and France both condemned": "both" says how many, not who
        if child.dep_ in PHRASE_DEPS or trailing_of_in:
            keep.extend(_without_clauses(child, clauses))
    tokens = _run_around(head, sorted(set(keep), key=lambda t: t.i), clauses)
    leading = ("DET", "PUNCT", "CCONJ", "SPACE")
    # "on 1 February Macron criticised", misparsed: a date before a name is not part of it
    dated = head.pos_ == "PROPN" and head.lower_ not in CALENDAR_WORDS
    while tokens and (
        tokens[0].pos_ in leading
        or tokens[0].lower_ in POSSESSIVES
        or (
            dated
            and tokens[0] is not head
            and (tokens[0].lower_ in CALENDAR_WORDS or tokens[0].pos_ == "NUM")
        )
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].pos_ == "SPACE":
        tokens = tokens[:-1]
    return [t for t in tokens if t.dep_ != "punct" or t.text in ("-", "'")] or [head]


# Verbs whose object's "of" phrase is the charge: "accused the army of burning villages".
CHARGING = frozenset("accuse suspect convict acquit clear absolve".split())


def _accused(head: Word) -> bool:
    return head.dep_ == "dobj" and head.head.lemma_.lower() in CHARGING


def _a_date_word(word: Word) -> bool:
    """ "February", or the "1" of "1 February"."""
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return word.lower_ in CALENDAR_WORDS or (
        word.pos_ == "NUM" and following is not None and following.lower_ in CALENDAR_WORDS
    )


def _without_clauses(word: Word, clauses: set[int]) -> list[Word]:
    """The word's subtree, less the clauses that hang from it or its descendants (their words' indexes
    go into `clauses`)."""
    words, stack = [], [word]
    while stack:
        current = stack.pop()
        words.append(current)
        for child in current.children:
            if child.dep_ in CLAUSE_DEPS:
                clauses.update(w.i for w in child.subtree)
            else:
                stack.append(child)
    return words


def _run_around(head: Word, tokens: list[Word], clauses: set[int]) -> list[Word]:
    """The `tokens` (in text order) between the clauses nearest the head: a phrase is one stretch of
    text, so what follows a left-out clause is left out too."""
    before = max((i for i in clauses if i < head.i), default=-1)
    after = min((i for i in clauses if i > head.i), default=tokens[-1].i + 1)
    return [t for t in tokens if before < t.i < after]


def _country(
    start: int, end: int, mentions: list[Mention], place_of, name: tuple[int, int] | None
) -> str | None:
    """The country of the first place named inside [start, end) but outside a person's `name` in it,
    and not a lone town's name that is the whole phrase (`_whole_place` says which names stand alone)."""
    for mention in mentions:
        if not (start <= mention.start and mention.end <= end):
            continue
        if name is not None and name[0] <= mention.start < name[1]:
            continue
        place = place_of(mention.place_id)
        if place is None or not place.country:
            continue
        if (
            (mention.start, mention.end) == (start, end)
            and place.kind == "city"
            and place.feature_code[:4] != "PPLC"
        ):
            continue
        return place.country
    return None


# "pro-Russian", "anti-Western", "Moscow-backed": a stance toward a state, not the state one is of.
STANCE = re.compile(r"(?:pro|anti)-$")
BACKED = re.compile(r"^-(?:backed|aligned|allied|funded|supported|leaning|friendly)\b")


def a_stance(text: str, start: int, end: int) -> bool:
    """The place named at [start, end) of `text` is a stance toward it ("pro-Russian", "Moscow-backed")."""
    return bool(STANCE.search(text[max(0, start - 5) : start]) or BACKED.match(text[end : end + 12]))


def _own_places(span: Phrase, offset: int, mentions: list[Mention]) -> list[Mention]:
    """The mentions that may say whose an actor is: not those of a stance ("the pro-Russian president"),
    nor those of a clause about the actor ("Dodik, who has been under U.S. sanctions since 2017"), nor
    a people's demonym before another's ("the Iranian Canadian Congress" is Canadian)."""
    text = span.doc.text
    mentions = [
        m
        for m in mentions
        if not (
            m.role == "demonym"
            and any(
                o.role == "demonym" and o.start == m.end + 1 and text[m.end - offset] == " " for o in mentions
            )
        )
    ]
    clauses = [
        t.extent
        for t in span
        if t.dep_ in ("relcl", "acl", "advcl") and t.head.i in range(span.start, span.end)
    ]
    return [
        m
        for m in mentions
        if not a_stance(span.doc.text, m.start - offset, m.end - offset)
        and not any(start <= m.start - offset < end for start, end in clauses)
    ]


@lru_cache(maxsize=100_000)  # news repeats its actor phrases ("the government", "Hamas", "police")
def _listed(name: str, table: str, person: str | None) -> tuple[tuple[str, str] | None, bool]:
    """The entry of the `table` list ("groups", "institutions" or "organisations") for a name, or for
    its longest tail that is a name ("the rebel Kurdistan Workers' Party", "Islamist group Boko Haram",
    "Lebanon's Hezbollah") but not the `person`'s name the phrase ends with, and whether it took a tail."""
    entries = {"groups": armed_groups, "institutions": institutions, "organisations": organisations}[table]()
    # "Hamas-led militants" are Hamas's
    words = [word.removesuffix("-led") if len(word) > 4 else word for word in name.split()]
    if len(words) > 1 and (words[-1].lower() in GENERIC_HEADS or words[-1].lower() in MEMBER_HEADS):
        words = words[:-1]  # "the Islamic State group", "the al-Qaeda network", "Hamas leaders"
    for start in range(len(words)):
        tail = " ".join(words[start:])
        if start and (not tail[:1].isupper() or tail == person):
            continue  # a tail is a name: "Hezbollah", not "party"
        entry = entries.get(tail.lower())
        if entry is None and table != "institutions":
            options = namesakes(table).get(tail.lower(), ())
            # one of several namesakes in different countries: the country is left to the sentence
            entry = options[0] if len(options) == 1 else (("", options[0][1]) if options else None)
        if entry is not None:
            return entry, start > 0
    return None, False


def _namesake_here(name: str, table: str, mentions: list[Mention], place_of) -> tuple[str, str] | None:
    """ "the National Liberation Army" in a sentence that names Colombia: of the listed namesakes
    (Colombia's, Bolivia's), the one whose country the sentence names, if exactly one is."""
    here = {p.country for m in mentions if (p := place_of(m.place_id)) is not None}
    words = name.lower().split()
    for start in range(len(words)):
        options = namesakes(table).get(" ".join(words[start:]), ())
        if len(options) > 1:
            chosen = [entry for entry in options if entry[0] in here]
            return chosen[0] if len(chosen) == 1 else None
    return None


def _names_an_igo(span: Phrase) -> bool:
    """The phrase names an international organisation ("the UN", "the European Union", "the UN envoy"),
    not a thing it merely qualifies ("EU airlines", "the UN report")."""
    match = _igo_match(span.text)
    if match is None:
        return False
    root = span.root
    start = root.idx - span.start_char
    # "UN envoy", or a person whose title or apposition names it: "Kenzo Oshima, the UN coordinator"
    return (
        match[0] <= start < match[1]
        or root.lower_ in ROLE_WORDS
        or root.lower_ in ("headquarters", "hq", "summit", "secretariat")  # "NATO headquarters"
        or _person_name(span) is not None
    )


@lru_cache(maxsize=100_000)
def _igo_match(text: str) -> tuple[int, int] | None:
    match = INTERNATIONAL_ORGANISATIONS.search(text)
    return match.span() if match else None


def _role(span: Phrase) -> tuple[str, str]:
    """(kind, sector) from the last role word ("Defense Minister" is government, "army chief"
    military), else from PETRARCH2's agents for the phrase's head noun and the words before it
    ("riot police", "Canadian athletes")."""
    possessors = {w.i for t in span if t.dep_ == "poss" for w in t.subtree}  # "the President's counsel"
    for token in reversed(span):
        if token.i in possessors or token.pos_ == "ADJ":  # "a general strike" has no general
            continue
        for word in (token.lower_, token.lemma_.lower()):  # "delegations", "regulators"
            if word in ROLE_WORDS:
                return ROLE_WORDS[word]
            if word in INSTITUTION_WORDS and token.text[:1].isupper():
                return INSTITUTION_WORDS[word]
    if span.root.lower_ in LONE_ATTACKERS:
        return "person", "CRM"  # "a gunman opened fire at a bar": a crime, unlike "gunmen" (an armed group)
    code = agent_sector(tuple(t.lower_ for t in span if t.i < span.root.i), span.root.lemma_.lower())
    if not code and span.root.pos_ == "PROPN":
        # "the human rights group Memorial", "the rebel group M23": the kind of body before its name
        kinds = [t for t in span if t.i < span.root.i and t.pos_ == "NOUN" and t.i not in possessors]
        if kinds:
            code = agent_sector(tuple(t.lower_ for t in span if t.i < kinds[-1].i), kinds[-1].lemma_.lower())
    if code:
        return SECTOR_KINDS.get(code, "organisation"), code
    for token in reversed(span):  # "the Prime Minister's office": a role's own office
        if token.i in possessors and token.lower_ in ROLE_WORDS and ROLE_WORDS[token.lower_][1] == "GOV":
            return "government", "GOV"
    return "organisation", ""


# One armed man, which news of crime tells of: PETRARCH2's agents make him an armed group, as "gunmen" are.
LONE_ATTACKERS = frozenset("gunman shooter".split())

# What kind of actor each CAMEO sector names (the panel groups actors by kind).
SECTOR_KINDS = {
    **dict.fromkeys(("GOV", "LEG", "JUD", "ELI"), "government"),
    **dict.fromkeys(("MIL", "COP", "SPY"), "military"),
    **dict.fromkeys(("REB", "UAF", "OPP", "PTY", "CVL", "PPL", "REF", "LAB", "CRM"), "group"),
}


@lru_cache(maxsize=100_000)
def agent_sector(before: tuple[str, ...], head: str) -> str:
    """The main sector (three letters) of the longest agents entry ending with `head`: "riot police",
    then "police"."""
    table = agents()
    for start in range(len(before) + 1):
        code = table.get(" ".join((*before[start:], head)))
        if code:
            return code[:3]
    return ""


def _person_name(span: Phrase) -> Phrase | None:
    """The trailing run of two or more proper nouns in a phrase ("... Minister Benny Gantz"), before any
    "in"/"of" phrase after its head ("Prime Minister Abiy Ahmed in Addis Ababa" is Abiy Ahmed)."""
    after = [c.i for c in span.root.rights if c.dep_ == "prep" and c.lower_ in ("in", "of")]
    if span.root.tag_ == "NNP":  # "Noel Conway, 68": the name ends at its head
        after.append(span.root.i + 1)
    tokens = [t for t in span if t.i < min(after, default=span.end)]
    index = len(tokens)
    while index > 0 and _in_a_name(tokens[index - 1]):
        index -= 1
    run = tokens[index:]
    while run and run[0].tag_ == "HYPH":
        run = run[1:]
    if run and (run[-1].lower_ in INSTITUTION_WORDS or run[-1].lower_ in PLACE_OF_POWER):
        return None  # "the White House", "the Foreign Office": an institution, not a person
    name = span.doc[run[0].i : run[-1].i + 1] if run else None
    # two words or more: "Su Tseng-chang" is a name, "Nagorno-Karabakh" one word
    return name if name is not None and len(name.text.split()) >= 2 else None


def _in_a_name(word: Word) -> bool:
    """A proper noun that is no title, or the hyphen inside one ("Su Tseng-chang")."""
    if word.tag_ == "HYPH":
        return not word.whitespace_ and word.i > 0 and not word.doc[word.i - 1].whitespace_
    return word.tag_ == "NNP" and word.lower_ not in ROLE_WORDS and word.lower_ not in PERSON_ROLES


# Words that, after "the" and with no name, refer back to the latest body of these sectors named before.
BODY_REFERENCES = {
    **dict.fromkeys(("group", "militia", "movement", "insurgency"), ("REB", "UAF")),
    **dict.fromkeys(("bloc", "alliance"), ("IGO",)),
}


def _named_by_role(span: Phrase, known: dict[str, Actor], country: str | None) -> Actor | None:
    """ "The minister", "the defence minister": a phrase of role words only, with no name, refers back
    to the latest person of the article whose title has that role, and of the `country` the phrase
    names, if it names one ("the Indian minister" is no Bangladeshi minister named before)."""
    words = [t for t in span if t.dep_ != "det"]
    if not words or any(t.pos_ == "PROPN" for t in words) or words[-1].tag_ != "NN":
        return None  # a name, or a plural ("officials"), is not a reference back to one person
    role = words[-1].lower_
    if role in BODY_REFERENCES and span.root.dep_ in ("nsubj", "nsubjpass"):
        # "the group said", "the bloc imposed": the latest armed group (or international body) the article
        # has named, when it acts ("entering the bloc" is a place)
        sectors = BODY_REFERENCES[role]
        bodies = [a for a in known.values() if a.kind != "person" and a.sector in sectors]
        return bodies[-1] if bodies else None
    if role not in ROLE_WORDS:
        return None
    people_with_role = [
        a
        for a in known.values()
        if a.kind == "person" and role in a.title.lower().split() and country in (None, a.country)
    ]
    return people_with_role[-1] if people_with_role else None


def is_acronym(word) -> bool:
    """ "USAID", "DHS": a name, whatever part of speech the small model gives it."""
    return word.text.isupper() and word.text.isalpha() and len(word.text) > 1


def _single_name(span: Phrase, person: Phrase | None) -> tuple[str, str] | None:
    """PETRARCH2's entry for a one-word name the phrase is headed by ("Kremlin", "FBI"), or for the surname
    of the person it names."""
    word = person[-1] if person is not None else span.root
    if word.pos_ == "NOUN" and word.i == 0 and word.text[:1].isupper() and word.text[1:].islower():
        # the small model tags a name that opens a sentence as a noun ("Trump praised..."): a leader's
        # surname there is the leader
        return leader_surnames().get(word.lower_)
    if word.pos_ != "PROPN" and not is_acronym(word):
        return None
    if person is not None and (leader := leaders().get(" ".join(person.text.lower().split()))):
        return leader
    return (
        single_names().get(word.lower_)
        or leader_surnames().get(word.lower_)
        or (acronyms().get(word.text) if is_acronym(word) else None)
    )


def _before_apposition(span: Phrase) -> Phrase:
    """A name's phrase up to the comma that opens a description of it ("Hegseth, a former Fox News host");
    not a title's, whose apposition is the name ("Harare Mayor, Bernard Manyenyeni")."""
    if span.root.pos_ != "PROPN":
        return span
    appositions = [
        c for c in span.root.children if c.dep_ == "appos" and c.i > span.root.i and c.pos_ == "NOUN"
    ]
    if not appositions:
        return span
    end = appositions[0].left_edge.i
    while end > span.start + 1 and span.doc[end - 1].pos_ == "PUNCT":
        end -= 1
    return span.doc[span.start : end] if end > span.start else span


def _national_branch(span: Phrase, offset: int, mentions: list[Mention], place_of) -> str | None:
    """The name before a country's name that ends the phrase: "Human Rights Watch" of "Human Rights Watch
    Canada"."""
    end = offset + span.end_char
    for mention in mentions:
        place = place_of(mention.place_id) if mention.end == end else None
        if place is not None and place.kind == "country" and mention.start > offset + span.start_char:
            return " ".join(span.doc.text[span.start_char : mention.start - offset].split()) or None
    return None


def _whole_place(start: int, end: int, mentions: list[Mention], place_of) -> Place | None:
    """The place a phrase is, if it is just a place name standing for a state ("Morocco signed",
    "Moscow denied", "Texas sued"): a country, a disputed territory, a capital or a state or province.
    Another town's name alone ("Conway wrote") is more often a person, and never a state."""
    for mention in mentions:
        if mention.start == start and mention.end == end and (place := place_of(mention.place_id)):
            if place.kind in ("country", "disputed", "admin1") or place.feature_code.startswith("PPLC"):
                return place
    return None


def make_actor(
    span: Phrase, offset: int, article_id: str, mentions: list[Mention], place_of, known: dict[str, Actor]
) -> ActorPhrase:
    """The Actor a phrase of a parsed sentence names; `offset` maps sentence offsets to article ones;
    `place_of` gives the Place of a mention's place id.

    `known` holds the article's people by full name and surname, so "Gantz" after "Benny Gantz" is the
    same actor (same id, country and title). Pronouns are not phrases this takes: see
    `dashboard.nlp.coreference`.
    """
    start, end = offset + span.start_char, offset + span.end_char
    # "Hegseth, a former Fox News host": the name is before its apposition, which still gives a role
    core = _before_apposition(span)
    text = core.text
    # "the United Nations", "the Royal Marines": a plural name is one body, "it" as often as "they"
    plural = span.root.tag_ == "NNS"
    if text in known:
        return ActorPhrase(known[text], start, end, True, plural)
    said_country = _country(start, end, _own_places(span, offset, mentions), place_of, None)
    if (earlier := _named_by_role(span, known, said_country)) is not None:
        return ActorPhrase(earlier, start, end, True, plural)
    kind, sector = _role(span)
    # "Morocco's" (a parse cut short); a name broken over lines is one name
    title, name = "", " ".join(text.removesuffix("'s").removesuffix("’s").split())
    # "Hamas", "the Taliban", "Al-Shabaab", "Amnesty International"; a tail that is a person's name is a
    # person ("Hamas leader Khaled Meshaal"), whose country the group list gives below.
    person = _person_name(span)
    person_name = person.text if person is not None else None
    group, by_tail = _listed(name, "groups", person_name)
    if group and not group[0]:
        group = _namesake_here(name, "groups", mentions, place_of) or group
    organisation = None
    if not group:  # a state's own body ("the State Department", "Britain's Royal Navy"), or any other
        organisation, by_tail = _listed(name, "institutions", person_name)
    if not (group or organisation):
        organisation, by_tail = _listed(name, "organisations", person_name)
    if not (group or organisation) and (branch := _national_branch(span, offset, mentions, place_of)):
        # "Amnesty International UK", "Greenpeace Canada": a listed body's branch in a country, which
        # `_country` finds in its name
        organisation, by_tail = _listed(branch, "organisations", None)
    if group or organisation:
        person = None
    owned = len(text) - len(text.removesuffix("'s").removesuffix("’s"))  # "Russia's invasion": Russia
    core_end = offset + core.end_char
    place = None if _names_an_igo(span) else _whole_place(start, core_end - owned, mentions, place_of)
    if place is not None:  # "Saudi Arabia" is no person's name
        person = group = organisation = None
        kind, sector = ("government", "GOV") if place.kind == "admin1" else ("country", "")
    elif _names_an_igo(span):
        kind, sector = "organisation", "IGO"
    elif group:
        kind, sector = "group", group[1]
    elif organisation:
        kind, sector = SECTOR_KINDS.get(organisation[1], "organisation"), organisation[1]
    elif person is not None:
        kind, name = "person", " ".join(person.text.split())
        title = " ".join(text[: person.start_char - span.start_char].split())
    listed = group or organisation
    if sector == "IGO" and not listed:
        country = None  # "NATO headquarters in Brussels", "the UN envoy": the organisation's, no state's
    elif listed and (listed[0] or listed[1] == "IGO") and not by_tail:
        # Its own country, not a place its name holds ("Islamic State of Iraq", "Organization of
        # American States"); an intergovernmental organisation has none.
        country = listed[0] or None
    elif place is not None:
        country = place.country
    else:
        # A place before the name is the group's own ("Pakistani Taliban"), else the list's country; a
        # place inside a person's name is not theirs ("Barry Smith" is no Welshman for the town of Barry).
        named_span = (offset + person.start_char, offset + person.end_char) if person is not None else None
        country = (
            _country(start, end, _own_places(span, offset, mentions), place_of, named_span)
            or (listed[0] if listed else None)
            or None
        )
    single = _single_name(span, person) if place is None and not listed else None
    if single is not None:
        # "the Kremlin", "the FBI", "Erdogan", "President Recep Tayyip Erdogan"; but "NATO Secretary
        # General Mark Rutte" acts for NATO, not for the state he once led
        country = country or (single[0] if sector != "IGO" else None) or None
        sector = sector or ("GOV" if single[1] == "ELI" else single[1])
        if person is None:
            # "Ruto said he would...": a leader's surname alone is the leader, a person ("he")
            surname = span.root.lower_ in leader_surnames()
            kind = "person" if surname else SECTOR_KINDS.get(sector, "organisation")
    if (led := LEADERS_GOVERNMENT.search(text)) and (state := _leader_country(led.group(1))):
        # "the Harper government", "the Modi government": the leader's state, whatever town shares the name
        country, kind, sector, person = state, "government", "GOV", None
    elif country is None and ADMINISTRATION.search(text):
        country, kind, sector = "USA", "government", "GOV"  # "the Trump administration": US usage
    if (
        person is not None
        and country is None
        and (
            known_person := people().get(name.lower())
            or armed_groups().get(name.lower())  # or a group's leader
        )
    ):
        country = known_person[0] or None
        sector = sector or ("GOV" if known_person[1] in ("GOV", "ELI") else known_person[1])
    if span.root.lower_ in PROTEST_NOUNS and span.root.dep_ in ("nsubj", "nsubjpass") and not listed:
        name = "protesters"  # "protests erupted": who protests, as ACLED names them, not the protest
    actor = Actor(
        id=content_id(article_id, name.lower()),
        name=name,
        kind=kind,
        country=country,
        sector=sector,
        title=title,
    )
    if group or (sector == "IGO" and span.root.pos_ == "PROPN"):
        known.pop(name, None)
        known[name] = actor  # the latest named: "the group" after it is this group
    if person is not None:
        known[name] = known[person[-1].text] = actor
        given = name.split()
        if len(given) == 2 and "-" in given[1] and given[1].partition("-")[2][:1].islower():
            known[given[0]] = actor  # "Lai Ching-te", "Lee Jae-myung": the surname comes first
    named = (
        kind == "country"
        or bool(listed or single)
        or any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
    )
    return ActorPhrase(actor, start, end, named, plural)
