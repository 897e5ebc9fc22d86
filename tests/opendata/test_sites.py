"""One card per real site: AFDC and OCM listing the same site show it once.

Real rows of ../shared/data/afdc/ny.csv, and OCM-shaped records of the same sites as OCM's
contributors list them (their own names, a few meters off, OCM's operator ids), plus
near-misses that must stay separate: sites 80 m apart, two networks in one garage.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from opendata.ocm_records import afdc_rows, comment, photo, poi_for

from bot.cli import main
from bot.ocm.mapping import OCM_CREDIT
from bot.opendata.importer import import_file, import_pois
from bot.opendata.sites import MATCH_RADIUS_M, similar_names
from bot.opendata.stats import index_stats
from bot.plugshare.filters import Filters
from bot.providers.local import LocalProvider

POI = dict[str, Any]
OCM = 2_000_000_000

#: AFDC ids of the NY export used here.
MOTT_SUPERCHARGER = 102334  # Tesla; 80 m from ELIZABETH_DESTINATION
ELIZABETH_DESTINATION = 115138  # Tesla Destination
VENETO = 124140  # Blink
WALGREENS = 228330  # eVgo
PARAMOUNT_GLENWOOD = 147009  # Non-Networked, 18 m from PARAMOUNT_EVOKE: one garage
PARAMOUNT_EVOKE = 356971  # EVOKE
RAPID_PARK_TESLA = 115047  # Tesla Destination; the same garage as the two Vialynk floors
RAPID_PARK_VIALYNK_1 = 334499
RAPID_PARK_VIALYNK_2 = 223088
KINGS_NISSAN = 44329  # Non-Networked


@pytest.fixture(scope="module")
def rows(ny_csv: Path) -> dict[int, dict[str, str]]:
    return afdc_rows(
        ny_csv, MOTT_SUPERCHARGER, ELIZABETH_DESTINATION, VENETO, WALGREENS, PARAMOUNT_GLENWOOD,
        PARAMOUNT_EVOKE, RAPID_PARK_TESLA, RAPID_PARK_VIALYNK_1, RAPID_PARK_VIALYNK_2,
        KINGS_NISSAN,
    )  # fmt: skip


def ocm_records(rows: dict[int, dict[str, str]]) -> list[POI]:
    """OCM's listing of these sites: the same ones, and some that are not the same."""
    veneto_checkins = [
        comment(901, 10, "2025-03-01T18:00:00Z", "Both ports worked", "Maria Lopez"),
        comment(902, 20, "2025-02-01T09:30:00.5Z", "Left port dead", "kwhiz"),
        comment(903, None, "2024-12-24T12:00:00Z", "Entrance on 53rd", "Sam"),
        comment(904, 10, "2023-06-01T12:00:00Z", "Fine", "Old Timer"),
    ]
    return [
        # The same sites: the same network, or a similar name with no other network.
        poi_for(rows[MOTT_SUPERCHARGER], 1, name="Tesla Supercharger Mott St", operator_id=23,
                connection_type=27, north_m=12),
        poi_for(rows[ELIZABETH_DESTINATION], 2, name="iPark 44 Elizabeth St", operator_id=23,
                connection_type=30, east_m=-10),
        poi_for(rows[VENETO], 3, name="The Veneto garage", operator_id=9, east_m=25,
                comments=veneto_checkins,
                photos=[photo(951, "https://media.openchargemap.io/images/US/veneto.jpg")]),
        poi_for(rows[WALGREENS], 4, name="Walgreens Prospect Ave", operator_id=1,
                connection_type=33, north_m=-15),
        poi_for(rows[PARAMOUNT_GLENWOOD], 5, name="Paramount Garage", operator_id=45,
                north_m=5),
        poi_for(rows[PARAMOUNT_EVOKE], 6, name="Paramount Tower", operator_id=9999,
                operator_title="EVOKE", east_m=4),
        poi_for(rows[RAPID_PARK_TESLA], 7, name="Rapid Park 204 W 101st St", operator_id=23,
                connection_type=30, north_m=3),
        poi_for(rows[RAPID_PARK_VIALYNK_1], 8, name="Rapid Park - 204 W 101st 1st Floor",
                operator_id=9998, operator_title="VIALYNK", east_m=3),
        # Near-misses: the same name and network 80 m away; a network AFDC has not in
        # the garage; an unrelated name with no network.
        poi_for(rows[KINGS_NISSAN], 9, name="Kings Nissan", operator_id=45, north_m=80),
        poi_for(rows[MOTT_SUPERCHARGER], 10, name="Mott Street Parking - Tesla Supercharger",
                operator_id=23, connection_type=27, north_m=-80),
        poi_for(rows[RAPID_PARK_TESLA], 11, name="Rapid Park 204 W 101st St", operator_id=5,
                north_m=2),
        poi_for(rows[VENETO], 12, name="Joe's Pizza", operator_id=1, north_m=20),
    ]  # fmt: skip


