"""What the user is looking at: one `Selection` drives every layer, panel, chart and download.

A Selection is a frozen value. The app keeps it in the URL query string (`to_query_params` /
`from_query_params`), so a copied link reopens the same view; `python -m dashboard export` builds one
from its options (`dashboard.exports.ExportFilter`). `dashboard.selection_sql` turns it into SQL, so the map,
the panels and the exports select exactly the same records.

The URL is untrusted input: `from_query_params` reads each value within a length bound, ignores what it
does not understand (falling back to the default) and never raises.

| key       | field                  | example                       | default              |
|-----------|------------------------|-------------------------------|----------------------|
| `place`   | `place`                | `disputed:western-sahara`     | none                 |
| `from`    | `since`                | `2021-11-01` (or `2021-11`)   | none                 |
| `to`      | `until`                | `2021-12-31` (or `2021`)      | none                 |
| `undated` | `undated`              | `0` (events with no date out) | `1`                  |
| `type`    | `types`                | `ASSAULT,PROTEST`             | all types            |
| `country` | `countries`            | `MAR,ISR`                     | all countries        |
| `actor`   | `actor`                | `gantz` (in the actor's name) | any actor            |
| `aid`     | `actor_id`             | `1836e3c99df51e95`            | any actor            |
| `q`       | `query`                | `security agreement`          | no text query        |
| `art`     | `articles`             | `3f2a9c01d4e5b6a7,...`        | every article        |
| `conf`    | `min_confidence`       | `0` (every event)             | `0.6`                |
| `pconf`   | `min_place_confidence` | `0` (every mention)           | `0.3`                |
| `main`    | `main_only`            | `0` (also secondary events)   | `1`                  |
| `dem`     | `demonyms`             | `0` (demonyms not counted)    | `1`                  |
| `layers`  | `layers`               | `countries,events` or `none`  | all but `heat`       |
| `pov`     | `pov`                  | `un`                          | `un`                 |
| `shade`   | `shade`                | `events`                      | `mentions`           |
| `view`    | `view`                 | `31.5,-7,5` (lat, lon, zoom)  | the world, or the data |

Only values that differ from the default are written, so the plain view has a plain URL.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from dashboard.model import MENTION_ROLES
from dashboard.plover import TYPES as PLOVER_TYPES  # also the CLI's choices, through dashboard.exports

# Layer key (in the URL) -> the name shown in the sidebar and the map's layer control.
LAYERS = {
    "countries": "Countries",
    "disputed": "Disputed territories",
    "places": "Places",
    "events": "Events",
    "relations": "Relations",
    "heat": "Heat",
}
DEFAULT_LAYERS = ("countries", "disputed", "places", "events", "relations")  # Heat is off until asked for
DEFAULT_POV = "un"
SHADES = ("mentions", "events")  # what the countries' shading counts
MIN_ZOOM, MAX_ZOOM = 1, 12  # the map's own bounds (dashboard.layers.newsmap)
# The event coder's confidence (dashboard.nlp.events) is calibrated so that, on real news, events at or above
# this are mostly right and those below mostly wrong: the map shows only these until asked for the rest.
DEFAULT_EVENT_CONFIDENCE = 0.6
# The geoparser's confidence is the share of a name's likely readings that put it in one spot: below this
# a name is about as likely somewhere else ("Oxford" with no context is 0.33), or barely a place at all.
DEFAULT_PLACE_CONFIDENCE = 0.3

MAX_PARAM_CHARS = 600  # any one URL value; longer ones are ignored
MAX_TEXT_CHARS = 200  # the full-text query and the actor text
MAX_COUNTRIES = 40
MAX_ARTICLES = 30  # ids the view can be narrowed to (just pasted or uploaded); 30 ids fit MAX_PARAM_CHARS
_ID = re.compile(r"[\w:.\-]{1,100}")  # place ids (MAR, disputed:western-sahara, 2538475) and actor ids
_POV = re.compile(r"[a-z0-9_\-]{1,24}")  # "un", "de-facto", a claimant's code in lower case ("mar")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


# -- parsing single values (also the CLI's argument types) ---------------------------------------------
def plover_type(value: str) -> str:
    """A PLOVER type, any case ("assault" -> "ASSAULT"); ValueError naming the 16 types otherwise."""
    name = value.strip().upper()
    if name not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {value!r}; choose from {', '.join(PLOVER_TYPES)}")
    return name


def country_code(value: str) -> str:
    """An ISO 3166 alpha-3 code, any case ("mar" -> "MAR")."""
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"expected an ISO3 country code such as MAR, got {value!r}")
    return code


def confidence_level(value: str) -> float:
    """A confidence from 0 to 1 ("0.6")."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and 0.0 <= number <= 1.0):
        raise ValueError(f"expected a confidence from 0 to 1, got {value!r}")
    return number


