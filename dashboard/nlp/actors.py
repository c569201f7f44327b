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

from dashboard.model import Actor, Mention, content_id
from dashboard.nlp.lexicon import armed_groups, organisations, people
from dashboard.nlp.tree import Phrase, Word

# Role words → (kind, sector). Sectors follow CAMEO/PLOVER actor codes.
ROLE_WORDS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        "government administration ministry minister president premier chancellor cabinet parliament"
        " senator lawmaker lawmakers official officials spokesman spokeswoman ambassador envoy diplomat"
        " diplomats king queen prince emir sultan mayor governor authorities regime state department"
        " counterpart delegation".split(),
        ("government", "GOV"),
    ),
    **dict.fromkeys(
        "army military troops soldiers soldier forces navy marines general commander militia"
        " peacekeepers police policemen".split(),
        ("military", "MIL"),
    ),
    **dict.fromkeys(
        "rebels rebel insurgents insurgent militants militant guerrillas separatists jihadists".split(),
        ("group", "REB"),
    ),
    **dict.fromkeys("opposition".split(), ("group", "OPP")),
    **dict.fromkeys("court judge judges prosecutor prosecutors".split(), ("government", "JUD")),
    **dict.fromkeys(
        "protesters demonstrators civilians residents people villagers refugees".split(), ("group", "CVL")
    ),
    **dict.fromkeys("company firm corporation bank".split(), ("organisation", "BUS")),
    **dict.fromkeys("journalist journalists newspaper reporter".split(), ("person", "MED")),
}
INTERNATIONAL_ORGANISATIONS = re.compile(
    r"(?<!\w)(UN|U\.N\.|United Nations|Security Council|NATO|EU|European Union|African Union|IMF|"
    r"World Bank|OPEC|Arab League|WHO|ASEAN|OSCE|UNHCR|UNICEF|IAEA|WTO|ICC|Interpol|Red Cross|ICRC)(?!\w)"
)
# "the Trump administration", "the Obama administration": in news, a president's administration is
# the United States government unless the phrase names another country.
ADMINISTRATION = re.compile(r"\b[A-Z][a-z]+ administration\b")
PHRASE_DEPS = frozenset("compound amod det poss nummod nmod quantmod case flat appos".split())


@dataclass(frozen=True, slots=True)
class ActorPhrase:
    actor: Actor
    start: int  # character offsets in the article
    end: int


def phrase_tokens(head: Word) -> list[Word]:
    """The head noun with its modifiers, without clauses, conjuncts or trailing prepositions."""
    keep = [head]
    for child in head.children:
        trailing_of_in = child.dep_ == "prep" and child.i > head.i and child.lower_ in ("of", "in")
        if child.dep_ in PHRASE_DEPS or trailing_of_in:
            keep.extend(child.subtree)
    tokens = sorted(set(keep), key=lambda t: t.i)
    while tokens and tokens[0].pos_ in ("DET", "PUNCT", "CCONJ"):
        tokens = tokens[1:]
    return [t for t in tokens if t.dep_ != "punct" or t.text in ("-", "'")] or [head]


def _country(start: int, end: int, mentions: list[Mention], country_of) -> str | None:
    """The country of the first place name inside [start, end), if any."""
    for mention in mentions:
        if start <= mention.start and mention.end <= end and (code := country_of(mention.place_id)):
            return code
    return None


@lru_cache(maxsize=100_000)  # news repeats its actor phrases ("the government", "Hamas", "police")
def _listed(name: str, table: str, person: str | None) -> tuple[tuple[str, str] | None, bool]:
    """The entry of the `table` list ("groups" or "organisations") for a name, or for its longest tail
    that is a name ("the rebel Kurdistan Workers' Party", "Islamist group Boko Haram", "Lebanon's
    Hezbollah") but not the `person`'s name the phrase ends with, and whether it took a tail."""
    entries = armed_groups() if table == "groups" else organisations()
    words = name.split()
    for start in range(len(words)):
        tail = " ".join(words[start:])
        if start and (not tail[:1].isupper() or tail == person):
            continue  # a tail is a name: "Hezbollah", not "party"
        entry = entries.get(tail.lower())
        if entry is not None:
            return entry, start > 0
    return None, False


@lru_cache(maxsize=100_000)
def _names_an_igo(text: str) -> bool:
    return INTERNATIONAL_ORGANISATIONS.search(text) is not None


