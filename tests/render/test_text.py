"""What `chargebot ask` prints: the card's facts as plain text."""

from __future__ import annotations

from support.answers import NOW, PENN_STATION, UNION_STATION_LA

from bot.plugshare.filters import Filters
from bot.render.text import render_text
from bot.search import Answer, Outcome, SearchRequest


def test_afdc_answer_in_a_terminal(afdc_answer: Answer) -> None:
    afdc_answer.notes = ["I ignored “cheap”."]
    afdc = "https://afdc.energy.gov/stations#/station/"
    maps = "https://www.google.com/maps/dir/?api=1&destination="
    assert (
        render_text(afdc_answer, now=NOW)
        == f"""\
5 stations near Penn Station, New York, NY, USA
public · within 1 mi
U.S. DOE Alternative Fuels Data Center. Live status isn't available from this source.
Note: I ignored “cheap”.

1. Chelsea29 - Tesla Destination · 0.2 mi S
   221 W 29th St, New York, NY 10001
   J1772 ×6   Tesla wall connector ×6
   Tesla Destination · Free · Public
   Page: {afdc}358788
   Directions: {maps}40.748395,-73.993700

2. Quik Park Garden Lots LLC - Tesla Destination · 0.2 mi ESE
   126 West 32nd St, New York, NY 10001
   J1772 ×3   Tesla wall connector ×3
   Tesla Destination · Free · Public
   Page: {afdc}115009
   Directions: {maps}40.749073,-73.990032

3. COM1-1 COM1-1 · 0.4 mi WSW
   372 W 25th St, New York, NY 10001
   CCS ×1   CHAdeMO ×1
   ChargePoint · Cost unknown · Public · 24/7
   Page: {afdc}313682
   Directions: {maps}40.747486,-74.000069

4. COM1-1 COM1-2 · 0.4 mi WSW
   365 W 25th St, New York, NY 10001
   CCS ×1   CHAdeMO ×1
   ChargePoint · Cost unknown · Public · 24/7
   Page: {afdc}313672
   Directions: {maps}40.747434,-74.000085

5. 10 Hudson Yards - Tesla Destination · 0.4 mi WNW
   10 Hudson Yards, New York, NY 10001
   J1772 ×16   Tesla wall connector ×16
   Tesla Destination · Free · Public
   Page: {afdc}358813
   Directions: {maps}40.752656,-74.001074

More stations match. Ask for more, e.g. add “top 10” to your request.
"""
    )


def test_plugshare_answer_in_a_terminal(plugshare_answer: Answer) -> None:
    text = render_text(plugshare_answer, now=NOW)
    assert text.startswith(
        "2 J1772 or CCS stations near Union Station, Los Angeles, CA, USA\n"
        "within 5 mi\n"
        "Data © PlugShare.\n"
        "\n"
        "1. Union Station — Patsaouras Plaza Garage · 0.2 mi ESE\n"
        "   801 N Vignes St, Los Angeles, CA 90012\n"
        "   CCS ×2 · 350 kW   CHAdeMO ×1 · 50 kW   J1772 ×2 · 6.6 kW\n"
        "   Electrify America, ChargePoint · Fee: $0.48/kWh; idle fee after 10 min · Public"
        " · 24/7\n"
        "   2 of 4 available (1 in use, 1 offline) · PlugScore 8.7\n"
        "   Check-ins (latest 3 of 4):\n"
        "      Charged · 3 days ago · Maria: “Got 140 kW on stall 2. Easy.”\n"
        # A terminal is not Slack: the comment is shown as written.
        "      Problem: Broken hardware · 13 days ago · Tom: “Stall 4 screen dead, *call* support"
        " <@U999> &amp; wait”\n"
        "      Tip · 2 months ago · Sam: “Validate parking at the kiosk.”\n"
        "   Page: https://www.plugshare.com/location/212345\n"
    )
    assert "2. Metro Center Garage · 0.6 mi NW\n" in text
    assert "   Free · Restricted\n   live status unknown\n" in text
    assert "Live status isn't available" not in text
    assert "More stations match" not in text


def test_control_characters_from_data_never_reach_the_terminal(plugshare_answer: Answer) -> None:
    location = plugshare_answer.locations[0]
    plugshare_answer.locations = [
        location.model_copy(update={"name": "Evil\x1b[2J\x1b]0;pwned\x07 \x9b31m Garage\r\nX"})
    ]
    text = render_text(plugshare_answer, now=NOW)
    assert "1. Evil[2J]0;pwned 31m Garage X · 0.2 mi ESE\n" in text
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)


def _answer(outcome: Outcome, text: str = "x", **fields: object) -> Answer:
    return Answer(outcome=outcome, request=SearchRequest(text=text), **fields)  # type: ignore[arg-type]


def test_help_in_a_terminal_shows_commands_to_type() -> None:
    text = render_text(_answer(Outcome.HELP, source="AFDC"))
    assert text.startswith("ChargeBot finds EV charging stations\n\nName a place")
    assert "Connectors:         CCS, CHAdeMO, J1772 / Level 2" in text
    assert '   chargebot ask "CCS near Union Station, Los Angeles"\n' in text
    assert text.endswith("\nAFDC.\n")


def test_every_other_outcome_in_a_terminal() -> None:
    assert render_text(_answer(Outcome.NO_PLACE)) == (
        'Where should I look? Add a place to your request, e.g. "CCS near Union Station, Denver"'
        ' or "CCS near 10001".\n'
    )
    ambiguous = _answer(
        Outcome.AMBIGUOUS_PLACE,
        candidates=[PENN_STATION, UNION_STATION_LA],
    )
    assert render_text(ambiguous) == (
        "Which place do you mean?\n"
        "   1. Penn Station, New York, NY, USA (address or landmark)\n"
        "   2. Union Station, Los Angeles, CA, USA (address or landmark)\n"
        "Ask again with the one you mean, e.g. add the city or state.\n"
    )
    nothing = _answer(
        Outcome.NOTHING_FOUND,
        place=PENN_STATION,
        filters=Filters(networks=[19], min_power_kw=150),
        radius_m=50_000,
        units="km",
        notes=["Nothing within 5 km, so I looked within 50 km."],
    )
    assert render_text(nothing) == (
        "I found no charging stations within 50 km of Penn Station, New York, NY, USA "
        "(EVgo only · 150 kW+).\n"
        "You could try any network or less than 150 kW.\n"
        "Note: Nothing within 5 km, so I looked within 50 km.\n"
    )
    down = _answer(Outcome.SOURCE_DOWN)
    assert render_text(down) == (
        "The station data source isn't answering right now, so I can't search. "
        "Please try again in a minute.\n"
    )
    refused = _answer(Outcome.SOURCE_DOWN, message="PlugShare refused our credentials.")
    assert render_text(refused) == "PlugShare refused our credentials.\n"
    empty = render_text(_answer(Outcome.INDEX_EMPTY))
    assert '"chargebot data sync afdc"' in empty
