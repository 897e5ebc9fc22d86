"""Carry out a settings command against the store and say what happened, in one short reply.

Replies are Slack mrkdwn with every piece of user or geocoder text escaped; the only
markup is ChargeBot's own (bold, code, a channel link for channels the user set).
Nothing here raises for a user's mistake or a database that is down: the reply says so.
"""

from __future__ import annotations

import logging

from bot.geo.place import Resolver
from bot.plugshare.enums import connector_label
from bot.render.escape import channel_link, escape_mrkdwn
from bot.settings.commands import (
    SETTINGS_HELP,
    ClearCar,
    ClearChannelPlace,
    ClearHome,
    ClearSettings,
    Command,
    DeletePlace,
    ForgetMe,
    Invalid,
    ListPlaces,
    SavePlace,
    SetCar,
    SetChannelPlace,
    SetFreeOnly,
    SetHome,
    SetPublicOnly,
    SetUnits,
    ShowSettings,
)
from bot.settings.places import (
    NotResolved,
    Target,
    not_resolved,
    set_place,
    stored_sentence,
)
from bot.settings.refusals import refusal
from bot.state import (
    InvalidSetting,
    Preferences,
    SavedPlace,
    StateStore,
    StateUnavailable,
    UserData,
)

logger = logging.getLogger(__name__)

_MAX_CANDIDATES = 3


def run_command(
    command: Command,
    store: StateStore,
    resolver: Resolver,
    *,
    team_id: str,
    user_id: str,
    channel_id: str | None = None,
) -> str:
    """Do what ``command`` says for this user (and channel); return the reply text."""
    try:
        return _Run(store, resolver, team_id, user_id, channel_id).run(command)
    except StateUnavailable as error:
        logger.warning("state database unavailable: %s", error.detail)
        return error.user_message
    except InvalidSetting as error:
        return refusal(error)


def _e(text: str) -> str:
    return escape_mrkdwn(text)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def connectors_text(preferences: Preferences) -> str:
    return " or ".join(connector_label(o.connector, o.power) for o in preferences.connectors)


