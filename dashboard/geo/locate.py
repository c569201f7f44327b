"""Point-in-polygon: which disputed territory or country a coordinate falls in."""

from __future__ import annotations

from functools import cache

import shapely

from dashboard.geo import files

COAST_DEGREES = 0.25  # about 25 km: the simplified coastlines' error, not the next country over


@cache
def _indexes():
    disputed = files.disputed_shapes()
    countries = files.country_shapes(detail=True)
    return (
        (shapely.STRtree(disputed.geometry.values), disputed["id"].tolist()),
        (shapely.STRtree(countries.geometry.values), countries["iso3"].tolist()),
    )


def locate(lat: float, lon: float) -> str | None:
    """The place id of the disputed territory containing the point, else the country's ISO3, else None.

    Disputed territories are checked first because they are drawn on top of the country layer and are
    never silently merged into a claimant.
    """
    point = shapely.Point(lon, lat)
    for tree, ids in _indexes():
        hits = tree.query(point, predicate="intersects")
        if len(hits):
            return ids[int(min(hits))]
    # A coastal or island city's point often falls in the sea just off the simplified coastline
    # (Copenhagen, Venice, Manama): it belongs to the nearest polygon within COAST_DEGREES.
    nearest = []
    for tree, ids in _indexes():
        found, distances = tree.query_nearest(point, max_distance=COAST_DEGREES, return_distance=True)
        nearest += [(distance, ids[int(index)]) for index, distance in zip(found, distances, strict=True)]
    return min(nearest)[1] if nearest else None
