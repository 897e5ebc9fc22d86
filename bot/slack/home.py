"""The App Home tab: publish it with the member's settings, and carry out its controls.

Every control writes through the state store and publishes the tab again, with a
line saying what changed (the same words as the ``/charge`` settings commands). The
two place modals geocode on submit, within Slack's 3-second limit, so that a place
that cannot be found is reported on the field itself (``response_action: errors``).
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.plugshare.filters import OutletFilter
from bot.query import outlets_for
from bot.render import home_settings as controls
from bot.render.blocks import CAR_CONNECTORS
from bot.render.home import DataSourceInfo, home_view
from bot.render.home_settings import NAME_BLOCK, PLACE_BLOCK, MemberSettings
from bot.search import SearchContext
from bot.settings import (
    NotResolved,
    connectors_text,
    not_resolved,
    refusal,
    run_command,
    set_place,
    stored_sentence,
)
from bot.settings.commands import (
    ClearCar,
    ClearHome,
    Command,
    DeletePlace,
    ForgetMe,
    SavePlace,
    SetCar,
    SetFreeOnly,
    SetHome,
    SetPublicOnly,
    SetUnits,
)
from bot.slack.services import SlackServices
from bot.state import (
    MAX_SAVED_PLACES,
    InvalidSetting,
    StateStore,
    StateUnavailable,
    UserData,
)

log = logging.getLogger(__name__)

#: Seconds a place modal waits for the geocoder and the database before answering
#: Slack (which allows 3 s); a slower lookup is reported as "try again".
PLACE_DEADLINE = 2.5
SLOW = "Looking that place up is taking longer than usual. Please press Save again."
FAILED = "Something went wrong saving that place. Please press Save again."


def _source(services: SlackServices) -> DataSourceInfo:
    provider = services.provider
    return DataSourceInfo(
        name=provider.name,
        attribution=provider.attribution,
        live_availability=provider.live_availability,
        has_checkins=provider.has_checkins,
    )


def member_settings(data: UserData) -> MemberSettings:
    prefs = data.preferences
    stored = set(prefs.connectors)
    words = tuple(
        word
        for _, word, _ in CAR_CONNECTORS
        if (outlets := outlets_for(word)) and set(outlets) <= stored
    )
    return MemberSettings(
        connectors=connectors_text(prefs) if prefs.connectors else None,
        connector_words=words,
        units=prefs.units,
        free_only=bool(prefs.free_only),
        public_only=prefs.public_only is not False,
        home=prefs.home.name if prefs.home else None,
        places=tuple((p.name, p.place.name) for p in data.places),
        channel_places=tuple((c.channel_id, c.place.name) for c in data.channel_places_set),
        checkins=len(data.checkins),
        max_places=MAX_SAVED_PLACES,
    )


def publish(
    services: SlackServices, team_id: str | None, user_id: str, notice: str | None = None
) -> None:
    """Publish the member's Home tab (their settings too, when ChargeBot keeps any)."""
    store = services.store
    if store is None or not team_id:
        view = home_view(_source(services))
    else:
        try:
            data = store.about_user(team_id, user_id)
        except StateUnavailable as error:
            log.warning("home.state_unavailable", extra={"detail": error.detail})
            view = home_view(_source(services), unavailable=error.user_message)
        else:
            view = home_view(_source(services), member_settings(data), notice=notice)
    services.sender.publish_home(user_id, view)


# --- the controls ---------------------------------------------------------------------------


def _run(services: SlackServices, who: SearchContext, *commands: Command) -> str:
    assert services.store is not None and who.team_id and who.user_id
    replies = [
        run_command(
            command,
            services.store,
            services.resolver,
            team_id=who.team_id,
            user_id=who.user_id,
        )
        for command in commands
    ]
    return "\n".join(replies)