class _Run:
    def __init__(
        self,
        store: StateStore,
        resolver: Resolver,
        team_id: str,
        user_id: str,
        channel_id: str | None,
    ) -> None:
        self.store = store
        self.resolver = resolver
        self.team = team_id
        self.user = user_id
        self.channel = channel_id

    def run(self, command: Command) -> str:
        match command:
            case Invalid(message):
                return message
            case SetCar(connectors):
                saved = self.store.set_preferences(self.team, self.user, connectors=connectors)
                return (
                    f"Saved your car's connectors: *{_e(connectors_text(saved))}*. Requests "
                    "that name no connector will look for these."
                )
            case ClearCar():
                self.store.set_preferences(self.team, self.user, connectors=None)
                return "Cleared your connectors: requests include every connector again."
            case SetUnits(units):
                self.store.set_preferences(self.team, self.user, units=units)
                if units is None:
                    return (
                        "Distances are automatic again: miles in the US and UK, "
                        "kilometres elsewhere."
                    )
                return f"Distances will be in {'kilometres' if units == 'km' else 'miles'}."
            case SetFreeOnly(on):
                self.store.set_preferences(self.team, self.user, free_only=on)
                if on:
                    return "Free only: *on*. Searches skip locations with a known fee."
                return "Free only: *off*. Searches include paid locations."
            case SetPublicOnly(on):
                self.store.set_preferences(self.team, self.user, public_only=on)
                if on:
                    return "Public only: *on*. Searches skip restricted and residential locations."
                return (
                    "Public only: *off*. Searches include restricted (workplace, dealership) "
                    "and shared residential locations too."
                )
            case SetHome():
                return self.set_place(
                    command, "Ambiguous places lean toward it, and `near home` searches there."
                )
            case ClearHome():
                had = self.store.get_preferences(self.team, self.user).home is not None
                self.store.set_preferences(self.team, self.user, home=None)
                return "Cleared your home place." if had else "You had no home place set."
            case SavePlace():
                return self.set_place(command)
            case DeletePlace(name):
                if self.store.delete_place(self.team, self.user, name):
                    return f"Deleted your saved place *{_e(name)}*."
                places = self.store.list_places(self.team, self.user)
                return f"You have no saved place called “{_e(name)}”. " + _places_line(places)
            case ListPlaces():
                return _places_list(self.store.list_places(self.team, self.user))
            case SetChannelPlace():
                return self.set_place(
                    command,
                    "Requests here that name no place search there, and ambiguous places "
                    "lean toward it.",
                )
            case ClearChannelPlace():
                if self.channel is None:
                    return "Channel places belong to channels: type this in the channel."
                if self.store.clear_channel_place(self.team, self.channel):
                    return "Cleared this channel's place."
                return "This channel has no place set."
            case ShowSettings():
                return _settings(self.store.about_user(self.team, self.user))
            case ClearSettings():
                if self.store.clear_preferences(self.team, self.user):
                    return (
                        "Cleared your settings (car, units, free only, public only, home). "
                        "Your saved places are kept; `/charge forget me` deletes everything."
                    )
                return "You had no settings to clear."
            case ForgetMe():
                return self.forget()
        raise AssertionError(f"unhandled command {command!r}")

    # --- places -------------------------------------------------------------------------

    def set_place(self, target: Target, hint: str = "") -> str:
        if isinstance(target, SetChannelPlace) and self.channel is None:
            return "Channel places belong to channels: type this in the channel."
        try:
            stored = set_place(
                self.store,
                self.resolver,
                target,
                team_id=self.team,
                user_id=self.user,
                channel_id=self.channel,
            )
        except NotResolved as error:
            return not_resolved(error)
        if isinstance(target, SavePlace):
            hint = f"Try `/charge CCS near {_e(stored.name or target.name)}`."
        return f"{stored_sentence(stored)} {hint}"

    def forget(self) -> str:
        forgotten = self.store.forget_user(self.team, self.user)
        if not forgotten.anything:
            return "I had nothing stored about you in this workspace."
        deleted = []
        if forgotten.preferences:
            deleted.append("your settings")
        if forgotten.places:
            deleted.append(_plural(forgotten.places, "saved place"))
        if forgotten.checkins:
            deleted.append(_plural(forgotten.checkins, "check-in"))
        reply = f"Done: I deleted {_join(deleted)}." if deleted else "Done."
        if forgotten.channel_places_unattributed:
            count = _plural(forgotten.channel_places_unattributed, "channel place")
            reply += f" The {count} you set stay for the channel, no longer linked to you."
        return reply


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _places_line(places: list[SavedPlace]) -> str:
    if not places:
        return "You have no saved places."
    return "Your places: " + ", ".join(f"*{_e(p.name)}*" for p in places) + "."


def _places_list(places: list[SavedPlace]) -> str:
    if not places:
        return (
            "You have no saved places yet. Save one with "
            "`/charge save office = 1 Market St, San Francisco`, then ask `CCS near office`."
        )
    lines = [f"• *{_e(p.name)}*: {_e(p.place.name)}" for p in places]
    return (
        "*Your saved places*\n"
        + "\n".join(lines)
        + "\nDelete one with `/charge delete place NAME`."
    )


def _on_off(value: bool | None, unset: str) -> str:
    return unset if value is None else ("on" if value else "off")


def _settings(data: UserData) -> str:
    prefs = data.preferences
    lines = [
        "*Your settings*",
        f"• Car: {_e(connectors_text(prefs)) if prefs.connectors else 'not set (every connector)'}",
        f"• Units: {prefs.units or 'automatic'}",
        f"• Free only: {_on_off(prefs.free_only, 'off')}",
        f"• Public only: {_on_off(prefs.public_only, 'on (the default)')}",
        f"• Home: {_e(prefs.home.name) if prefs.home else 'not set'}",
        "• Saved places: "
        + (", ".join(f"*{_e(p.name)}*" for p in data.places) if data.places else "none"),
        f"• Check-ins: {len(data.checkins)} in this workspace",
    ]
    if data.channel_places_set:
        channels = ", ".join(channel_link(c.channel_id) for c in data.channel_places_set)
        lines.append(f"• Channel places you set: {channels}")
    lines.append("`/charge forget me` deletes all of this.")
    lines.append(SETTINGS_HELP)
    return "\n".join(lines)
