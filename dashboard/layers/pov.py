"""Points of view for disputed borders: how each disputed territory is drawn and labelled in a view.

* ``un`` (the default), UN-style: every territory is drawn as disputed (hatched, dashed outline), labelled
  with its status as the bundled data gives the UN's view (Western Sahara: a non-self-governing territory,
  not part of Morocco).
* ``de-facto``: each territory is drawn as part of whoever controls the ground (Crimea with Russia); where
  control is split or held by an unrecognised entity, it stands alone, labelled with who holds it.
* a claimant's code in lower case (``mar``, ``sadr``, ``ind``, ...; URLs carry view ids in lower case):
  territories it claims are drawn as part of it (in
  Morocco's view Western Sahara is part of Morocco), territories it holds as held by it, and all others as
  in the UN-style view.

A territory is never merged silently: its tooltip always says what the current view makes of it, and the
map names the view ("Borders: Morocco's view"). The claimants are read from `geodata/disputed.geojson`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from dashboard.geo import files

DEFAULT_POV = "un"
FIXED_VIEWS = {"un": "UN-style view", "de-facto": "De facto control"}

DISPUTED = "disputed"  # drawn as a disputed territory
PART_OF = "part-of"  # drawn as part of the claimant whose view it is
HELD_BY = "held-by"  # drawn as held by whoever controls it


@dataclass(frozen=True, slots=True)
class TerritoryView:
    """How one territory is drawn in one view: `owner` is the party it is drawn with ('' if none)."""

    drawn_as: str
    owner: str
    label: str


def split_codes(value) -> tuple[str, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return files.split_multi(value)


def claimants(territories: Iterable[Mapping]) -> list[str]:
    """Every party that claims a territory, in the order first met."""
    return list(dict.fromkeys(code for t in territories for code in split_codes(t.get("claimed_by"))))


def points_of_view(territories: Iterable[Mapping], country_name: Callable[[str], str]) -> dict[str, str]:
    """View id -> label: the UN-style and de facto views, then each claimant's (id: its code in lower
    case, "mar"), ordered by name."""
    views = dict(FIXED_VIEWS)
    named = sorted(((country_name(code), code) for code in claimants(territories)), key=lambda nc: nc[0])
    views.update({code.lower(): f"{name}'s view" for name, code in named})
    return views


def _names(codes: Iterable[str], country_name: Callable[[str], str]) -> str:
    names = [country_name(code) for code in codes]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def _un_label(territory: Mapping, country_name: Callable[[str], str]) -> str:
    note = str(territory.get("pov") or "")
    if note.startswith("UN view:"):
        text = note.removeprefix("UN view:").strip()
        return text[:1].upper() + text[1:]
    held = _names(split_codes(territory.get("administered_by")), country_name) or "unknown"
    claimed = _names(split_codes(territory.get("claimed_by")), country_name) or "unknown"
    return f"Disputed: held by {held}, claimed by {claimed}"


def territory_view(
    pov: str, territory: Mapping, country_name: Callable[[str], str] = lambda c: c
) -> TerritoryView:
    """How `territory` (a row of disputed.geojson: administered_by, claimed_by, pov) is drawn in `pov`."""
    held = split_codes(territory.get("administered_by"))
    claimed = split_codes(territory.get("claimed_by"))
    party = {code.lower(): code for code in (*held, *claimed)}.get(pov.lower(), "")
    if pov == "de-facto":
        if len(held) == 1:
            return TerritoryView(HELD_BY, held[0], f"Held by {country_name(held[0])}")
        return TerritoryView(HELD_BY, "", f"Control split: held by {_names(held, country_name) or 'unknown'}")
    if party in claimed:
        name = country_name(party)
        return TerritoryView(PART_OF, party, f"Part of {name} in {name}'s view")
    if party in held:
        return TerritoryView(HELD_BY, party, f"Held by {country_name(party)}")
    return TerritoryView(DISPUTED, "", _un_label(territory, country_name))


def normalize_pov(value: str | None, views: Mapping[str, str] | None = None) -> str:
    """A known view id for `value` (from a URL, so anything; any case): the UN-style view when unknown."""
    views = POINTS_OF_VIEW if views is None else views
    key = value.strip().lower() if isinstance(value, str) else ""
    return key if key in views else DEFAULT_POV


@cache
def _bundled_territories() -> tuple[dict, ...]:
    data = json.loads(files.path("disputed.geojson").read_text(encoding="utf-8"))
    return tuple(feature["properties"] for feature in data["features"])


@cache
def _country_names() -> dict[str, str]:
    table = files.countries_table()
    return dict(zip(table["iso3"], table["name"], strict=True))


def bundled_country_name(code: str) -> str:
    """A display name for an ISO3 code from countries.csv; named entities (SADR, TRNC) pass through."""
    return _country_names().get(code, code)


POINTS_OF_VIEW: dict[str, str] = points_of_view(_bundled_territories(), bundled_country_name)
