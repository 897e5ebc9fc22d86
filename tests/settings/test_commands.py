"""The settings-command parser: what people type after /charge, and what it means."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.plugshare.enums import Connector, Power
from bot.plugshare.filters import OutletFilter
from bot.settings.commands import (
    ClearCar,
    ClearChannelPlace,
    ClearHome,
    ClearSettings,
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
    parse_command,
)

CCS = OutletFilter(connector=Connector.CCS)
J1772 = OutletFilter(connector=Connector.J1772)
CHADEMO = OutletFilter(connector=Connector.CHADEMO)
TESLA = OutletFilter(connector=Connector.TESLA)
SUPERCHARGER = OutletFilter(connector=Connector.TESLA, power=Power.DC)
WALL_CONNECTOR = OutletFilter(connector=Connector.TESLA, power=Power.AC)
TYPE_2 = OutletFilter(connector=Connector.TYPE_2)
NEMA = OutletFilter(connector=Connector.NEMA_14_50)
GBT = OutletFilter(connector=Connector.GBT)
GBT_2 = OutletFilter(connector=Connector.GBT_2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("set car CCS J1772", SetCar((CCS, J1772))),
        ("set car ccs, j-1772", SetCar((CCS, J1772))),
        ("SET CAR CHAdeMO and Type 1", SetCar((CHADEMO, J1772))),
        ("set my car to Tesla Supercharger", SetCar((SUPERCHARGER,))),
        ("set car superchargers", SetCar((SUPERCHARGER,))),
        ("set car Tesla", SetCar((TESLA,))),
        ("set car NACS", SetCar((TESLA,))),
        ("set car tesla wall connector", SetCar((WALL_CONNECTOR,))),
        ("set connectors: Type 2, CCS2", SetCar((TYPE_2, CCS))),
        ("set car NEMA 14-50 or level 2", SetCar((NEMA, J1772))),
        ("set car CCS ccs Combo", SetCar((CCS,))),
        ("set car CCS/J1772", SetCar((CCS, J1772))),
        ("set car GB/T", SetCar((GBT, GBT_2))),
        ("set car DC fast", SetCar((CHADEMO, CCS, SUPERCHARGER))),
        ("set plugs CCS plugs only", SetCar((CCS,))),
        ("set car none", ClearCar()),
        ("set car any", ClearCar()),
        ("clear car", ClearCar()),
        ("clear my connectors", ClearCar()),
        ("set units km", SetUnits("km")),
        ("set units to miles", SetUnits("mi")),
        ("set units: Kilometres", SetUnits("km")),
        ("set unit mi", SetUnits("mi")),
        ("set units auto", SetUnits(None)),
        ("clear units", SetUnits(None)),
        ("set free only on", SetFreeOnly(True)),
        ("set free only off", SetFreeOnly(False)),
        ("set free-only yes", SetFreeOnly(True)),
        ("set free on", SetFreeOnly(True)),
        ("set free only", SetFreeOnly(True)),
        ("set public only off", SetPublicOnly(False)),
        ("set public only ON", SetPublicOnly(True)),
        ("set public false", SetPublicOnly(False)),
        ("set home 1 Market St, San Francisco", SetHome("1 Market St, San Francisco")),
        ("set my home to 1 Market St, San Francisco", SetHome("1 Market St, San Francisco")),
        ("set home: Zürich HB", SetHome("Zürich HB")),
        ("set home Place de la Concorde, Paris", SetHome("Place de la Concorde, Paris")),
        ("clear home", ClearHome()),
        ("forget my home", ClearHome()),
        (
            "save office = 1 Market St, San Francisco",
            SavePlace("office", "1 Market St, San Francisco"),
        ),
        ("save  My Office=1 Market St", SavePlace("My Office", "1 Market St")),
        ('save "gym" = 40.7580,-73.9855', SavePlace("gym", "40.7580,-73.9855")),
        ("save place mom's = 12 Elm St = Apt 2", SavePlace("mom's", "12 Elm St = Apt 2")),
        ("delete place office", DeletePlace("office")),
        ("forget place My Office", DeletePlace("My Office")),
        ("remove saved place 'gym'", DeletePlace("gym")),
        ("places", ListPlaces()),
        ("my places", ListPlaces()),
        ("list my saved places", ListPlaces()),
        (
            "set channel place Denver Union Station",
            SetChannelPlace("Denver Union Station"),
        ),
        (
            "set this channel's place to Union Station, Denver",
            SetChannelPlace("Union Station, Denver"),
        ),
        ("clear channel place", ClearChannelPlace()),
        ("clear this channel place", ClearChannelPlace()),
        ("settings", ShowSettings()),
        ("my settings", ShowSettings()),
        ("Show my settings.", ShowSettings()),
        ("clear settings", ClearSettings()),
        ("reset my settings", ClearSettings()),
        ("forget me", ForgetMe()),
        ("Forget me!", ForgetMe()),
        ("<@U012AB3CD> forget me", ForgetMe()),
        ("<@U012AB3CD|chargebot>   set units km", SetUnits("km")),
        ("/charge set units km", SetUnits("km")),
        ("@chargebot my places", ListPlaces()),
    ],
)
def test_settings_commands(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "CCS near Union Station, free only",
        "any free J1772 within 2 miles of the Ferry Building?",
        "superchargers near Barstow, top 3",
        "<@U012AB3CD> chademo in Denver, no ChargePoint",
        "places to charge near Denver",
        "settings near the office",
        "free chargers near home",
        "CCS near office",
        "help",
        "forget memorial park chargers",
        "Saveway supermarket chargers",
        "setauket station",
    ],
)
def test_searches_are_not_commands(text: str) -> None:
    assert parse_command(text) is None


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("set car Tesla Model 3", "“Model 3” is not a connector I know"),
        ("set car", "set car CCS J1772"),
        ("set car flux capacitor", "I know: CCS"),
        ("set units furlongs", "`km`, `mi` or `auto`"),
        ("set units", "`km`, `mi` or `auto`"),
        ("set free only maybe", "`on` or `off`"),
        ("set home", "Which place?"),
        ("set channel place", "Which place?"),
        ("save office", "save office = 1 Market St"),
        ("save = 1 Market St", "give it a name"),
        ("save office =", "give it a name"),
        ("set colour blue", "didn't understand"),
        ("clear everything", "didn't understand"),
    ],
)
def test_malformed_settings_commands_say_what_to_type(text: str, hint: str) -> None:
    command = parse_command(text)
    assert isinstance(command, Invalid)
    assert hint in command.message


def test_user_text_in_an_error_cannot_ping_or_format() -> None:
    command = parse_command("set car <!channel> *bold*")
    assert isinstance(command, Invalid)
    assert "<!channel>" not in command.message
    assert "&lt;!channel&gt;" in command.message
    assert "*bold*" not in command.message


@given(st.text(max_size=4000))
def test_never_raises(text: str) -> None:
    result = parse_command(text)
    assert result is None or type(result).__module__ == "bot.settings.commands"
