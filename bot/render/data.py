"""Answer -> data: what ``chargebot ask --format json`` prints.

The locations are in PlugShare's own JSON shape, so anything that reads PlugShare's
``/locations/nearby`` reads this too; the parameters are the ones that endpoint
would take for the same search. Strings are the data as it is, with one exception:
control, direction-override and invisible characters are dropped, as the text and
Slack outputs drop them (:mod:`bot.control_chars`). This output is not markup, so
nothing is escaped here.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from pydantic_core import PydanticSerializationError

from bot.answer.answer import Answer
from bot.control_chars import strip_control_chars
from bot.geo.place import Place
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location
from bot.render.escape import valid_unicode as valid_text
from bot.render.facts import position, searched_radius, terminal_capped_notes
from bot.render.trip_facts import route_json


def render_json(answer: Answer) -> dict[str, Any]:
    return valid_unicode(
        {
            "outcome": answer.outcome.value,
            "query": {
                "text": answer.request.text,
                "parameters": search_parameters(answer),
                "page": answer.page,
                "per_page": answer.per_page,
                "units": answer.units,
                **asked_json(answer),
            },
            "place": place_json(answer.place) if answer.place is not None else None,
            "candidates": [place_json(candidate) for candidate in answer.candidates],
            "locations": [location_json(answer, location) for location in answer.locations],
            "has_more": answer.has_more,
            "live_availability": answer.live_availability,
            "notes": [*answer.notes, *terminal_capped_notes(answer)],
            "message": answer.message,
            "source": answer.source,
            "attribution": answer.attribution,
            "route": route_json(answer),
            "checks": checks_json(answer),
        }
    )


def asked_json(answer: Answer) -> dict[str, Any]:
    """What was asked of hours and price ("open now", "cheapest", "under 30 cents/kWh")."""
    query = answer.query
    if query is None:
        return {}
    open_at = query.open_at
    return {
        "open_at": open_at.strftime("%H:%M") if isinstance(open_at, time) else open_at,
        "max_price_per_kwh": query.max_price_per_kwh,
        "sort": query.sort,
    }


def checks_json(answer: Answer) -> dict[str, Any] | None:
    """What the hours and price checks found, for the locations shown."""
    checks = answer.checks
    if checks is None:
        return None
    shown = [location.id for location in answer.locations]
    return {
        "checked_at": checks.moment.isoformat() if checks.moment is not None else None,
        "closed": checks.closed,
        "too_dear": checks.too_dear,
        "hours_unknown": [i for i in shown if i in checks.hours_unknown],
        "price_unknown": [i for i in shown if i in checks.price_unknown],
        "price_per_kwh": {
            str(i): {"price": checks.prices[i][0], "currency": checks.prices[i][1]}
            for i in shown
            if i in checks.prices
        },
    }


def search_parameters(answer: Answer) -> dict[str, str]:
    """PlugShare ``/locations/nearby`` parameters for this search: the point, the filters,
    and the radius and count actually used."""
    used: Filters = answer.filters.model_copy(
        update={
            "radius_m": searched_radius(answer),
            "count": answer.filters.count or answer.per_page,
        }
    )
    params: dict[str, str] = {}
    if answer.place is not None:
        params["latitude"] = repr(answer.place.latitude)
        params["longitude"] = repr(answer.place.longitude)
    params.update(used.to_plugshare_params())
    return params


def place_json(candidate: Place) -> dict[str, Any]:
    return {
        "name": candidate.name,
        "latitude": candidate.latitude,
        "longitude": candidate.longitude,
        "kind": str(candidate.kind),
        "source": candidate.source,
        "country_code": candidate.country_code,
    }


def location_json(answer: Answer, location: Location) -> dict[str, Any]:
    try:
        data = location.to_plugshare_json()
    except PydanticSerializationError:
        # A lone surrogate (a JSON "\\ud800" escape in a source's payload) cannot be encoded.
        scrubbed = valid_unicode(location.model_dump(by_alias=True))
        data = Location.model_validate(scrubbed).to_plugshare_json()
    if answer.trip is not None:
        # Along a route the distance is off the road (``route.along`` says where).
        data["distance_meters"] = location.distance_meters
        data["compass_bearing"] = None
        return data
    found = position(answer, location)
    data["distance_meters"] = found[0] if found else None
    data["compass_bearing"] = found[1] if found else None
    return data


def valid_unicode(value: Any) -> Any:
    """``value`` with lone surrogates in its strings replaced by U+FFFD, so it can be printed,
    and control and invisible characters dropped."""
    if isinstance(value, str):
        return strip_control_chars(valid_text(value))
    if isinstance(value, dict):
        return {valid_unicode(k): valid_unicode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [valid_unicode(item) for item in value]
    return value