def change(
    services: SlackServices, who: SearchContext, control: str, values: Sequence[str]
) -> None:
    """Carry out a Home control (``bot.render.home_settings`` action ids) and republish."""
    store = services.store
    if store is None or not who.team_id or not who.user_id:
        return
    notice: str | None
    if control == controls.CONNECTORS:
        known = {word for _, word, _ in CAR_CONNECTORS}
        outlets: list[OutletFilter] = []
        for word in values:
            if word in known:
                outlets.extend(outlets_for(word) or ())
        car: Command = SetCar(tuple(dict.fromkeys(outlets))) if outlets else ClearCar()
        notice = _run(services, who, car)
    elif control == controls.UNITS:
        chosen = values[0] if values else None
        notice = _run(
            services, who, SetUnits("mi" if chosen == "mi" else "km" if chosen == "km" else None)
        )
    elif control == controls.OPTIONS:
        notice = _options(services, store, who, set(values))
    elif control == controls.CLEAR_HOME:
        notice = _run(services, who, ClearHome())
    elif control == controls.DELETE_PLACE and values:
        try:
            name = controls.place_of_value(values[0])
        except ValueError:
            log.info("action.bad_value", extra={"action": control})
            return
        notice = _run(services, who, DeletePlace(name))
    elif control == controls.FORGET_ME:
        notice = _run(services, who, ForgetMe())
    else:
        return
    log.info("home.changed", extra={"control": control})
    publish(services, who.team_id, who.user_id, notice)


def _options(
    services: SlackServices, store: StateStore, who: SearchContext, ticked: set[str]
) -> str | None:
    """Free only / public only: change whichever the member toggled."""
    assert who.team_id and who.user_id
    try:
        prefs = store.get_preferences(who.team_id, who.user_id)
    except StateUnavailable as error:
        return error.user_message
    commands: list[Command] = []
    free, public = controls.FREE_ONLY in ticked, controls.PUBLIC_ONLY in ticked
    if bool(prefs.free_only) != free:
        commands.append(SetFreeOnly(free))
    if (prefs.public_only is not False) != public:
        commands.append(SetPublicOnly(public))
    return _run(services, who, *commands) if commands else None


# --- the place modals -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlaceSaved:
    """A place modal's outcome: field errors for Slack, or the notice for the Home tab."""

    errors: dict[str, str] | None = None
    notice: str | None = None


def save_place(
    services: SlackServices,
    who: SearchContext,
    kind: Literal["home", "saved"],
    name: str,
    text: str,
) -> PlaceSaved:
    """Geocode ``text`` and store it as the home place or the saved place ``name``.

    Waits at most :data:`PLACE_DEADLINE` seconds; the lookup goes on in the background
    (its answer is cached), so pressing Save again is quick.
    """
    if kind == "saved" and not name:
        return PlaceSaved(errors={NAME_BLOCK: "Give the place a name, e.g. office."})
    if not text:
        return PlaceSaved(errors={PLACE_BLOCK: "Which place? e.g. 1 Market St, San Francisco."})
    command = SavePlace(name, text) if kind == "saved" else SetHome(text)
    # The lookup runs where searches do (``chargebot serve``: the search process, whose
    # geocoder gate keeps the instance's one request a second), never in the ack path.
    future = services.background.submit(geocode_and_store, services, who, command)
    try:
        saved = future.result(timeout=PLACE_DEADLINE)
    except concurrent.futures.TimeoutError:
        log.info("home.place_slow")
        return PlaceSaved(errors={PLACE_BLOCK: SLOW})
    if not isinstance(saved, PlaceSaved):  # the lookup failed unexpectedly (it is logged)
        return PlaceSaved(errors={PLACE_BLOCK: FAILED})
    return saved


def geocode_and_store(
    services: SlackServices, who: SearchContext, command: SavePlace | SetHome
) -> PlaceSaved:
    store = services.store
    if store is None or not who.team_id or not who.user_id:
        return PlaceSaved(errors={PLACE_BLOCK: "This ChargeBot doesn't keep places."})
    try:
        stored = set_place(
            store,
            services.resolver,
            command,
            team_id=who.team_id,
            user_id=who.user_id,
        )
    except NotResolved as error:
        return PlaceSaved(errors={PLACE_BLOCK: not_resolved(error, plain=True)})
    except StateUnavailable as error:
        return PlaceSaved(errors={PLACE_BLOCK: error.user_message})
    except InvalidSetting as error:
        # A saved place's name, or the most places one may keep; else the place itself.
        block = NAME_BLOCK if isinstance(command, SavePlace) else PLACE_BLOCK
        return PlaceSaved(errors={block: refusal(error)})
    kind = "saved" if isinstance(command, SavePlace) else "home"
    log.info("home.place_saved", extra={"kind": kind})
    return PlaceSaved(notice=stored_sentence(stored))
