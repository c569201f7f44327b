"""Places by id and by name, built from the bundled countries, disputed territories, regions and cities."""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import replace
from difflib import SequenceMatcher
from functools import cache

import pandas as pd
import pyarrow as pa

from dashboard.geo import files
from dashboard.geo.files import split_multi
from dashboard.model import Place

# Alternate city names that are ordinary words in English news ("North" is an alternate name of
# North Salt Lake); they are only kept as a city's main name.
GENERIC_WORDS = frozenset(
    "north south east west central new old upper lower greater saint san city port town village capital"
    " airport island islands river lake mount valley bay beach park center centre district region".split()
)


# A town within DISTRICT_DEGREES (about 15 km) of a city DISTRICT_RATIO times its size and of at least
# BIG_CITY people is one of its districts.
BIG_CITY = 1_000_000
DISTRICT_RATIO = 3
DISTRICT_DEGREES = 0.15


def _grid_cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // DISTRICT_DEGREES), int(lon // DISTRICT_DEGREES)


def _name_is_usable(name: str, stop_words: frozenset[str]) -> bool:
    """Names we match must look like proper names: capitalised, and not a capitalised function word
    ("Of" is a town in Turkey; "US" stays, since only "Us" would be the pronoun)."""
    return len(name) >= 2 and name[0].isupper() and not (name.lower() in stop_words and not name.isupper())


def _alternate_is_usable(name: str) -> bool:
    """Alternate names exclude generic words and short all-capital codes (IATA "YEA" for Edmonton)."""
    return len(name) >= 4 and name.lower() not in GENERIC_WORDS and not (name.isupper() and len(name) <= 4)


# What a town's short name may leave off: "Clacton" for Clacton-on-Sea, "Southend" for Southend-on-Sea.
_SHORT_FORM_TAILS = re.compile(r"^(?:-(?:on|upon|sur|by|le|la|en|am|an|in)-|\s(?:City|Town)$)")


