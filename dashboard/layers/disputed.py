"""The Disputed territories layer: drawn as the chosen point of view has them, with who holds and who claims.

In the UN-style view every territory is hatched with a dashed outline. In another view a territory may be
drawn as part of a country (filled like that country, its border thin), or as held by an entity of its own
(solid outline); its tooltip always says what the view makes of it. `borders_box` names the view on the map.
"""

from __future__ import annotations

import folium
import geopandas as gpd

from dashboard.layers.controls import HatchPattern, MapBox, hatch_css, hatch_fill, swatch
from dashboard.layers.pov import DEFAULT_POV, DISPUTED, POINTS_OF_VIEW, territory_view
from dashboard.layers.style import BLUES, BORDER_COLOR, NO_DATA_COLOR, Shapes, escape, feature_layer, shade

DISPUTED_COLOR = "#b35806"
HATCH_BACKGROUNDS = [NO_DATA_COLOR, *BLUES]


def _names(codes: str, country_name) -> str:
    return ", ".join(country_name(code) for code in codes.split("|") if code) or "unknown"


def disputed_layer(
    shapes: gpd.GeoDataFrame,
    counts: dict[str, int],
    country_name=lambda code: code,
    show: bool = True,
    pov: str = DEFAULT_POV,
    most: int | None = None,
    countries_drawn: set[str] | frozenset[str] = frozenset(),
    measure: str = "mentions",
) -> folium.FeatureGroup:
    """`counts` by place id (territory ids and ISO3 codes) shade the fills on a scale ending at `most`.

    `country_name` turns an ISO3 code into a display name (named entities such as SADR pass through);
    `countries_drawn` are the codes with a country polygon, whose fill a territory takes when the view
    draws it as theirs; `measure` names the count in the tooltip.
    """
    rows = shapes.drop(columns="geometry").to_dict("records")
    views = [territory_view(pov, row, country_name) for row in rows]
    ids = list(shapes["id"])
    most = max((counts.get(i, 0) for i in ids), default=0) if most is None else most
    own = [counts.get(i, 0) for i in ids]
    data = Shapes(
        shapes,
        {
            "place_id": ids,
            "name": [escape(name) for name in shapes["name"]],
            "view": [escape(view.label) for view in views],
            "administered_by": [escape(_names(c, country_name)) for c in shapes["administered_by"]],
            "claimed_by": [escape(_names(c, country_name)) for c in shapes["claimed_by"]],
            "status": [escape(status) for status in shapes["status"]],
            "count": own,
            "style": [
                _style(view, count, counts, most, countries_drawn)
                for view, count in zip(views, own, strict=True)
            ],
        },
    )
    group = feature_layer(
        "Disputed territories",
        data,
        lambda feature: feature["properties"]["style"],
        ["name", "view", "administered_by", "claimed_by", "status", "count"],
        ["", "this view", "administered by", "claimed by", "status", measure],
        show,
        highlight_function=lambda _: {"weight": 3},
    )
    HatchPattern(DISPUTED_COLOR, HATCH_BACKGROUNDS).add_to(group)
    return group


def _style(view, count: int, counts: dict[str, int], most: int, countries_drawn) -> dict:
    if view.drawn_as == DISPUTED or not view.owner:
        return {
            "fillColor": hatch_fill(shade(count, most), HATCH_BACKGROUNDS),
            "fillOpacity": 0.9,
            "color": DISPUTED_COLOR,
            "weight": 1.5,
            "dashArray": "5 4",
        }
    if view.owner in countries_drawn:  # drawn as that country's land, the same fill and border
        return {
            "fillColor": shade(counts.get(view.owner, 0), most),
            "fillOpacity": 0.85,
            "color": BORDER_COLOR,
            "weight": 0.6,
        }
    return {"fillColor": shade(count, most), "fillOpacity": 0.85, "color": "#555555", "weight": 1.2}


def borders_box(pov: str) -> MapBox:
    """The small box naming the point of view the borders are drawn in; add it to the map."""
    label = POINTS_OF_VIEW.get(pov, POINTS_OF_VIEW[DEFAULT_POV])
    html = f"<div><b>Borders:</b> {escape(label)}</div>" + swatch(
        hatch_css(DISPUTED_COLOR), "disputed in this view"
    )
    return MapBox(html, position="bottomleft", follows_layer=False)
