"""Numbers with a meaning: radius, result count, minimum power and minimum PlugScore.

Read straight off the tokens with small hand-written patterns (faster and clearer
than one huge regex): an optional comparator ("within", "at least", "over", ">"),
a number (digits, words, "a", "half a", "1/2"), then a unit or a keyword, then an
optional trailing comparator ("+", "or more"). Thresholds such as "over 100 kW" use the
number itself as the minimum, as PlugShare's own "at least" filters do. A quantity that
cannot be used (a maximum power, "more than 5 miles away", "20 minutes") is returned as
unusable so the reply can say it was ignored.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from bot.geo.units import METERS_PER_MILE

from .tokens import NUMBER, Token


class QuantityKind(IntEnum):
    RADIUS = 1
    COUNT = 2
    POWER = 3
    SCORE = 4
    UNUSABLE = 5
    #: A highest price per kWh, in the currency's main unit ("under 30 cents/kWh" -> 0.30).
    PRICE = 6


class Comparator(IntEnum):
    NONE = 0
    MIN = 1
    MAX = 2
    APPROX = 3


@dataclass(frozen=True, slots=True)
class Quantity:
    kind: QuantityKind
    value: float
    #: Tokens consumed, from the match start.
    length: int
    #: For a time of day ("7am", "19:30"): minutes after midnight. Such a quantity is
    #: UNUSABLE on its own; "open at" makes it an opening-hours question.
    clock: int | None = None


_DISTANCE_UNITS: dict[str, float] = {
    **dict.fromkeys(("mi", "mis", "mile", "miles", "mle", "mles"), METERS_PER_MILE),
    **dict.fromkeys(
        ("km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "klick", "klicks"),
        1000.0,
    ),
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres", "mtr", "mtrs"), 1.0),
    **dict.fromkeys(("ft", "feet", "foot"), 0.3048),
    **dict.fromkeys(("yd", "yds", "yard", "yards"), 0.9144),
}
# "kWh" is often written for kW ("50kwh chargers").
_POWER_UNITS = frozenset({"kw", "kws", "kilowatt", "kilowatts", "kwh"})
_TIME_UNITS = frozenset(
    {"min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "sec", "seconds"}
)
_STAR_UNITS = frozenset({"star", "stars"})
_AFTER_DISTANCE = frozenset({"radius", "away", "out", "around", "drive", "walk"})
_AFTER_TIME = frozenset({"drive", "walk", "away", "walking", "driving"})

_WORD_NUMBERS: dict[str, float] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "couple": 2,
}

_MIN = Comparator.MIN
_MAX = Comparator.MAX
_APPROX = Comparator.APPROX
_PREFIX_COMPARATORS: dict[tuple[str, ...], Comparator] = {
    ("at", "least"): _MIN,
    ("more", "than"): _MIN,
    ("greater", "than"): _MIN,
    ("over",): _MIN,
    ("above",): _MIN,
    ("min",): _MIN,
    ("minimum",): _MIN,
    ("no", "less", "than"): _MIN,
    ("not", "less", "than"): _MIN,
    (">",): _MIN,
    (">", "="): _MIN,
    ("≥",): _MIN,
    ("faster", "than"): _MIN,
    ("higher", "than"): _MIN,
    ("better", "than"): _MIN,
    ("starting", "at"): _MIN,
    ("min", "of"): _MIN,
    ("minimum", "of"): _MIN,
    ("a", "minimum", "of"): _MIN,
    ("at", "most"): _MAX,
    ("less", "than"): _MAX,
    ("fewer", "than"): _MAX,
    ("under",): _MAX,
    ("below",): _MAX,
    ("max",): _MAX,
    ("maximum",): _MAX,
    ("up", "to"): _MAX,
    ("no", "more", "than"): _MAX,
    ("not", "more", "than"): _MAX,
    ("<",): _MAX,
    ("<", "="): _MAX,
    ("≤",): _MAX,
    ("within",): _MAX,
    ("inside",): _MAX,
    ("in",): _MAX,
    ("lower", "than"): _MAX,
    ("slower", "than"): _MAX,
    ("no", "further", "than"): _MAX,
    ("no", "farther", "than"): _MAX,
    ("radius",): _MAX,
    ("radius", "of"): _MAX,
    ("a", "radius", "of"): _MAX,
    ("within", "about"): _MAX,
    ("within", "around"): _MAX,
    ("max", "of"): _MAX,
    ("a", "max", "of"): _MAX,
    ("around",): _APPROX,
    ("about",): _APPROX,
    ("approx",): _APPROX,
    ("approximately",): _APPROX,
    ("roughly",): _APPROX,
    ("like",): _APPROX,
}
_SUFFIX_COMPARATORS: dict[tuple[str, ...], Comparator] = {
    ("+",): _MIN,
    ("plus",): _MIN,
    ("or", "more"): _MIN,
    ("or", "higher"): _MIN,
    ("or", "better"): _MIN,
    ("or", "above"): _MIN,
    ("or", "faster"): _MIN,
    ("or", "greater"): _MIN,
    ("or", "over"): _MIN,
    ("and", "up"): _MIN,
    ("and", "above"): _MIN,
    ("and", "higher"): _MIN,
    ("and", "over"): _MIN,
    ("and", "better"): _MIN,
    ("minimum",): _MIN,
    ("min",): _MIN,
    ("at", "least"): _MIN,
    ("or", "less"): _MAX,
    ("or", "under"): _MAX,
    ("or", "lower"): _MAX,
    ("or", "below"): _MAX,
    ("or", "fewer"): _MAX,
    ("max",): _MAX,
    ("maximum",): _MAX,
    ("at", "most"): _MAX,
    ("or", "slower"): _MAX,
}

_SCORE_KEYS: dict[tuple[str, ...], int] = {
    k: len(k)
    for k in (
        ("rated",),
        ("rating",),
        ("ratings",),
        ("score",),
        ("scored",),
        ("plugscore",),
        ("plug", "score"),
        ("plugshare", "score"),
        ("plugshare", "rating"),
        ("plugshare", "rated"),
        ("score", "of"),
        ("rating", "of"),
        ("plugscore", "of"),
        ("plug", "score", "of"),
        ("rated", "at"),
        ("score", "is"),
        ("rating", "is"),
        ("score", ":"),
        ("rating", ":"),
        ("score", "="),
        ("plugscore", ":"),
        ("plugscore", "="),
        ("rated", "as"),
    )
}
_SCORE_AFTER = frozenset({"rating", "score", "plugscore", "rated", "ratings"})

# "top 3", "show me 10", "give me the 5": a count follows.
_COUNT_KEYS: dict[tuple[str, ...], int] = {
    k: len(k)
    for k in (
        ("top",),
        ("first",),
        ("show",),
        ("show", "me"),
        ("show", "us"),
        ("list",),
        ("list", "me"),
        ("give", "me"),
        ("gimme",),
        ("get", "me"),
        ("find", "me"),
        ("find",),
        ("get",),
        ("limit",),
        ("limit", "to"),
        ("only", "show"),
        ("display",),
        ("return",),
        ("show", "me", "the"),
        ("give", "me", "the"),
        ("the", "top"),
        ("the", "first"),
        ("show", "the"),
        ("show", "me", "only"),
        ("just",),
        ("show", "me", "just"),
        ("list", "the"),
        ("find", "the"),
        ("find", "me", "the"),
        ("get", "the"),
        ("get", "me", "the"),
        ("the",),
        ("up", "to"),
        ("at", "most"),
        ("no", "more", "than"),
        ("max",),
        ("maximum",),
        ("nearest",),
        ("closest",),
        ("the", "nearest"),
        ("the", "closest"),
    )
}
_NEAREST_WORDS = frozenset({"nearest", "closest"})
# Nouns after a number that make it a count: "5 results", "3 stations".
RESULT_NOUNS = frozenset(
    {
        "results",
        "result",
        "options",
        "option",
        "locations",
        "location",
        "places",
        "spots",
        "sites",
        "listings",
        "matches",
        "ones",
        "choices",
        "picks",
        "stations",
        "chargers",
        "station",
        "charger",
        "plugs",
        "outlets",
        "ports",
        "points",
        "suggestions",
        "recommendations",
        "nearest",
        "closest",
    }
)

#: Words that can start a quantity; a scan tries the patterns only at these or a number.
TRIGGERS = frozenset(
    {k[0] for k in _PREFIX_COMPARATORS}
    | {k[0] for k in _SCORE_KEYS}
    | {k[0] for k in _COUNT_KEYS}
    | set(_WORD_NUMBERS)
    | {"a", "an", "half", "quarter", "one", ">", "<", "≥", "≤"}
)


def _norm(tokens: list[Token], i: int) -> str:
    return tokens[i].norm if i < len(tokens) else ""


class _Phrases:
    """A table of short word sequences, looked up longest first."""

    __slots__ = ("firsts", "longest", "table")

    def __init__(self, table: dict[tuple[str, ...], object]) -> None:
        self.table = table
        self.firsts = frozenset(k[0] for k in table)
        self.longest = max(len(k) for k in table)

    def at(self, tokens: list[Token], i: int) -> int:
        """Length of the longest key starting at token ``i`` (0 when none)."""
        if i >= len(tokens) or tokens[i].norm not in self.firsts:
            return 0
        table = self.table
        for length in range(min(self.longest, len(tokens) - i), 0, -1):
            if tuple([t.norm for t in tokens[i : i + length]]) in table:
                return length
        return 0


_PREFIXES = _Phrases(_PREFIX_COMPARATORS)  # type: ignore[arg-type]
_SUFFIXES = _Phrases(_SUFFIX_COMPARATORS)  # type: ignore[arg-type]
_SCORES = _Phrases(_SCORE_KEYS)  # type: ignore[arg-type]
_COUNTS = _Phrases(_COUNT_KEYS)  # type: ignore[arg-type]


def _comparator(tokens: list[Token], i: int, phrases: _Phrases) -> tuple[Comparator, int]:
    length = phrases.at(tokens, i)
    if not length:
        return Comparator.NONE, i
    key = tuple([t.norm for t in tokens[i : i + length]])
    return phrases.table[key], i + length  # type: ignore[return-value]


def _number(tokens: list[Token], i: int, allow_article: bool) -> tuple[float | None, int]:
    """A number at ``i``: ``3``, ``1.5``, ``1/2``, ``three``, ``a``/``an`` (with
    ``allow_article``), ``half a``, ``a half``, ``a quarter of a``."""
    n = len(tokens)
    if i >= n:
        return None, i
    token = tokens[i]
    norm = token.norm
    if token.kind == NUMBER:
        value = token.value
        if value is None:
            if "e" not in token.norm.lower():
                return None, i
            value = math.inf  # "1e309": too large for any filter, and said so
        if token.sep[-2:-1].isspace() and token.sep.endswith(("-", "−")):
            value = -value  # "top -1": a minus sign, not a hyphen ("J-1772", "50-150 kW")
        nxt = i + 1
        # 1/2 mile, 3/4 km (but not 7/10, which the score pattern reads).
        if (
            nxt < n
            and tokens[nxt].kind == NUMBER
            and tokens[nxt].sep.strip() == "/"
            and tokens[nxt].value
            and tokens[nxt].value != 10
        ):
            return value / tokens[nxt].value, nxt + 1  # type: ignore[operator]
        # "a 1.5 mile radius": a number may follow an article, handled by the caller.
        return value, nxt
    if norm in ("half", "quarter"):
        fraction = 0.5 if norm == "half" else 0.25
        j = i + 1
        if _norm(tokens, j) == "of":
            j += 1
        if _norm(tokens, j) in ("a", "an"):
            j += 1
        return fraction, j
    if norm in ("a", "an"):
        following = _norm(tokens, i + 1)
        if following in ("half", "quarter"):
            return _number(tokens, i + 1, allow_article)
        if following == "couple":
            j = i + 2
            if _norm(tokens, j) == "of":
                j += 1
            return 2.0, j
        if following == "dozen":
            return 12.0, i + 2
        return (1.0, i + 1) if allow_article else (None, i)
    if norm in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[norm]), i + 1
    return None, i


def _range_end(tokens: list[Token], j: int) -> tuple[float | None, int]:
    """The upper end of "50-150 kW" or "2 to 5 miles", when present."""
    if j < len(tokens) and tokens[j].kind == NUMBER and tokens[j].sep.strip() == "-":
        return tokens[j].value, j + 1
    if _norm(tokens, j) == "to" and j + 1 < len(tokens) and tokens[j + 1].kind == NUMBER:
        return tokens[j + 1].value, j + 2
    return None, j


def _clock_time(tokens: list[Token], i: int) -> Quantity | None:
    """A time of day, which no provider filter can use: "10:30", "5pm", "7:15 am"."""
    n = len(tokens)
    j = i + 1
    minutes: float | None = 0.0
    if (
        j + 1 < n
        and tokens[j].norm == ":"
        and tokens[j].glued
        and tokens[j + 1].kind == NUMBER
        and tokens[j + 1].glued
    ):
        minutes = tokens[j + 1].value
        j += 2
    elif _norm(tokens, j) not in _MERIDIEMS:
        return None
    meridiem = _norm(tokens, j)
    if meridiem in _MERIDIEMS:
        j += 1
    hour = tokens[i].value or 0.0
    clock: int | None = None
    if minutes is not None and hour == int(hour) and minutes == int(minutes) and minutes < 60:
        if meridiem in _MERIDIEMS:
            if 1 <= hour <= 12:
                clock = int(hour) % 12 * 60 + (720 if meridiem == "pm" else 0) + int(minutes)
        elif 0 <= hour < 24:
            clock = int(hour) * 60 + int(minutes)
    return Quantity(QuantityKind.UNUSABLE, hour, j - i, clock=clock)


_MERIDIEMS = frozenset({"am", "pm"})


def _price(tokens: list[Token], i: int) -> tuple[Quantity, str] | None:
    """A price and its unit: "$0.30/kWh", "€5 per session", "30 cents/kWh", "30¢ per kWh".

    The value is in the currency's main unit (cents are divided by 100); the unit is the
    normalised word after "per" or "/", or "" when none follows.
    """
    value = tokens[i].value
    if value is None:
        return None
    j = i + 1
    if tokens[i].sep.rstrip().endswith(_CURRENCIES):
        pass
    elif _norm(tokens, j) in _CENT_WORDS or (
        j < len(tokens) and tokens[j].sep.lstrip().startswith("¢")
    ):
        if _norm(tokens, j) in _CENT_WORDS:
            j += 1
        value /= 100
        # Cents without a unit are too ambiguous ("30 c") to call a price.
        following = _norm(tokens, j + 1) if _norm(tokens, j) == "per" else _norm(tokens, j)
        if following not in _PRICE_UNITS:
            return None
    else:
        return None
    if _norm(tokens, j) == "per":
        j += 1
    unit = ""
    if j < len(tokens) and tokens[j].norm in _PRICE_UNITS:
        unit = tokens[j].norm
        j += 1
    return Quantity(QuantityKind.UNUSABLE, value, j - i), unit


_CURRENCIES = ("$", "€", "£", "¥")
_CENT_WORDS = frozenset({"cents", "cent", "c", "ct", "cts", "p", "pence"})
_PRICE_UNITS = frozenset({"kwh", "hour", "hr", "h", "session", "charge", "min", "minute"})


def match_measure(tokens: list[Token], i: int) -> Quantity | None:
    """A distance (radius), a power (minimum kW) or a time or price (unusable)."""
    if tokens[i].kind == NUMBER:
        clock = _clock_time(tokens, i)
        if clock is not None:
            return clock
        price = _price(tokens, i)
        if price is not None:
            return price[0]
    comparator, j = _comparator(tokens, i, _PREFIXES)
    if j > i and j < len(tokens) and tokens[j].kind == NUMBER:
        price = _price(tokens, j)  # "under €0.40 per kWh"
        if price is not None:
            found, unit = price
            usable = comparator == Comparator.MAX and unit == "kwh" and found.value > 0
            kind = QuantityKind.PRICE if usable else QuantityKind.UNUSABLE
            return Quantity(kind, found.value, j - i + found.length)
    if _norm(tokens, j) in ("a", "an") and j + 1 < len(tokens) and tokens[j + 1].kind == NUMBER:
        j += 1  # "within a 5 mile radius"
    value, j = _number(tokens, j, allow_article=True)
    if value is None:
        return None
    upper, j = _range_end(tokens, j)
    plus = _norm(tokens, j) == "+"
    if plus:
        j += 1
    unit = _norm(tokens, j)
    n = len(tokens)
    if unit in _DISTANCE_UNITS:
        j += 1
        if _norm(tokens, j) in _AFTER_DISTANCE:
            j += 1
        suffix, j = _comparator(tokens, j, _SUFFIXES)
        if _norm(tokens, j) in ("radius", "away"):
            j += 1
        distance = (upper if upper is not None else value) * _DISTANCE_UNITS[unit]
        usable = (
            comparator != Comparator.MIN
            and suffix != Comparator.MIN
            and not plus
            and 0 < distance < math.inf
        )
        return Quantity(QuantityKind.RADIUS if usable else QuantityKind.UNUSABLE, distance, j - i)
    if unit in _POWER_UNITS:
        j += 1
        suffix, j = _comparator(tokens, j, _SUFFIXES)
        usable = comparator != Comparator.MAX and suffix != Comparator.MAX and 0 < value < math.inf
        return Quantity(QuantityKind.POWER if usable else QuantityKind.UNUSABLE, value, j - i)
    if unit in _TIME_UNITS and (comparator or tokens[i].kind == NUMBER or unit != "min"):
        j += 1
        if j < n and tokens[j].norm in _AFTER_TIME:
            j += 1
            if j < n and tokens[j].norm in _AFTER_TIME:
                j += 1
        return Quantity(QuantityKind.UNUSABLE, value, j - i)
    return None


def _score_value(tokens: list[Token], j: int) -> tuple[float | None, Comparator, int]:
    """Number, then "+", "/10", "out of 10" and a trailing comparator, for a score."""
    comparator, j = _comparator(tokens, j, _PREFIXES)
    if j >= len(tokens) or tokens[j].kind != NUMBER or tokens[j].value is None:
        value, j2 = _number(tokens, j, allow_article=False)
        if value is None:
            return None, comparator, j
        j = j2
    else:
        value = tokens[j].value
        j += 1
    if _norm(tokens, j) == "+":
        j += 1
        comparator = comparator or Comparator.MIN
    n = len(tokens)
    if j < n and tokens[j].kind == NUMBER and tokens[j].sep.strip() == "/":
        j += 1  # 8/10
    elif _norm(tokens, j) == "out" and _norm(tokens, j + 1) == "of" and j + 2 < n:
        j += 3  # 8 out of 10
    suffix, j = _comparator(tokens, j, _SUFFIXES)
    return value, (suffix or comparator), j


def _score_quantity(value: float, comparator: Comparator, start: int, end: int) -> Quantity:
    usable = 0 <= value <= 10 and comparator != Comparator.MAX
    return Quantity(QuantityKind.SCORE if usable else QuantityKind.UNUSABLE, value, end - start)


def match_score(tokens: list[Token], i: int) -> Quantity | None:
    """A minimum PlugScore: "rated 8+", "score above 7", "PlugScore of at least 7.5"."""
    length = _SCORES.at(tokens, i)
    if length:
        value, comparator, j = _score_value(tokens, i + length)
        if value is None:
            return None
        if _norm(tokens, j) in _STAR_UNITS:
            return Quantity(QuantityKind.UNUSABLE, value, j + 1 - i)
        return _score_quantity(value, comparator, i, j)
    if tokens[i].kind != NUMBER and tokens[i].norm not in _PREFIXES.firsts:
        return None
    value, comparator, j = _score_value(tokens, i)
    if value is None:
        return None
    following = _norm(tokens, j)
    if following in _STAR_UNITS:
        return Quantity(QuantityKind.UNUSABLE, value, j + 1 - i)
    if following in _SCORE_AFTER:
        return _score_quantity(value, comparator, i, j + 1)
    if following == "plug" and _norm(tokens, j + 1) == "score":
        return _score_quantity(value, comparator, i, j + 2)
    return None


def match_count(tokens: list[Token], i: int, countable: Callable[[int], bool]) -> Quantity | None:
    """A result count: "top 3", "5 closest", "closest 5", "show me 10", "3 chargers".

    ``countable(j)`` says whether token ``j`` is a word a count can describe (a filter
    word or a charger noun); the caller knows the lexicon.
    """
    length = _COUNTS.at(tokens, i)
    if length:
        keyed_by_nearest = tokens[i + length - 1].norm in _NEAREST_WORDS
        j = i + length
        value, j = _number(tokens, j, allow_article=False)
        if value is None or (math.isfinite(value) and value != int(value)):
            return None
        if _norm(tokens, j) in _DISTANCE_UNITS or _norm(tokens, j) in _POWER_UNITS:
            return None
        key = tokens[i].norm
        weak_key = key in ("the", "just", "find", "get", "up", "at", "no", "max", "maximum")
        if weak_key and not keyed_by_nearest:
            # "the 5 closest", "up to 5 results": only with a count word after.
            following = _norm(tokens, j)
            if following not in RESULT_NOUNS and not (following and countable(j)):
                return None
        if _norm(tokens, j) in _NEAREST_WORDS:
            j += 1
        return _count(value, j - i)
    if tokens[i].kind == NUMBER or tokens[i].norm in _WORD_NUMBERS or tokens[i].norm == "a":
        value, j = _number(tokens, i, allow_article=False)
        if value is None or (math.isfinite(value) and value != int(value)):
            return None
        following = _norm(tokens, j)
        if following in _NEAREST_WORDS:
            return _count(value, j + 1 - i)
        if following in RESULT_NOUNS or (following and countable(j)):
            if tokens[i].kind == NUMBER and len(tokens[i].raw) > 3:
                return None  # a ZIP code or a year, not a count
            return _count(value, j - i)
    return None


def _count(value: float, length: int) -> Quantity:
    if not 1 <= value < math.inf:
        return Quantity(QuantityKind.UNUSABLE, value, length)
    return Quantity(QuantityKind.COUNT, value, length)