def _role(span: Phrase) -> tuple[str, str]:
    """(kind, sector) from the last role word: "Defense Minister" is government, "army chief" military."""
    for token in reversed(span):
        if token.lower_ in ROLE_WORDS:
            return ROLE_WORDS[token.lower_]
    return "organisation", ""


def _person_name(span: Phrase) -> Phrase | None:
    """The trailing run of two or more proper nouns in a phrase ("... Minister Benny Gantz"), before any
    "in"/"of" phrase after its head ("Prime Minister Abiy Ahmed in Addis Ababa" is Abiy Ahmed)."""
    after = [c.i for c in span.root.rights if c.dep_ == "prep" and c.lower_ in ("in", "of")]
    tokens = [t for t in span if t.i < min(after, default=span.end)]
    index = len(tokens)
    while index > 0 and tokens[index - 1].tag_ == "NNP" and tokens[index - 1].lower_ not in ROLE_WORDS:
        index -= 1
    run = tokens[index:]
    return span.doc[run[0].i : run[-1].i + 1] if len(run) >= 2 else None


def _named_by_role(span: Phrase, known: dict[str, Actor]) -> Actor | None:
    """ "The minister", "the defence minister": a phrase of role words only, with no name, refers back
    to the latest person of the article whose title has that role."""
    words = [t for t in span if t.dep_ != "det"]
    if not words or any(t.pos_ == "PROPN" for t in words) or words[-1].tag_ != "NN":
        return None  # a name, or a plural ("officials"), is not a reference back to one person
    role = words[-1].lower_
    if role not in ROLE_WORDS:
        return None
    people_with_role = [a for a in known.values() if a.kind == "person" and role in a.title.lower().split()]
    return people_with_role[-1] if people_with_role else None


def make_actor(
    span: Phrase, offset: int, article_id: str, mentions: list[Mention], country_of, known: dict[str, Actor]
) -> ActorPhrase:
    """The Actor a phrase of a parsed sentence names; `offset` maps sentence offsets to article ones.

    `known` holds the article's people by full name and surname, so "Gantz", and "he", after "Benny
    Gantz" are the same actor (same id, country and title).
    """
    start, end = offset + span.start_char, offset + span.end_char
    text = span.text
    if text in known:
        return ActorPhrase(known[text], start, end)
    if text.lower() in ("he", "she") and known:
        return ActorPhrase(next(reversed(known.values())), start, end)  # the person last named
    if (earlier := _named_by_role(span, known)) is not None:
        return ActorPhrase(earlier, start, end)
    kind, sector = _role(span)
    title, name = "", text.removesuffix("'s").removesuffix("’s")  # "Morocco's" (a parse cut short)
    # "Hamas", "the Taliban", "Al-Shabaab", "Amnesty International"; a tail that is a person's name is a
    # person ("Hamas leader Khaled Meshaal"), whose country the group list gives below.
    person = _person_name(span)
    person_name = person.text if person is not None else None
    group, by_tail = _listed(name, "groups", person_name)
    organisation = None
    if not group:
        organisation, by_tail = _listed(name, "organisations", person_name)
    if group or organisation:
        person = None
    if _names_an_igo(text):
        kind, sector = "organisation", "IGO"
    elif group:
        kind, sector = "group", group[1]
    elif organisation:
        kind, sector = "organisation", organisation[1]
    elif person is not None:
        kind, name = "person", person.text
        title = text[: person.start_char - span.start_char].strip()
    elif any(m.start == start and m.end == end for m in mentions):
        kind = "country"  # the phrase is just a place name: "Morocco signed"
    listed = group or organisation
    if listed and (listed[0] or listed[1] == "IGO") and not by_tail:
        # Its own country, not a place its name holds ("Islamic State of Iraq", "Organization of
        # American States"); an intergovernmental organisation has none.
        country = listed[0] or None
    else:
        # A place before the name is the group's own ("Pakistani Taliban"), else the list's country.
        country = _country(start, end, mentions, country_of) or (listed[0] if listed else None) or None
    if country is None and ADMINISTRATION.search(text):
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
    actor = Actor(
        id=content_id(article_id, name.lower()),
        name=name,
        kind=kind,
        country=country,
        sector=sector,
        title=title,
    )
    if person is not None:
        known[name] = known[person[-1].text] = actor
    return ActorPhrase(actor, start, end)
