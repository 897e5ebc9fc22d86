"""Settings commands typed after ``/charge`` (or to the bot): text in, a typed command out.

Pure: no I/O. :func:`parse_command` returns ``None`` for anything that is not a settings
command, so the caller searches with it instead. Text that clearly starts a settings
command but cannot be understood (``set units furlongs``) becomes :class:`Invalid`,
whose message says what to type.

    set car CCS J1772            set units km|mi|auto       set free only on|off
    set public only on|off       set home 1 Market St, SF   clear home
    save office = 1 Market St    delete place office        places / my places
    set channel place Denver Union Station                  clear channel place
    settings / my settings       clear settings             forget me
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.geo.units import Units
from bot.plugshare.filters import OutletFilter
from bot.render.escape import escape_mrkdwn
from bot.settings.connector_words import KNOWN, parse_connectors


@dataclass(frozen=True, slots=True)
class SetCar:
    connectors: tuple[OutletFilter, ...]


@dataclass(frozen=True, slots=True)
class ClearCar:
    pass


@dataclass(frozen=True, slots=True)
class SetUnits:
    units: Units | None  # None: automatic (miles in the US and UK, kilometres elsewhere)


@dataclass(frozen=True, slots=True)
class SetFreeOnly:
    on: bool


@dataclass(frozen=True, slots=True)
class SetPublicOnly:
    on: bool


@dataclass(frozen=True, slots=True)
class SetHome:
    text: str


@dataclass(frozen=True, slots=True)
class ClearHome:
    pass


@dataclass(frozen=True, slots=True)
class SavePlace:
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class DeletePlace:
    name: str


@dataclass(frozen=True, slots=True)
class ListPlaces:
    pass


@dataclass(frozen=True, slots=True)
class SetChannelPlace:
    text: str


@dataclass(frozen=True, slots=True)
class ClearChannelPlace:
    pass


@dataclass(frozen=True, slots=True)
class ShowSettings:
    pass


@dataclass(frozen=True, slots=True)
class ClearSettings:
    pass


@dataclass(frozen=True, slots=True)
class ForgetMe:
    pass


@dataclass(frozen=True, slots=True)
class Invalid:
    """A settings command that could not be understood; ``message`` is mrkdwn, escaped."""

    message: str


Command = (
    SetCar
    | ClearCar
    | SetUnits
    | SetFreeOnly
    | SetPublicOnly
    | SetHome
    | ClearHome
    | SavePlace
    | DeletePlace
    | ListPlaces
    | SetChannelPlace
    | ClearChannelPlace
    | ShowSettings
    | ClearSettings
    | ForgetMe
    | Invalid
)

SETTINGS_HELP = (
    "*Settings* (type after `/charge`):\n"
    "• `set car CCS J1772` — your connectors, used when a request names none\n"
    "• `set units km` (or `mi`, `auto`) · `set free only on` · `set public only off`\n"
    "• `set home 1 Market St, San Francisco` — ambiguous places lean toward it; "
    "`CCS near home` searches there\n"
    "• `save office = 1 Market St, San Francisco` then `CCS near office` · "
    "`delete place office` · `places`\n"
    "• `set channel place Denver Union Station` — this channel's default place · "
    "`clear channel place`\n"
    "• `settings` shows everything I keep about you · `forget me` deletes it"
)

_MAX_TEXT = 1000
_MENTION = re.compile(r"^(?:\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>|@chargebot\b|/charge\b)[\s:,]*)+", re.I)
_SEP = r"(?:\s*(?:=|:)\s*|\s+to\s+|\s+)"  # "set units km", "set units to km", "set units: km"
_ON = frozenset({"on", "yes", "true", "1", "enable", "enabled", "y"})
_OFF = frozenset({"off", "no", "false", "0", "disable", "disabled", "n"})
_UNITS: dict[str, Units | None] = {
    "km": "km",
    "kms": "km",
    "kilometers": "km",
    "kilometres": "km",
    "metric": "km",
    "mi": "mi",
    "mile": "mi",
    "miles": "mi",
    "imperial": "mi",
    "auto": None,
    "automatic": None,
    "default": None,
}
_NO_CAR = frozenset({"none", "any", "all", "nothing", "clear", "every", "anything"})


def _full(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^{pattern}$", re.IGNORECASE | re.DOTALL)


_SHOW = _full(r"(?:show\s+)?(?:my\s+)?(?:settings|preferences|prefs)")
_LIST = _full(r"(?:show\s+|list\s+)?(?:my\s+)?(?:saved\s+)?places")
_FORGET_ME = _full(r"forget\s+(?:about\s+)?me")
_CLEAR_ALL = _full(r"(?:clear|reset|delete)\s+(?:all\s+)?(?:my\s+)?(?:settings|preferences)")
_CLEAR_CAR = _full(r"(?:clear|reset|delete|forget)\s+(?:my\s+)?(?:car|connectors?|plugs?)")
_CLEAR_HOME = _full(r"(?:clear|reset|delete|forget)\s+(?:my\s+)?home(?:\s+place)?")
_CLEAR_CHANNEL = _full(
    r"(?:clear|reset|delete|remove|unset)\s+(?:the\s+|this\s+)?channel(?:'s)?\s+place"
)
_CLEAR_UNITS = _full(r"(?:clear|reset)\s+(?:my\s+)?units?")
_DELETE_PLACE = _full(r"(?:delete|forget|remove)\s+(?:my\s+)?(?:saved\s+)?place\s+(?P<name>.+)")
_SAVE = _full(r"save\s+(?:place\s+)?(?P<name>[^=]*?)\s*=\s*(?P<text>.*)")
_SAVE_ANY = _full(r"save\b.*")
_SET_CHANNEL = _full(rf"set\s+(?:the\s+|this\s+)?channel(?:'s)?\s+place(?:{_SEP}(?P<text>.*))?")
_SET_HOME = _full(rf"set\s+(?:my\s+)?home(?:{_SEP}(?P<text>.*))?")
_SET_CAR = _full(
    rf"set\s+(?:my\s+)?(?:car|connectors?|plugs?|connector\s+types?)(?:{_SEP}(?P<value>.*))?"
)
_SET_UNITS = _full(rf"set\s+(?:my\s+)?units?(?:{_SEP}(?P<value>.*))?")
_SET_FREE = _full(rf"set\s+(?:my\s+)?free(?:[\s-]*only)?(?:{_SEP}(?P<value>.*))?")
_SET_PUBLIC = _full(rf"set\s+(?:my\s+)?public(?:[\s-]*only)?(?:{_SEP}(?P<value>.*))?")
_SET_ANY = _full(r"set\b.*")
_CLEAR_ANY = _full(r"(?:clear|reset)\b.*")


def parse_command(text: str) -> Command | None:
    """The settings command in ``text``, or ``None`` when it is a search."""
    line = _MENTION.sub("", " ".join(text[:_MAX_TEXT].split()))
    line = line.rstrip(" .!")
    if not line:
        return None

    for pattern, command in (
        (_SHOW, ShowSettings()),
        (_LIST, ListPlaces()),
        (_FORGET_ME, ForgetMe()),
        (_CLEAR_ALL, ClearSettings()),
        (_CLEAR_CAR, ClearCar()),
        (_CLEAR_HOME, ClearHome()),
        (_CLEAR_CHANNEL, ClearChannelPlace()),
        (_CLEAR_UNITS, SetUnits(None)),
    ):
        if pattern.match(line):
            return command

    if match := _DELETE_PLACE.match(line):
        return DeletePlace(_unquote(match["name"]))
    if match := _SAVE.match(line):
        return _save(match["name"], match["text"])
    if _SAVE_ANY.match(line):
        return Invalid(
            "To save a place, give it a name and an address: "
            "`/charge save office = 1 Market St, San Francisco`."
        )
    if match := _SET_CHANNEL.match(line):
        return _place_command(
            match["text"], SetChannelPlace, "set channel place Denver Union Station"
        )
    if match := _SET_HOME.match(line):
        return _place_command(match["text"], SetHome, "set home 1 Market St, San Francisco")
    if match := _SET_CAR.match(line):
        return _set_car(match["value"] or "")
    if match := _SET_UNITS.match(line):
        return _set_units(match["value"] or "")
    if match := _SET_FREE.match(line):
        return _switch(match["value"], SetFreeOnly, "free only")
    if match := _SET_PUBLIC.match(line):
        return _switch(match["value"], SetPublicOnly, "public only")
    if _SET_ANY.match(line) or _CLEAR_ANY.match(line):
        return Invalid(f"I didn't understand “{escape_mrkdwn(line)}”.\n{SETTINGS_HELP}")
    return None


def _unquote(text: str) -> str:
    return text.strip().strip("\"'“”‘’").strip()


def _save(name: str, text: str) -> Command:
    name, text = _unquote(name), text.strip()
    if not name or not text:
        return Invalid(
            "To save a place, give it a name and an address: "
            "`/charge save office = 1 Market St, San Francisco`."
        )
    return SavePlace(name=name, text=text)


def _place_command(
    text: str | None, command: type[SetHome] | type[SetChannelPlace], example: str
) -> Command:
    text = (text or "").strip()
    if not text:
        return Invalid(f"Which place? e.g. `/charge {example}`.")
    return command(text)


def _set_car(value: str) -> Command:
    value = value.strip()
    if value.casefold() in _NO_CAR:
        return ClearCar()
    outlets, unknown = parse_connectors(value)
    if unknown or not outlets:
        words = " ".join(unknown) or value
        said = f"“{escape_mrkdwn(words)}” is not a connector I know. " if words else ""
        return Invalid(f"{said}Try for example `/charge set car CCS J1772`. I know: {KNOWN}.")
    return SetCar(tuple(dict.fromkeys(outlets)))


def _set_units(value: str) -> Command:
    key = value.strip().casefold()
    if key in _UNITS:
        return SetUnits(_UNITS[key])
    return Invalid("Units are `km`, `mi` or `auto`: e.g. `/charge set units km`.")


def _switch(
    value: str | None, command: type[SetFreeOnly] | type[SetPublicOnly], name: str
) -> Command:
    key = (value or "").strip().casefold()
    if not key or key in _ON:  # "set free only" means on
        return command(True)
    if key in _OFF:
        return command(False)
    return Invalid(f"Say `on` or `off`: e.g. `/charge set {name} on`.")
