"""``parse_query``: free text in, a :class:`SearchQuery` out. Pure computation, no I/O.

The steps, each in its own module: Slack markup and noise off (``slack_text``);
coordinates found and the rest tokenized (``coordinates``, ``tokens``); one
longest-match pass into phrases, quantities and unknown words (``items``, backed by
``lexicon``); confident typo fixes (``near_misses``); the place cut out
(``places``); and the filters collected from what is left (``filter_assembly``).
"""

from __future__ import annotations

from .coordinates import find_coordinates
from .filter_assembly import assemble
from .help_words import HELP_ONLY_KINDS
from .items import MARK, PHRASE, Item, classify
from .meaning import Kind
from .near_misses import NearMiss, find_near_misses
from .places import PlaceFinder, PlaceFinding
from .routes import find_route
from .search_query import SearchQuery, Suggestion
from .slack_text import CleanText, clean_slack_text
from .tokens import COORDINATES, WORD, Token, tokenize

_POSSESSIVES = frozenset({"my", "our", "your", "his", "her", "their"})
_SUGGESTION_KINDS = {
    Kind.OUTLETS: "connector",
    Kind.NETWORK: "network",
    Kind.AMENITY: "amenity",
    Kind.ACCESS: "access",
    Kind.AVAILABILITY: "availability",
}


def _tokens(text: str) -> list[Token]:
    spans = find_coordinates(text)
    if not spans:
        return tokenize(text)
    tokens: list[Token] = []
    position = 0
    for start, end in spans:
        tokens += tokenize(text, position, start)
        previous_end = tokens[-1].end if tokens else 0
        raw = text[start:end]
        tokens.append(Token(raw, raw, COORDINATES, start, end, text[previous_end:start]))
        position = end
    following = tokenize(text, position)
    if following:
        following[0].sep = text[tokens[-1].end : following[0].start]
    return tokens + following


def _uses_case(tokens: list[Token]) -> bool:
    """Does the writer use capitals to mark names? Some Title-case words that do not
    start a sentence, and some lower-case words. Acronyms (CCS, EA) do not count."""
    has_lower = has_title = False
    sentence_start = True
    for token in tokens:
        if token.kind == WORD:
            first = token.raw[0]
            if first.islower():
                has_lower = True
            elif first.isupper() and not sentence_start and not token.raw.isupper():
                has_title = True
            if has_lower and has_title:
                return True
            sentence_start = False
        elif token.norm in (".", "!", "?", ":", ";"):
            sentence_start = True
    return False


def _apply_near_misses(
    items: list[Item], tokens: list[Token], misses: list[NearMiss]
) -> tuple[list[Item], list[tuple[int, int, NearMiss]]]:
    """Replace confident near misses by the phrase they meant; keep the others' positions."""
    if not misses:
        return items, []
    result: list[Item] = []
    pending: list[tuple[int, int, NearMiss]] = []
    k = 0
    for miss in misses:
        result.extend(items[k : miss.first])
        if miss.applied:
            first_token = items[miss.first].first
            last_token = items[miss.last].last
            replaced = Item(PHRASE, tokens, first_token, last_token, meaning=miss.target.meaning)
            pending.append((len(result), len(result), miss))
            result.append(replaced)
        else:
            start = len(result)
            result.extend(items[miss.first : miss.last + 1])
            pending.append((start, len(result) - 1, miss))
        k = miss.last + 1
    result.extend(items[k:])
    return result, pending


_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _written(text: str, items: list[Item], first: int, last: int) -> str:
    end = items[last].end
    # A bracket the words opened is closed in what is quoted back: "alert(1)", not "alert(1".
    while end < len(text) and (opener := _CLOSERS.get(text[end])) is not None:
        cut = text[items[first].start : end]
        if cut.count(opener) <= cut.count(text[end]):
            break
        end += 1
    return " ".join(text[items[first].start : end].split())


def parse_query(text: str | CleanText) -> SearchQuery:
    """What ``text`` asks for: place, filters, and what was ignored or looked misspelt.

    ``text`` as typed, or already through :func:`clean_slack_text` (a ``CleanText``,
    which is not cleaned again).
    """
    if isinstance(text, CleanText):
        clean = text
    else:
        clean = clean_slack_text(text if isinstance(text, str) else "")
    body = clean.text
    tokens = _tokens(body)
    items = classify(tokens)
    items, misses = _apply_near_misses(items, tokens, find_near_misses(items, tokens))

    finder = PlaceFinder(items, body, _uses_case(tokens))
    trip = find_route(items, body, finder)
    finding = PlaceFinding(used=set(trip.used)) if trip is not None else finder.find()
    used = finding.used
    leftovers: list[str] = list(finding.others)
    suggested = {
        i for first, last, miss in misses if not miss.applied for i in range(first, last + 1)
    }

    runs = finder.bare_runs(used)
    # "for my Leaf", "our Model Y": what follows a possessive is the user's, not a place.
    candidates = [r for r in runs if r[0] == 0 or items[r[0] - 1].norm not in _POSSESSIVES]
    if finding.place is None and candidates and trip is None:
        chosen = candidates[0]
        if finder.uses_case:
            chosen = next((r for r in candidates if not items[r[0]].lower), chosen)
        finding.place = finder.cut(*chosen) or None
        used.update(range(chosen[0], chosen[1] + 1))
    for first, last in runs:
        if first in used:
            continue
        # Words already offered as a suggestion are not also reported as ignored.
        if all(i in suggested for i in range(first, last + 1)):
            continue
        leftovers.append(_written(body, items, first, last))

    assembly = assemble(items, used, body)

    suggestions: list[Suggestion] = []
    for first, last, miss in misses:
        if not miss.applied and any(i in used for i in range(first, last + 1)):
            continue  # the words are (part of) the place: "near Poplar Bluff"
        suggestions.append(
            Suggestion(
                written=_written(body, items, first, last),
                meant=miss.target.meaning.label,
                kind=_SUGGESTION_KINDS.get(miss.target.meaning.kind, "filter"),
                applied=miss.applied,
            )
        )

    ignored = _unique([*assembly.ignored, *leftovers])
    filters = assembly.filters
    is_help = (
        finding.place is None
        and not ignored
        and not suggestions
        and not assembly.asked
        and filters.is_empty()
        and all(
            item.kind == MARK
            or (
                item.kind == PHRASE
                and item.meaning is not None
                and item.meaning.kind in HELP_ONLY_KINDS
            )
            for item in items
        )
    )
    return SearchQuery(
        place=finding.place,
        filters=filters,
        ignored=ignored,
        suggestions=suggestions,
        is_help=is_help,
        truncated=clean.truncated,
        route=trip.route if trip is not None else None,
        open_at=assembly.open_at,  # type: ignore[arg-type]
        max_price_per_kwh=assembly.max_price_per_kwh,
        sort="price" if assembly.sort == "price" else "distance",
    )


def _unique(words: list[str]) -> list[str]:
    seen: set[str] = set()
    unique: list[str] = []
    for word in words:
        key = word.casefold()
        if word and key not in seen:
            seen.add(key)
            unique.append(word)
    return unique
