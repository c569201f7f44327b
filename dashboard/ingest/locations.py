"""Where an imported event record (GDELT, ACLED) happened, as one of the product's places.

A record names a place, its country and often its admin-1 unit, and gives coordinates; `level` says what the
record located: a populated place or exact point ("city"), an admin-1 unit whose centre the coordinates
are ("admin1"), or only a country whose centre they are ("country"). It resolves to, in order:

1. a gazetteer city of that name in the record's country, the nearest to the coordinates within
   CITY_RADIUS_KM (a city of another country only within BORDER_RADIUS_KM: border towns, and places that
   GeoNames files under a disputed territory's own code, such as Laayoune under ESH);
2. the disputed territory the coordinates fall in (dashboard.geo.locate), when they are a real position:
   a country's centre says nothing about where in the country. A country-level record is put in a
   territory only if the territory is that country's own land (Palestine's FIPS codes WE and GZ);
3. the admin-1 unit named by code (GDELT: FIPS admin codes, which GeoNames uses for most countries) or by
   name (ACLED), if the coordinates lie in it or within UNIT_SLACK_KM of it (the bundled outlines are
   simplified, so a point near a border can fall outside); else the unit whose polygon contains the
   coordinates, unless the record says it does not know the unit (`unit_known`);
4. the country (a territory with its own code, such as ESH, resolves as the territory).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import shapely
import shapely.ops

from dashboard.geo import files, locate
from dashboard.geo.gazetteer import Gazetteer, load_gazetteer
from dashboard.model import Article, Mention
from dashboard.nlp.sentences import enclosing_sentence, one_line_spans, sentence_spans

CITY_RADIUS_KM = 50.0
BORDER_RADIUS_KM = 15.0
UNIT_SLACK_KM = 25.0
LEVELS = ("city", "admin1", "country")
MAX_ANSWERS = 200_000  # resolved locations kept (an importer serves every file of an ingest)


@dataclass(frozen=True, slots=True)
class Location:
    """What a record says about where it happened. `country` is ISO3; `admin1_code` a GeoNames admin-1
    code within it; `lat`/`lon` None when the record has no usable coordinates."""

    level: str
    name: str = ""
    country: str | None = None
    admin1_code: str = ""
    admin1_name: str = ""
    lat: float | None = None
    lon: float | None = None
    unit_known: bool = True  # False: the source says it does not know the admin-1 unit


def coordinate(value: str, limit: float) -> float | None:
    """A latitude (limit 90) or longitude (limit 180) from untrusted text; None if absent or impossible."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and -limit <= number <= limit else None


def point(lat: str, lon: str) -> tuple[float, float] | tuple[None, None]:
    """Coordinates from untrusted text; (None, None) when either is unusable, or for 0, 0, which sources
    write for a place they could not position (GDELT's "Georgia, United States" at 0, 0)."""
    y, x = coordinate(lat, 90), coordinate(lon, 180)
    return (None, None) if y is None or x is None or (y == 0 and x == 0) else (y, x)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@cache
def _admin1_index() -> tuple[shapely.STRtree, list[str], list[str], dict[str, object]]:
    shapes = files.admin1_shapes()
    ids, geometries = shapes["id"].tolist(), shapes.geometry.values
    countries = shapes["country"].fillna("").tolist()
    return shapely.STRtree(geometries), ids, countries, dict(zip(ids, geometries, strict=True))


