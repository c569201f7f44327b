"""Point-in-polygon and place lookups over the bundled geodata."""

import pytest


def test_locate_puts_points_in_disputed_territories_first():
    from dashboard.geo import locate

    assert locate(27.15, -13.20) == "disputed:western-sahara"  # Laayoune
    assert locate(44.95, 34.10) == "disputed:crimea"  # Simferopol
    assert locate(34.02, -6.84) == "MAR"  # Rabat
    assert locate(0.0, -30.0) is None  # the Atlantic


@pytest.mark.parametrize(
    "city, country",
    [("Copenhagen", "DNK"), ("Stockholm", "SWE"), ("Manama", "BHR"), ("Valletta", "MLT"), ("Malé", "MDV")],
)
def test_locate_puts_coastal_and_island_cities_in_their_country(gazetteer, city, country):
    """Their points fall just off the simplified coastlines: the nearest polygon within 25 km is theirs."""
    from dashboard.geo import locate

    place = next(
        p for p in map(gazetteer.place, (i for i, _ in gazetteer.candidates(city))) if p.country == country
    )
    assert locate(place.lat, place.lon) == country


def test_gazetteer_resolves_territory_codes_to_the_territory(gazetteer):
    assert gazetteer.place("ESH").id == "disputed:western-sahara"
    assert gazetteer.place("PSE").kind == "country"  # two territories share the code: it stays a country
    rabats = [gazetteer.place(i) for i, _ in gazetteer.candidates("Rabat")]
    assert {p.country for p in rabats} >= {"MAR", "MLT"}  # the capital, and the Maltese council


def test_geoparser_reads_rabat_alone_as_the_moroccan_capital(geoparser, gazetteer):
    (mention,) = geoparser("Delegations gathered in Rabat.")
    place = gazetteer.place(mention.place_id)
    assert (place.country, place.feature_code) == ("MAR", "PPLC")