def date_bound(value: str, end: bool = False) -> date:
    """YYYY-MM-DD, YYYY-MM or YYYY; a month or year means its first day, or its last with `end`."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    try:
        if not match:
            raise ValueError
        year, month, day = (int(part) if part else None for part in match.groups())
        if day is not None:
            return date(year, month, day)
        if month is not None:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}") from None


# -- the selection ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Selection:
    """The records in view and how they are drawn. Filters combine with AND.

    since, until: the date window. An event is in it when the whole period its date names is
        (`dashboard.periods`): an event dated "2000" is in a window holding all of 2000 (`from=2000&to=2000`
        or wider), not in one of March 2000, since nothing says it happened then (and playback through
        2000 would otherwise count it in every step).
        Articles are selected by their events' dates, or, when no event-only filter is set, also by their
        own published date.
    undated: whether events with no date (and, where articles count by their own date, articles without
        one) are in view: yes by default, window or not, so nothing vanishes when a window is set; False
        leaves them out.
    types: PLOVER event types. countries: ISO3 codes; an event matches when its source or target
        country, or the country of its place, is one of them (a disputed territory belongs to each
        country that administers or claims it); on the map only those countries' places are counted.
    actor: text in the source or target actor's name, any case. actor_id: an actor, by the id of one of
        its records: the events of every actor with that name (any case) and country, since an actor id
        is made per article.
    query: full-text query over titles and texts (`Store.search`): the events of the matching articles.
    articles: only these articles (by id) and their events: the app narrows the view to what was just
        pasted or uploaded.
    min_confidence: events at least this confident (0 to 1); by default DEFAULT_EVENT_CONFIDENCE, the events
        a reader can trust. min_place_confidence: place mentions at least this confident (0 to 1); by
        default DEFAULT_PLACE_CONFIDENCE.
    main_only: only the main event of each sentence. demonyms: whether "Israeli" counts as a mention.
    layers: the visible layers (keys of LAYERS). place: the selected place's id.
    pov: whose view of disputed borders the map takes; shade: what the countries' shading counts
        (SHADES); view: where the map looks, (latitude, longitude, zoom), None for its own start (the
        world, or the places of articles just added). These three are drawing, not filters: no read of
        the store depends on them.
    """

    since: date | None = None
    until: date | None = None
    undated: bool = True
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    actor: str = ""
    actor_id: str = ""
    query: str = ""
    articles: tuple[str, ...] = ()
    min_confidence: float = DEFAULT_EVENT_CONFIDENCE
    min_place_confidence: float = DEFAULT_PLACE_CONFIDENCE
    main_only: bool = True
    demonyms: bool = True
    layers: tuple[str, ...] = DEFAULT_LAYERS
    place: str | None = None
    pov: str = DEFAULT_POV
    shade: str = SHADES[0]
    view: tuple[float, float, int] | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        for name in self.types:
            plover_type(name)
        for code in self.countries:
            country_code(code)
        for name in ("min_confidence", "min_place_confidence"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {getattr(self, name)}")
        if self.shade not in SHADES:
            raise ValueError(f"shade is one of {', '.join(SHADES)}, not {self.shade!r}")
        if self.view is not None:  # kept as the URL keeps it, so that a view read back is equal
            view = map_view(",".join(map(str, self.view)))
            if view is None:
                raise ValueError(f"view is (latitude, longitude, zoom {MIN_ZOOM}-{MAX_ZOOM}): {self.view!r}")
            object.__setattr__(self, "view", view)

    # -- derived -----------------------------------------------------------------------------------------
    @property
    def event_only(self) -> bool:
        """Whether a filter is set that only events can match (an article without events never does).

        `main_only` and the minimum confidences are not: they refine which of an article's records count."""
        return bool(self.countries or self.types or self.actor.strip() or self.actor_id)

    @property
    def roles(self) -> tuple[str, ...]:
        """The mention roles that count: all of them, or all but demonyms."""
        return MENTION_ROLES if self.demonyms else tuple(r for r in MENTION_ROLES if r != "demonym")

    @property
    def show(self) -> dict[str, bool]:
        """Layer name (as the map names it) -> visible."""
        return {name: key in self.layers for key, name in LAYERS.items()}

    def replace(self, **changes) -> Selection:
        return replace(self, **changes)

    # -- URL -----------------------------------------------------------------------------------------------
    def to_query_params(self) -> dict[str, str]:
        """The selection as URL query parameters: only what differs from the default, short keys."""
        params: dict[str, str] = {}
        if self.place:
            params["place"] = self.place
        if self.since:
            params["from"] = self.since.isoformat()
        if self.until:
            params["to"] = self.until.isoformat()
        if not self.undated:
            params["undated"] = "0"
        if self.types:
            params["type"] = ",".join(self.types)
        if self.countries:
            params["country"] = ",".join(self.countries)
        if self.actor:
            params["actor"] = self.actor
        if self.actor_id:
            params["aid"] = self.actor_id
        if self.query:
            params["q"] = self.query
        if self.articles:
            params["art"] = ",".join(self.articles)
        if self.min_confidence != DEFAULT_EVENT_CONFIDENCE:  # so conf=0 is written: every event
            params["conf"] = f"{self.min_confidence:g}"
        if self.min_place_confidence != DEFAULT_PLACE_CONFIDENCE:  # pconf=0: every mention
            params["pconf"] = f"{self.min_place_confidence:g}"
        if not self.main_only:
            params["main"] = "0"
        if not self.demonyms:
            params["dem"] = "0"
        if set(self.layers) != set(DEFAULT_LAYERS):
            params["layers"] = ",".join(k for k in LAYERS if k in self.layers) or "none"
        if self.pov != DEFAULT_POV:
            params["pov"] = self.pov
        if self.shade != SHADES[0]:
            params["shade"] = self.shade
        if self.view is not None:
            params["view"] = "{:g},{:g},{}".format(*self.view)
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]]) -> Selection:
        """The selection a URL describes. Unknown keys, and values that are malformed or too long, are
        ignored (the default stands); this never raises."""

        def get(key: str) -> str:
            try:
                value = params.get(key)
            except Exception:  # a Mapping that fails on lookup is as good as an empty one
                return ""
            if isinstance(value, (list, tuple)):
                value = ",".join(v for v in value if isinstance(v, str))
            if not isinstance(value, str) or len(value) > MAX_PARAM_CHARS:
                return ""
            return value.strip()

        fields: dict = {}
        place = get("place")
        if _ID.fullmatch(place):
            fields["place"] = place
        since, until = _date(get("from")), _date(get("to"), end=True)
        if not (since and until and since > until):
            fields["since"], fields["until"] = since, until
        fields["undated"] = _flag(get("undated"), default=True)
        fields["types"] = _listed(get("type"), plover_type, len(PLOVER_TYPES))
        fields["countries"] = _listed(get("country"), country_code, MAX_COUNTRIES)
        fields["actor"] = clean_text(get("actor"))
        actor_id = get("aid")
        fields["actor_id"] = actor_id if _ID.fullmatch(actor_id) else ""
        fields["query"] = clean_text(get("q"))
        fields["articles"] = _listed(get("art"), _article_id, MAX_ARTICLES)
        fields["min_confidence"] = _confidence(get("conf"), DEFAULT_EVENT_CONFIDENCE)
        fields["min_place_confidence"] = _confidence(get("pconf"), DEFAULT_PLACE_CONFIDENCE)
        fields["main_only"] = _flag(get("main"), default=True)
        fields["demonyms"] = _flag(get("dem"), default=True)
        layers = get("layers")
        if layers == "none":
            fields["layers"] = ()
        elif layers:
            known = tuple(k for k in LAYERS if k in {part.strip().lower() for part in layers.split(",")})
            if known:
                fields["layers"] = known
        pov = get("pov").lower()
        if _POV.fullmatch(pov):
            fields["pov"] = pov
        if (shade := get("shade").lower()) in SHADES:
            fields["shade"] = shade
        fields["view"] = map_view(get("view"))
        return cls(**fields)


