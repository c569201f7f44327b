"""Event-coding lexicons derived from public dictionaries (see LICENSES.md for their terms)."""

from __future__ import annotations

import csv
import unicodedata
from functools import cache
from itertools import product
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _actor_table(name: str) -> dict[str, tuple[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        return {
            row["name"]: (row["country"], row["sector"]) for row in csv.DictReader(handle, delimiter="\t")
        }


@cache
def people() -> dict[str, tuple[str, str]]:
    """Leaders and officials by lower-case name: (country, CAMEO role), from PETRARCH2's dictionary."""
    return _actor_table("people.tsv")


@cache
def single_names() -> dict[str, tuple[str, str]]:
    """One-word names of institutions and leaders by lower case ("kremlin", "fbi", "erdogan"): (country,
    CAMEO role)."""
    return _actor_table("single_names.tsv")


@cache
def armed_groups() -> dict[str, tuple[str, str]]:
    """Armed non-state groups and their leaders by lower-case name: (country or "", "REB"), PETRARCH2's
    (2013) and, written for this project, groups of today's news it lacks or places elsewhere ("the
    Houthis", "the Rapid Support Forces", "Ansar Allah" of Yemen)."""
    return {**_actor_table("armed_groups.tsv"), **_actor_table("recent_groups.tsv")}


@cache
def namesakes(table: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """Entries of `table` ("groups" or "organisations") that the list writes with a bracket news leaves
    out, by the name news writes: an acronym after a name of three words or more ("basque fatherland and
    freedom (eta)"), or a country telling namesakes apart ("national liberation army (colombia)" and
    "(bolivia)", both kept: the sentence's places choose). A bracket that tells one body from ordinary
    words ("african national congress (south africa)", a party the 2013 list made rebels) is not taken."""
    entries = armed_groups() if table == "groups" else organisations()
    found: dict[str, list[tuple[str, str]]] = {}
    for name, entry in entries.items():
        bare, _, bracket = name.partition(" (")
        bracket = bracket.removesuffix(")")
        if not bracket or "(" in bracket or ")" in bracket or bare in entries:
            continue
        acronym = " " not in bracket and len(bracket) <= 6 and len(bare.split()) >= 3
        found.setdefault(bare, []).append(entry if acronym else ("?", *entry))
    kept = {}
    for bare, options in found.items():
        named = [o for o in options if o[0] != "?"]
        qualified = list(dict.fromkeys(o[1:] for o in options if o[0] == "?"))
        if named:
            kept[bare] = tuple(dict.fromkeys(named))
        elif len(qualified) > 1:
            kept[bare] = tuple(qualified)
    return kept


@cache
def organisations() -> dict[str, tuple[str, str]]:
    """Intergovernmental (IGO) and non-governmental (NGO) organisations and companies (BUS, with their
    country) by lower-case name."""
    return _actor_table("organisations.tsv")


@cache
def institutions() -> dict[str, tuple[str, str]]:
    """State institutions news names as actors, which PETRARCH2's lists lack or hold only as a person
    ("the State Department", "Downing Street", "the Bundeswehr"), by lower-case name: (country, CAMEO
    role). Acronyms are in `acronyms`."""
    return {name.lower(): entry for name, entry in _institution_rows().items() if not name.isupper()}


@cache
def acronyms() -> dict[str, tuple[str, str]]:
    """The institutions of `institutions.tsv` named by an acronym ("CIA", "ICE"), as written: "ice" is
    not the agency."""
    return {name: entry for name, entry in _institution_rows().items() if name.isupper()}


def _institution_rows() -> dict[str, tuple[str, str]]:
    with open(HERE / "institutions.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["name"]: (row["country"], row["sector"]) for row in rows}


@cache
def agents() -> dict[str, str]:
    """Common nouns naming a kind of actor ("soldier", "police officer", "athlete"), in lower case, with
    their CAMEO sector code ("MIL", "COP", "CVL"; a second sector may follow: "GOVMIL")."""
    with open(HERE / "agents.tsv", encoding="utf-8", newline="") as handle:
        return {row["phrase"]: row["sector"] for row in csv.DictReader(handle, delimiter="\t")}


@cache
def census_names() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and common surnames of the 1990 US Census (public domain), in lower case: "jordan"
    and "paris" are given names, "peterson" and "hilton" surnames."""
    rows = _census_rows()
    given = frozenset(name for name, kind in rows if kind in ("male", "female"))
    return given, frozenset(name for name, kind in rows if kind == "surname")


@cache
def given_name_genders() -> dict[str, frozenset[str]]:
    """The census lists a given name is in, by lower-case name: "antony" {"male"}, "jordan" both."""
    genders: dict[str, set[str]] = {}
    for name, kind in _census_rows():
        if kind in ("male", "female"):
            genders.setdefault(name, set()).add(kind)
    return {name: frozenset(kinds) for name, kinds in genders.items()}


@cache
def _census_rows() -> tuple[tuple[str, str], ...]:
    with open(HERE / "census_names.tsv", encoding="utf-8", newline="") as handle:
        return tuple((row["name"].lower(), row["kind"]) for row in csv.DictReader(handle, delimiter="\t"))


@cache
def leaders() -> dict[str, tuple[str, str]]:
    """Leaders and officials of recent years (PETRARCH2's lists end in 2014), written for this project:
    full name in lower case -> (country or "" for an international official, CAMEO role)."""
    return {name: (country, sector) for name, (country, sector, _) in _leader_rows().items()}


@cache
def leader_surnames() -> dict[str, tuple[str, str]]:
    """The surnames that name one of `leaders` on their own in news ("Macron", "Erdogan"), marked so
    in the table; common ones ("Johnson", "Khan") are not."""
    found: dict[str, tuple[str, str]] = {}
    for name, (country, sector, alone) in _leader_rows().items():
        if alone == "yes":
            found.setdefault(name.split()[-1], (country, sector))
    return found


@cache
def _leader_rows() -> dict[str, tuple[str, str, str]]:
    """The table's rows by name, and by each other way news spells a name from Cyrillic ("Zelenskiy",
    "Zelenskyy" and "Zelensky"; "Sergei" and "Sergey")."""
    with open(HERE / "leaders.tsv", encoding="utf-8", newline="") as handle:
        rows = {
            r["name"]: (r["country"], r["sector"], r["surname_alone"])
            for r in csv.DictReader(handle, delimiter="\t")
        }
    spelt = {
        " ".join(words): row
        for name, row in rows.items()
        for words in product(*(transliterations(word) for word in _unaccented(name).split()))
    }
    return spelt | rows


def _unaccented(name: str) -> str:
    """ "luiz inácio" → "luiz inacio": news drops accents as often as it keeps them."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


# Endings that transliterate one Cyrillic ending several ways: "-ый/-ий" as -y, -yy, -iy, -ii or -i.
_ENDINGS = (("yy", "iy", "ii", "y", "i"), ("ey", "ei"))


def transliterations(word: str) -> list[str]:
    """`word` and its other spellings by `_ENDINGS` ("zelensky" → zelenskyy, zelenskiy, ...), for a word
    of five letters or more whose ending follows a consonant."""
    for endings in _ENDINGS:
        for ending in endings:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(word) >= 5 and stem[-1:] not in "aeiouy":
                return [stem + other for other in endings]
    return [word]
