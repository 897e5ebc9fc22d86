"""Models built without validation equal what validation builds from the same data."""

from __future__ import annotations

from bot.plugshare.models import Location


def assert_as_validated(location: Location) -> None:
    validated = Location.model_validate(location.model_dump())
    assert location == validated
    assert location.model_dump(mode="json") == validated.model_dump(mode="json")
    for mine, theirs in zip(location.stations, validated.stations, strict=True):
        assert type(mine.cost) is type(theirs.cost)
        assert type(mine.available) is type(theirs.available)
        assert type(mine.created_at) is type(theirs.created_at)
        for a, b in zip(mine.outlets, theirs.outlets, strict=True):
            assert (type(a.connector), type(a.power)) == (type(b.connector), type(b.power))
    assert type(location.access) is type(validated.access)
    assert [type(a.type) for a in location.amenities] == [type(a.type) for a in validated.amenities]
    assert location.model_fields_set >= {"id", "name", "latitude", "longitude", "stations"}