DEFAULT_SELECTION = Selection()  # the plain view: everything, confident main events only, all layers


def map_view(value: str) -> tuple[float, float, int] | None:
    """ "31.5,-7,5": latitude, longitude (any, brought into -180..180) and zoom, rounded as the URL keeps
    them; None when malformed or out of bounds."""
    parts = value.split(",")
    if len(parts) != 3 or len(value) > 40:
        return None
    try:
        lat, lon, zoom = float(parts[0]), float(parts[1]), float(parts[2])
    except ValueError:
        return None
    if not all(map(math.isfinite, (lat, lon, zoom))):
        return None
    if not (-90 <= lat <= 90 and MIN_ZOOM <= zoom <= MAX_ZOOM):
        return None
    lon = (lon + 180) % 360 - 180
    return round(lat, 4), round(lon, 4), round(zoom)


def _article_id(value: str) -> str:
    value = value.strip()
    if not _ID.fullmatch(value):
        raise ValueError(f"not an article id: {value!r}")
    return value


def _date(value: str, end: bool = False) -> date | None:
    try:
        return date_bound(value, end=end) if value else None
    except ValueError:
        return None


def _listed(value: str, parse, limit: int) -> tuple[str, ...]:
    """Comma-separated values, each parsed; bad ones dropped, duplicates once, at most `limit`."""
    found: list[str] = []
    for part in value.split(","):
        try:
            item = parse(part)
        except ValueError:
            continue
        if item not in found:
            found.append(item)
    return tuple(found[:limit])


def clean_text(value: str) -> str:
    """Free text from the URL or a text box: characters that are not printable (NUL, other controls) become
    spaces, runs of spaces one, bounded length."""
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in value).split())
    return cleaned[:MAX_TEXT_CHARS]


def _confidence(value: str, default: float) -> float:
    try:
        return confidence_level(value) if value and len(value) <= 12 else default
    except ValueError:
        return default


def _flag(value: str, default: bool) -> bool:
    value = value.lower()
    return True if value in _TRUE else False if value in _FALSE else default
