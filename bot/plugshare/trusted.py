"""PlugShare models built from values already in the models' own types, without validation.

Validation is for data from outside: API payloads, files. Two places build models
from values that are already exactly what validation would make of them, a model
per row: the AFDC mapping's models (:mod:`bot.opendata.afdc_mapping` produces enum
members, aware datetimes, stripped text or ``None``; an import writes that mapping's
rows without models) and the index's reads (:mod:`bot.opendata.hydrate`, rows that
were validated on their way in, for every location a search shows). There
validation costs more than everything else together, so these build the model the way
``model_construct`` does, without its per-field default lookups (it inspects each
default factory's signature on every call, slower than validating).

Tests hold both paths to the models' validation (``tests/opendata/test_hydrate.py``,
``tests/opendata/test_afdc_mapping.py``): any value of another type, or a change in
pydantic's internals these rely on, fails there.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from bot.plugshare.models import Amenity, Location, Network, Outlet, Station

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


class Trusted(Generic[M]):
    """``Trusted(Location)(id=..., ...)``: a Location, unvalidated, defaults filled in."""

    def __init__(self, model: type[M]) -> None:
        self.model = model
        fields = model.model_fields
        self.defaults = {
            name: field.default
            for name, field in fields.items()
            if field.default_factory is None and not field.is_required()
        }
        self.lists = tuple(n for n, f in fields.items() if f.default_factory is list)
        unknown = [n for n, f in fields.items() if f.default_factory not in (None, list)]
        if unknown or model.__pydantic_post_init__ or model.__pydantic_root_model__:
            raise TypeError(f"{model.__name__} needs model_construct")

    def __call__(self, **values: Any) -> M:
        return self.build(values)

    def build(self, values: dict[str, Any]) -> M:
        """As calling it with ``**values`` (a dict made for the purpose: it is not copied
        when nothing needs filling in)."""
        fields_set = set(values)
        data = self.defaults | values if self.defaults else values
        for name in self.lists:
            if name not in fields_set:
                data[name] = []
        instance = self.model.__new__(self.model)
        _set(instance, "__dict__", data)
        _set(instance, "__pydantic_fields_set__", fields_set)
        _set(instance, "__pydantic_extra__", None)
        _set(instance, "__pydantic_private__", None)
        return instance


def assign(instance: BaseModel, **values: Any) -> None:
    """Set fields of a model built here to values already of their types, as assignment
    would (no validation; about a fifth of pydantic's ``__setattr__``)."""
    instance.__dict__.update(values)
    instance.__pydantic_fields_set__.update(values)


location = Trusted(Location)
station = Trusted(Station)
outlet = Trusted(Outlet)
network = Trusted(Network)
amenity = Trusted(Amenity)
