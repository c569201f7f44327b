"""The foundation geoparser on sentences written for these tests and on the seed wire story."""

import pytest


def _found(geoparser, text):
    return {(text[m.start : m.end], m.place_id, m.role) for m in geoparser(text)}


def test_geoparse_seed_article_finds_its_places_with_offsets(geoparser, gazetteer, seed_text):
    mentions = geoparser(seed_text, "seed")
    for mention in mentions:
        assert seed_text[mention.start : mention.end] == mention.text
        assert 0 < mention.confidence <= 1
    by_text = {}
    for mention in mentions:
        by_text.setdefault(mention.text, set()).add((mention.place_id, mention.role))
    rabat = gazetteer.place(next(iter(by_text["Rabat"]))[0])
    assert (rabat.kind, rabat.country, rabat.feature_code) == ("city", "MAR", "PPLC")
    assert by_text["RABAT"] == by_text["Rabat"]  # the upper-case dateline
    assert by_text["Israel"] == {("ISR", "literal")}
    assert by_text["Morocco"] == {("MAR", "literal")}
    assert by_text["Western Sahara"] == {("disputed:western-sahara", "literal")}
    assert by_text["Israeli"] == {("ISR", "demonym")}
    assert by_text["Moroccan"] == {("MAR", "demonym")}
    assert by_text["North African"] == {("region:north-africa", "demonym")}
    assert seed_text.count("Israel") - seed_text.count("Israeli") == sum(m.text == "Israel" for m in mentions)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Officials in Laayoune said the port reopened.", ("Laayoune", "ESH")),
        ("Talks resumed in Simferopol on Monday.", ("Simferopol", "UKR")),
        ("The delegation flew on to Pristina.", ("Pristina", "XKX")),
    ],
)
def test_geoparse_cities_carry_their_gazetteer_country(geoparser, gazetteer, text, expected):
    name, country = expected
    (mention,) = [m for m in geoparser(text) if m.text == name]
    place = gazetteer.place(mention.place_id)
    assert (place.kind, place.country) == ("city", country)


def test_geoparse_names_the_disputed_territory_not_its_claimant(geoparser):
    text = "Kosovo and Taiwan sent envoys; Crimea and the Golan Heights were on the agenda."
    ids = {m.text: m.place_id for m in geoparser(text)}
    assert ids["Kosovo"].startswith("disputed:") and ids["Taiwan"].startswith("disputed:")
    assert ids["Crimea"] == "disputed:crimea"
    assert ids["Golan Heights"].startswith("disputed:golan")


def test_geoparse_short_forms_and_possessives(geoparser):
    text = "The U.S. and the UK backed Western Sahara's talks, and Ivory Coast abstained."
    ids = {m.text: m.place_id for m in geoparser(text)}
    assert ids == {
        "U.S.": "USA",
        "UK": "GBR",
        "Western Sahara": "disputed:western-sahara",
        "Ivory Coast": "CIV",
    }


def test_geoparse_ignores_function_words_and_lowercase_text(geoparser):
    assert geoparser("Of the two, this one is nice and the split was fair.") == []