def _spelling_of(alternate: str, name: str) -> bool:
    """An alternate name that is the place's own name spelt another way ("Misrata" for Misratah) or
    shortened ("Clacton"), not another name (an old, foreign or colloquial one: "Salisbury" for Harare)."""
    if alternate == name:
        return True
    if name.startswith(alternate) and _SHORT_FORM_TAILS.match(name[len(alternate) :]):
        return True
    a, b = alternate.casefold(), name.casefold()
    if a[:1] != b[:1] or abs(len(a) - len(b)) > max(2, len(b) // 4):
        return False  # most alternates (other scripts and languages) stop here, cheaply
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def saint_abbreviated(name: str) -> tuple[str, ...]:
    """ "Saint Paul" -> "St. Paul", "St Paul"; "Sainte-Foy" -> "Ste-Foy": how news shortens a saint's town."""
    for whole, short in (("Saint ", "St"), ("Sainte ", "Ste"), ("Saint-", "St"), ("Sainte-", "Ste")):
        if name.startswith(whole):
            rest, joint = name[len(whole) :], whole[-1]
            return (f"{short}.{joint}{rest}", f"{short}{joint}{rest}")
    return ()


def _float(value, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


class _Names:
    """The names that point at each place, and the small towns' names: what the geoparser matches. Built
    from the same tables as the places, in the same order (a name's candidates come out in that order)."""

    def __init__(self, stop_words: frozenset[str]) -> None:
        self.names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        # Towns below `min_city_population`: only considered where the text names their state.
        self.local: dict[str, list[str]] = defaultdict(list)
        self._stop_words = stop_words

    def add(self, surface: str, place_id: str, role: str = "literal") -> None:
        if _name_is_usable(surface, self._stop_words) and (place_id, role) not in self.names[surface]:
            self.names[surface].append((place_id, role))

    def add_disputed(self, disputed: pd.DataFrame) -> None:
        for _, row in disputed.iterrows():
            for surface in (row["name"], *split_multi(row["aliases"])):
                self.add(surface, row["id"])

    def add_countries(self, countries: pd.DataFrame, territory_of_code: dict[str, str]) -> None:
        for _, row in countries.iterrows():
            place_id = territory_of_code.get(row["iso3"], row["iso3"])
            for surface in (row["name"], row["official_name"], *split_multi(row["aliases"])):
                self.add(surface, place_id)
            for surface in split_multi(row["demonyms"]):
                self.add(surface, place_id, "demonym")

    def add_shared_terms(
        self, ambiguous: pd.DataFrame, territory_of_code: dict[str, str], national: frozenset[str]
    ) -> None:
        """Terms several countries share ("Sudanese": Sudan or South Sudan), which countries.csv leaves
        out: each points at all its candidates, likeliest first, and the geoparser's resolution (the
        article's countries, then population) chooses."""
        for row in ambiguous.itertuples(index=False):
            for code in split_multi(row.candidates):
                place_id = territory_of_code.get(code, code)
                if place_id in national:
                    self.add(row.term, place_id, row.role)

    def add_regions(self, regions: pd.DataFrame) -> None:
        for _, row in regions.iterrows():
            for surface in (row["name"], *split_multi(row["aliases"])):
                self.add(surface, row["id"])
            for surface in split_multi(row.get("demonyms", "")):
                self.add(surface, row["id"], "demonym")

    def add_admin1(self, admin1: pd.DataFrame) -> None:
        for row in admin1.itertuples(index=False):
            for surface in (row.name, *split_multi(row.aliases)):
                self.add(surface, row.id)

    def add_cities(self, cities: pd.DataFrame, min_population: int) -> None:
        # Plain lists: iterating pandas' Arrow-backed string columns costs several times more. Rows are
        # selected and sorted with only the columns read here: taking all thirteen costs more.
        is_named = (cities["population"] >= min_population) | (cities["feature_code"] == "PPLC")
        local = cities.loc[~is_named, ["geonameid", "name", "asciiname"]]
        for geonameid, name, ascii_name in zip(*(local[c].tolist() for c in local.columns), strict=True):
            if _name_is_usable(name, self._stop_words):
                self.local[name].append(geonameid)
            if ascii_name != name and _name_is_usable(ascii_name, self._stop_words):
                self.local[ascii_name].append(geonameid)
        # Bigger cities first, so a name's candidates come out in order of prior likelihood.
        named = cities.loc[is_named, ["geonameid", "name", "asciiname", "alternatenames", "population"]]
        named = named.sort_values("population", ascending=False, kind="stable")
        columns = (named[c].tolist() for c in ("geonameid", "name", "asciiname", "alternatenames"))
        for geonameid, name, ascii_name, alternates in zip(*columns, strict=True):
            self.add(name, geonameid)
            if ascii_name != name:  # most are the same name
                self.add(ascii_name, geonameid)
            for short in saint_abbreviated(name):  # "St. Paul", as news writes Saint Paul
                self.add(short, geonameid)
            for alternate in alternates.split("|") if alternates else ():
                alternate = alternate.strip()
                if alternate and _alternate_is_usable(alternate):
                    self.add(alternate, geonameid)


class _CityColumns:
    """The columns a city's Place is made of (`Gazetteer._city_place`, but for its id), held so that one
    city's values cost a few look-ups: its name from an Arrow array (a Python string is made only for the
    cities asked for), coordinates and population from numpy arrays, and its country, feature and state
    codes from the few distinct values of each, made once."""

    def __init__(self, cities: pd.DataFrame) -> None:
        names = pa.array(cities["name"])
        self._names = names.combine_chunks() if isinstance(names, pa.ChunkedArray) else names
        self._numbers = {column: cities[column].to_numpy() for column in ("lat", "lon", "population")}
        self._codes = {}
        for column in ("country", "feature_code", "admin1_code"):
            codes, values = pd.factorize(cities[column])
            self._codes[column] = (codes, [*values.tolist(), None])  # a missing value's code, -1, is None

    def row(self, position: int) -> dict:
        row = {"name": self._names[position].as_py()}
        for column, values in self._numbers.items():
            row[column] = values[position]
        for column, (codes, values) in self._codes.items():
            row[column] = values[codes[position]]
        return row


class Gazetteer:
    """Every place the product can resolve a name to, and the names that point at each place.

    Cities below `min_city_population` (except capitals) are known by id but not matched by name:
    small towns share names with big cities and with ordinary words, and the foundation matcher has no
    context model to tell them apart.

    The names are indexed on first use (`candidates`, `surfaces` and the like): the map and the panels
    look places up only by id, and the index costs more than the rest of the gazetteer (and loads spaCy,
    for its stop words).
    """

    def __init__(
        self,
        countries: pd.DataFrame,
        disputed: pd.DataFrame,
        regions: pd.DataFrame,
        cities: pd.DataFrame,
        admin1: pd.DataFrame | None = None,
        min_city_population: int = 15_000,
        ambiguous: pd.DataFrame | None = None,
    ) -> None:
        self._places: dict[str, Place] = {}
        self._city_cache: dict[str, Place] = {}
        self._city_columns: _CityColumns | None = None  # made on the first city's look-up
        self._cities = cities.set_index(cities["geonameid"].astype(str), drop=False)
        capitals = self._cities[self._cities["feature_code"] == "PPLC"]
        self._capitals = dict(zip(capitals["country"], capitals.index, strict=True))
        # A disputed territory with its own ISO code (ESH, XKX, TWN) is resolved as the territory.
        # (Palestine's code belongs to two territories, West Bank and Gaza Strip: it stays a country.)
        codes = disputed["iso3"][disputed["iso3"] != ""]
        unique = codes[~codes.duplicated(keep=False)]
        self.territory_of_code = dict(zip(unique, disputed.loc[unique.index, "id"], strict=True))
        self._add_disputed(disputed)
        self._add_countries(countries)
        national = frozenset(self._places)  # what a shared term ("Sudanese") may point at
        self._add_regions(regions)
        self.people_of_state: dict[str, int] = {}
        if admin1 is not None:
            self._add_admin1(admin1)
        self._name_tables = (
            countries,
            disputed,
            ambiguous,
            national,
            regions,
            admin1,
            cities,
            min_city_population,
        )
        self._indexed: _Names | None = None
        self._big_city_cells: dict[tuple[int, int], list[tuple[float, float, int]]] | None = None
        self._indexing = threading.Lock()  # the app's sessions share one gazetteer

    def __getstate__(self) -> dict:  # a pipeline sent to worker processes holds its gazetteer
        return {name: value for name, value in vars(self).items() if name != "_indexing"}

    def __setstate__(self, state: dict) -> None:
        vars(self).update(state, _indexing=threading.Lock())

    # -- lookups ---------------------------------------------------------------------------------
    def place(self, place_id: str) -> Place | None:
        place_id = self.territory_of_code.get(place_id, place_id)
        place = self._places.get(place_id) or self._city_cache.get(place_id)
        if place is None and place_id in self._cities.index:
            # Cities are built on first use and kept: a row lookup in pandas costs ~0.1 ms.
            place = self._city_cache[place_id] = self._city_place(self._city_values(place_id))
        return place

    def in_a_bigger_city(self, place: Place) -> bool:
        """Whether a town lies inside a city several times its size: a district ("Kennedy" of Bogotá,
        "Commonwealth" of Quezon City), which GeoNames lists as a town of its own. News names a district
        only in a story of its city."""
        if place.kind != "city":
            return False
        for lat, lon, population in self._big_cities().get(_grid_cell(place.lat, place.lon), ()):
            near = abs(lat - place.lat) < DISTRICT_DEGREES and abs(lon - place.lon) < DISTRICT_DEGREES
            if near and population >= DISTRICT_RATIO * max(place.population, 1):
                return True
        return False

    def _big_cities(self) -> dict[tuple[int, int], list[tuple[float, float, int]]]:
        """Cities of a million or more by grid cell, each also filed in the cells around its own."""
        if self._big_city_cells is not None:
            return self._big_city_cells
        cells: dict[tuple[int, int], list[tuple[float, float, int]]] = defaultdict(list)
        big = self._cities[self._cities["population"] >= BIG_CITY]
        for lat, lon, population in zip(big["lat"], big["lon"], big["population"], strict=True):
            row, column = _grid_cell(lat, lon)
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    cells[row + dr, column + dc].append((float(lat), float(lon), int(population)))
        self._big_city_cells = dict(cells)
        return self._big_city_cells

    def capital_of(self, country: str) -> str | None:
        """The id of a country's capital (GeoNames PPLC), if the gazetteer has one."""
        return self._capitals.get(country)

    def candidates(self, surface: str) -> list[tuple[str, str]]:
        """(place id, role) pairs a surface form can refer to; role is 'literal' or 'demonym'."""
        return self._names().names.get(surface, [])

    def is_alternate(self, surface: str, place_id: str) -> bool:
        """Whether `surface` names a city only by another of its names (an old, foreign or colloquial one:
        "Salisbury" for Harare, "Motown"), not its own name spelt or shortened another way ("Misrata",
        "Clacton"). GeoNames ships alternate names without their flags, so this is read off the names;
        it is asked only of the names a text holds (a pandas row look-up each)."""
        if place_id not in self._cities.index:
            return False  # countries, territories, regions and states: their names are curated
        row = self._cities.loc[place_id]
        return not (_spelling_of(surface, row["asciiname"]) or _spelling_of(surface, row["name"]))

    def surfaces(self) -> list[str]:
        return list(self._names().names)

    def local_candidates(self, surface: str) -> list[str]:
        """Ids of the small towns (below the name-matching population) that bear this name."""
        return self._names().local.get(surface, [])

    def local_surfaces(self) -> list[str]:
        return list(self._names().local)

    def places(self, kind: str | None = None) -> list[Place]:
        return [p for p in self._places.values() if kind is None or p.kind == kind]

    def areas_of(self, place: Place) -> set[str]:
        """The map's areas (countries and disputed territories) that hold a place, as the map counts their
        events: a country or territory is its own area; a place is in the country whose code it carries
        and in the territory that code stands for (a town in Western Sahara carries ESH)."""
        areas = {place.id} if place.kind in ("country", "disputed") else set()
        if place.country:
            areas.add(place.country)
            if place.country in self.territory_of_code:
                areas.add(self.territory_of_code[place.country])
        return areas

    def places_in(self, area_id: str) -> list[str]:
        """The ids of every place in an area (whose `areas_of` holds it), its cities and states included,
        and the codes that name such a place (ESH, which `place` reads as Western Sahara)."""
        found = {p.id for p in self._places.values() if area_id in self.areas_of(p)}
        found |= {code for code, i in self.territory_of_code.items() if i in found}
        # A city is in the area its country code names, and in the territory that code stands for.
        found.update(
            self.city_ids({area_id} | {code for code, i in self.territory_of_code.items() if i == area_id})
        )
        return sorted(found)

    def city_ids(self, countries: Collection[str]) -> list[str]:
        """The ids of the cities whose country code is one of `countries` (their places are not built)."""
        return list(self._cities.index[self._cities["country"].isin(list(countries))])

    def country_name(self, code: str) -> str:
        place = self.place(code)
        return place.name if place else code

    # -- building ----------------------------------------------------------------------------------
    def _names(self) -> _Names:
        if self._indexed is None:
            with self._indexing:
                if self._indexed is None:
                    self._indexed = self._index_names(*self._name_tables)
        return self._indexed

    def _index_names(
        self, countries, disputed, ambiguous, national, regions, admin1, cities, min_city_population
    ) -> _Names:
        from spacy.lang.en.stop_words import STOP_WORDS  # importing spaCy costs a second

        names = _Names(frozenset(STOP_WORDS))
        names.add_disputed(disputed)
        names.add_countries(countries, self.territory_of_code)
        if ambiguous is not None:
            names.add_shared_terms(ambiguous, self.territory_of_code, national)
        names.add_regions(regions)
        if admin1 is not None:
            names.add_admin1(admin1)
        names.add_cities(cities, min_city_population)
        return names

    def _add_disputed(self, disputed: pd.DataFrame) -> None:
        for _, row in disputed.iterrows():
            administered = split_multi(row["administered_by"])
            place = Place(
                id=row["id"],
                name=row["name"],
                kind="disputed",
                lat=_float(row["lat"]),
                lon=_float(row["lon"]),
                country=row.get("iso3") or (administered[0] if administered else None),
                administered_by=administered,
                claimed_by=split_multi(row["claimed_by"]),
                status=row["status"],
            )
            self._places[place.id] = place

    def _add_countries(self, countries: pd.DataFrame) -> None:
        for _, row in countries.iterrows():
            place_id = self.territory_of_code.get(row["iso3"], row["iso3"])
            geonameid = int(row["geonameid"]) if str(row.get("geonameid") or "").isdigit() else None
            if place_id == row["iso3"]:
                self._places[place_id] = Place(
                    id=place_id,
                    name=row["name"],
                    kind="country",
                    lat=_float(row["lat"]),
                    lon=_float(row["lon"]),
                    country=row["iso3"],
                    population=int(_float(row["population"])),
                    geonameid=geonameid,
                )
            elif geonameid and self._places[place_id].geonameid is None:  # Western Sahara, Kosovo, Taiwan
                self._places[place_id] = replace(self._places[place_id], geonameid=geonameid)

    def _add_regions(self, regions: pd.DataFrame) -> None:
        for _, row in regions.iterrows():
            members = split_multi(row["countries"])
            self._places[row["id"]] = Place(
                id=row["id"],
                name=row["name"],
                kind="region",
                lat=_float(row["lat"]),
                lon=_float(row["lon"]),
                country=members[0] if len(members) == 1 else None,  # England, Scotland: one country
            )

    def _add_admin1(self, admin1: pd.DataFrame) -> None:
        """States and provinces; `lat`/`lon` columns hold a point inside each unit."""
        towns = _people_of_states(admin1, self._cities)
        # How many people live in each one's towns: what tells Florida, USA from Florida, Uruguay. (Not
        # the Place's population, which says how big a town is: the rules for towns read it.)
        self.people_of_state = dict(zip(admin1["id"], towns, strict=True))
        for row in admin1.itertuples(index=False):
            self._places[row.id] = Place(
                id=row.id,
                name=row.name,
                kind="admin1",
                lat=round(row.lat, 4),
                lon=round(row.lon, 4),
                country=row.country,
                admin1=row.geonames_admin1,
            )

    def _city_values(self, place_id: str) -> Mapping:
        """A city's row, taken by position from its columns (`_CityColumns`), which costs a twentieth of a
        pandas row look-up (a map or an import of GDELT looks up tens of thousands of cities)."""
        position = self._cities.index.get_loc(place_id)
        if not isinstance(position, int):  # an id held twice: the table's own look-up says what it holds
            return self._cities.loc[place_id]
        if self._city_columns is None:
            self._city_columns = _CityColumns(self._cities)
        return {"geonameid": place_id, **self._city_columns.row(position)}

    def _city_place(self, row: Mapping) -> Place:
        return Place(
            id=str(row["geonameid"]),
            name=row["name"],
            kind="city",
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"] or None,
            geonameid=int(row["geonameid"]),
            population=int(row["population"]),
            feature_code=row["feature_code"],
            admin1=row["admin1_code"],
        )


def _people_of_states(admin1: pd.DataFrame, cities: pd.DataFrame) -> list[int]:
    """The population of each state's or province's towns in the gazetteer."""
    towns = cities.groupby(["country", "admin1_code"])["population"].sum()
    keys = zip(admin1["country"], admin1["geonames_admin1"], strict=True)
    return [int(towns.get(key, 0)) for key in keys]


@cache
def load_gazetteer(min_city_population: int = 15_000) -> Gazetteer:
    """The gazetteer over the bundled files, built once per process."""
    disputed = pd.DataFrame(files.disputed_shapes().drop(columns="geometry"))
    admin1 = files.admin1_table().fillna("")
    return Gazetteer(
        files.countries_table(),
        disputed.fillna(""),
        files.regions_table(),
        files.places_table(),
        admin1,
        min_city_population=min_city_population,
        ambiguous=files.ambiguous_terms_table(),
    )