EXPECTED_LINKS = {
    OCM + 1: MOTT_SUPERCHARGER,
    OCM + 2: ELIZABETH_DESTINATION,
    OCM + 3: VENETO,
    OCM + 4: WALGREENS,
    OCM + 5: PARAMOUNT_GLENWOOD,
    OCM + 6: PARAMOUNT_EVOKE,
    OCM + 7: RAPID_PARK_TESLA,
    OCM + 8: RAPID_PARK_VIALYNK_1,
}
SEPARATE = [OCM + 9, OCM + 10, OCM + 11, OCM + 12]


def links(db: Path) -> dict[int, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT location_id, site_id FROM site_links ORDER BY 1"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def merged_index(
    ny_index: Path, rows: dict[int, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    db = tmp_path_factory.mktemp("merged") / "ny-and-ocm.sqlite3"
    shutil.copy(ny_index, db)
    report = import_pois(ocm_records(rows), db, origin="OCM records of NY sites")
    assert report.imported == 12 and report.merged == len(EXPECTED_LINKS)
    return db


@pytest.fixture(scope="module")
def provider(merged_index: Path) -> LocalProvider:
    return LocalProvider(merged_index)


def ids_near(provider: LocalProvider, row: dict[str, str], radius: float = 150) -> list[int]:
    found = provider.nearby(float(row["Latitude"]), float(row["Longitude"]), Filters(), radius,
                            50)  # fmt: skip
    return [location.id for location in found]


def test_sites_both_list_are_linked_and_near_misses_are_not(merged_index: Path) -> None:
    assert links(merged_index) == EXPECTED_LINKS


def test_a_merged_site_is_one_card_with_afdcs_ports_and_ocms_check_ins(
    provider: LocalProvider, rows: dict[int, dict[str, str]]
) -> None:
    near = ids_near(provider, rows[VENETO])
    assert VENETO in near and OCM + 3 not in near
    assert OCM + 12 in near  # the pizzeria 20 m away is another place
    lat, lng = float(rows[VENETO]["Latitude"]), float(rows[VENETO]["Longitude"])
    [veneto] = provider.nearby(lat, lng, Filters(), 10, 1)
    assert veneto.id == VENETO and veneto.name == "The Veneto"
    assert [(s.name, [int(o.connector) for o in s.outlets]) for s in veneto.stations] == [
        ("Level 2", [2]),
        ("Level 2", [2]),
    ]  # AFDC's structured ports, not OCM's one J1772
    assert [r.id for r in veneto.reviews] == [901, 902, 903, 904]
    assert [p.id for p in veneto.photos] == [951]
    assert veneto.credits == [OCM_CREDIT]
    assert veneto.url == f"https://afdc.energy.gov/stations#/station/{VENETO}"


def test_sites_80_m_apart_stay_two(
    provider: LocalProvider, rows: dict[int, dict[str, str]]
) -> None:
    near_mott = ids_near(provider, rows[MOTT_SUPERCHARGER])
    assert MOTT_SUPERCHARGER in near_mott and ELIZABETH_DESTINATION in near_mott
    assert OCM + 10 in near_mott  # the same name and network, 80 m away
    assert OCM + 1 not in near_mott and OCM + 2 not in near_mott
    assert OCM + 9 in ids_near(provider, rows[KINGS_NISSAN])


def test_two_networks_in_one_garage_stay_two(
    provider: LocalProvider, rows: dict[int, dict[str, str]]
) -> None:
    near = ids_near(provider, rows[RAPID_PARK_TESLA], 20)
    assert {RAPID_PARK_TESLA, RAPID_PARK_VIALYNK_1, RAPID_PARK_VIALYNK_2, OCM + 11} <= set(near)
    assert OCM + 7 not in near and OCM + 8 not in near
    near = ids_near(provider, rows[PARAMOUNT_GLENWOOD], 30)
    assert {PARAMOUNT_GLENWOOD, PARAMOUNT_EVOKE} <= set(near)
    assert OCM + 5 not in near and OCM + 6 not in near


def test_the_result_does_not_depend_on_import_order(
    ny_csv: Path, rows: dict[int, dict[str, str]], merged_index: Path, tmp_path: Path
) -> None:
    db = tmp_path / "ocm-first.sqlite3"
    first = import_pois(ocm_records(rows), db, origin="OCM first")
    assert first.merged == 0
    then = import_file(ny_csv, db)
    assert then.merged == len(EXPECTED_LINKS)
    assert links(db) == links(merged_index)
    # Re-importing either source keeps the same sites merged.
    assert import_file(ny_csv, db).merged == len(EXPECTED_LINKS)
    assert links(db) == EXPECTED_LINKS


def test_a_poi_that_moves_away_is_its_own_site_again(
    merged_index: Path, rows: dict[int, dict[str, str]], tmp_path: Path
) -> None:
    db = tmp_path / "moved.sqlite3"
    shutil.copy(merged_index, db)
    far = poi_for(rows[WALGREENS], 4, name="Walgreens Prospect Ave", north_m=MATCH_RADIUS_M + 30)
    report = import_pois([far], db, origin="a later sync")
    assert report.merged == len(EXPECTED_LINKS) - 1
    provider = LocalProvider(db)
    try:
        near = ids_near(provider, rows[WALGREENS])
        assert WALGREENS in near and OCM + 4 in near
    finally:
        provider.close()


def test_stats_count_sources_and_merged_sites(merged_index: Path) -> None:
    stats = index_stats(merged_index)
    assert {s.source: s.locations for s in stats.sources} == {"afdc": 4736, "ocm": 12}
    assert stats.merged == len(EXPECTED_LINKS)
    result = CliRunner().invoke(main, ["data", "stats", "--db", str(merged_index)])
    assert result.exit_code == 0
    assert "Open Charge Map contributors, CC BY-SA 4.0: 12 locations" in result.stdout
    assert "Merged sites: 8 Open Charge Map locations are AFDC sites too" in result.stdout
    assert "(4,740 sites in all)" in result.stdout


def test_answers_credit_both_sources(merged_index: Path, rows: dict[int, dict[str, str]]) -> None:
    where = f"near {rows[VENETO]['Latitude']},{rows[VENETO]['Longitude']} top 1"
    result = CliRunner().invoke(main, ["ask", where, "--db", str(merged_index)])
    assert result.exit_code == 0, result.output
    assert "Alternative Fuels Data Center (AFDC), public domain" in result.stdout
    assert "Open Charge Map contributors, CC BY-SA 4.0" in result.stdout
    assert "The Veneto" in result.stdout and "Maria: “Both ports worked”" in result.stdout


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("Walgreens", "Walgreens Prospect Ave", True),
        ("The Veneto", "The Veneto garage", True),
        ("Glenwood Management - Paramount Garage", "Paramount Garage", True),
        ("The Veneto", "Joe's Pizza", False),
        ("EV Charging Station", "Charging station", False),  # nothing but generic words
    ],
)
def test_similar_names(a: str, b: str, similar: bool) -> None:
    assert (similar_names(a, b) >= 80) is similar


def test_stats_count_one_merged_site_in_the_singular(tmp_path: Path) -> None:
    from bot.opendata.stats import IndexStats, stats_lines

    stats = IndexStats(path=tmp_path / "x.sqlite3", locations=3, merged=1)
    stats.by_network = [("No network", 3, 3)]
    line = next(line for line in stats_lines(stats) if "Merged sites" in line)
    assert "1 Open Charge Map location is an AFDC site too" in line, line
    assert "(2 sites in all)" in line