class PlaceResolver:
    """Resolves Locations to place ids, remembering each answer (imports repeat the same places)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self._by_code: dict[tuple[str, str], list[str]] = {}
        for place in self.gazetteer.places("admin1"):
            if place.country and place.admin1:
                self._by_code.setdefault((place.country, place.admin1), []).append(place.id)
        self._answers: dict[Location, str | None] = {}

    def __call__(self, location: Location) -> str | None:
        answer = self._answers.get(location, self)  # self: not asked yet (None is an answer)
        if answer is self:
            if len(self._answers) >= MAX_ANSWERS:  # untrusted input: each row could be somewhere else
                self._answers.clear()
            answer = self._answers[location] = self._resolve(location)
        return answer

    def _resolve(self, loc: Location) -> str | None:
        point = (loc.lat, loc.lon) if loc.lat is not None and loc.lon is not None else None
        if loc.level == "city" and loc.name and point:
            city = self.city(loc.name, loc.country, *point)
            if city:
                return city
        territory = locate(*point) if point and loc.level in LEVELS else None
        if territory and territory.startswith("disputed:"):
            place = self.gazetteer.place(territory)
            if loc.level != "country" or (place is not None and place.country == loc.country):
                return territory
        if loc.level in ("city", "admin1"):
            unit = self.admin1(loc, point)
            if unit:
                return unit
        if loc.country and (place := self.gazetteer.place(loc.country)) is not None:
            return place.id
        return territory if loc.level != "country" else None

    def city(self, name: str, country: str | None, lat: float, lon: float) -> str | None:
        """The nearest city so named: in `country` within CITY_RADIUS_KM, else within BORDER_RADIUS_KM."""
        ids = [i for i, role in self.gazetteer.candidates(name) if role == "literal"]
        ids += self.gazetteer.local_candidates(name)
        best: tuple[float, str] | None = None
        for place_id in dict.fromkeys(ids):
            place = self.gazetteer.place(place_id)
            if place is None or place.kind != "city":
                continue
            km = distance_km(lat, lon, place.lat, place.lon)
            same = country is None or place.country == country
            if km <= (CITY_RADIUS_KM if same else BORDER_RADIUS_KM) and (best is None or km < best[0]):
                best = (km, place.id)
        return best[1] if best else None

    def admin1(self, loc: Location, point: tuple[float, float] | None) -> str | None:
        """The admin-1 unit by code or name, unless the point lies in another unit of the country."""
        named: list[str] = []
        if loc.country and loc.admin1_code:
            named = self._by_code.get((loc.country, loc.admin1_code), [])
        if not named and loc.admin1_name:
            named = [
                i
                for i, _ in self.gazetteer.candidates(loc.admin1_name)
                if (p := self.gazetteer.place(i)) is not None
                and p.kind == "admin1"
                and p.country == loc.country
            ]
        by_name = named[0] if len(named) == 1 else None
        if by_name and (point is None or self._near(by_name, point)):
            return by_name
        return self._admin1_at(point, loc.country) if point and loc.unit_known else None

    @staticmethod
    def _near(unit: str, point: tuple[float, float]) -> bool:
        shape = _admin1_index()[3].get(unit)
        if shape is None:
            return True
        nearest = shapely.ops.nearest_points(shape, shapely.Point(point[1], point[0]))[0]
        return distance_km(point[0], point[1], nearest.y, nearest.x) <= UNIT_SLACK_KM

    @staticmethod
    def _admin1_at(point: tuple[float, float], country: str | None) -> str | None:
        tree, ids, countries, _ = _admin1_index()
        hits = sorted(tree.query(shapely.Point(point[1], point[0]), predicate="intersects"))
        matches = [ids[i] for i in hits if country is None or countries[i] == country]
        return matches[0] if matches else None


def place_mention(article: Article, start: int, name: str, place_id: str | None, confidence: float):
    """The Mention of an imported record's place where the article's text names it (at `start`), so
    imported records count on the mentions layer and in a place's panel like extracted ones; None when
    the place is unknown or the text does not say `name` there."""
    found = mention_span(article.text, start, name, place_id)
    if found is None:
        return None
    end, sentence_start, sentence_end = found
    return Mention(
        article.id, start, end, name, place_id, "literal", confidence, sentence_start, sentence_end
    )


def mention_span(text: str, start: int, name: str, place_id: str | None) -> tuple[int, int, int] | None:
    """(end, sentence start, sentence end) of `name` at `start` in an imported record's text, for its
    mention of the place; None when the place is unknown or the text does not say `name` there."""
    end = start + len(name)
    if not place_id or not name.strip() or start < 0 or text[start:end] != name:
        return None
    spans = one_line_spans(text)  # most notes: the same spans, many times faster
    return end, *enclosing_sentence(sentence_spans(text) if spans is None else spans, start, end)
