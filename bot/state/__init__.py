"""What ChargeBot remembers: people's settings, saved places, channel places, workspace
check-ins and Slack installations, in one SQL database (SQLite file or PostgreSQL).

Storage only: this package imports nothing from ``bot.search``, ``bot.query``,
``bot.render`` or ``bot.slack``, and writes no wording for people. The layers above use:

- :class:`StateStore`: every read and write, scoped by team id. It is also the
  ``bot.search`` protocols' implementation: ``personal_settings`` (``DefaultsSource``)
  and the check-in methods (``CheckinsStore``).
- The values it hands out (``bot.state.records``): :class:`StoredPlace` (the text a person
  typed and the ``bot.geo.Place`` it is), :class:`Preferences`, :class:`SavedPlace`,
  :class:`ChannelPlace`, :class:`CheckIn`, :class:`PersonalSettings`, :class:`UserData`,
  :class:`Forgotten`, :class:`TeamDeleted`.
- Its limits: :data:`MAX_SAVED_PLACES`, :data:`MAX_COMMENT`, :data:`MAX_KILOWATTS`.
- Its errors: :class:`StateUnavailable` (the database cannot be used now) and
  :class:`InvalidSetting` with its :class:`Rule` (``bot.settings.refusal`` words it).
"""

from bot.state.errors import InvalidSetting, Rule, StateUnavailable
from bot.state.records import (
    ChannelPlace,
    CheckIn,
    Forgotten,
    PersonalSettings,
    Preferences,
    SavedPlace,
    StoredPlace,
    TeamDeleted,
    UserData,
)
from bot.state.store import (
    MAX_COMMENT,
    MAX_KILOWATTS,
    MAX_SAVED_PLACES,
    UNSET,
    StateStore,
    check_place_name,
)

__all__ = [
    "MAX_COMMENT",
    "MAX_KILOWATTS",
    "MAX_SAVED_PLACES",
    "UNSET",
    "ChannelPlace",
    "CheckIn",
    "Forgotten",
    "InvalidSetting",
    "PersonalSettings",
    "Preferences",
    "Rule",
    "SavedPlace",
    "StateStore",
    "StateUnavailable",
    "StoredPlace",
    "TeamDeleted",
    "UserData",
    "check_place_name",
]
