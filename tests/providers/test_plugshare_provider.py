"""PlugShareProvider over real HTTP: the Provider contract, minimum power, friendly errors."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from support.plugshare_payloads import VENICE, all_locations, fast_and_slow_mix, supercharger
from support.plugshare_server import PlugShareServer, Reply

from bot.config import ConfigError, load_settings
from bot.plugshare.enums import Connector, Power
from bot.plugshare.filters import Filters, OutletFilter
from bot.plugshare.models import Location
from bot.providers.base import LocationNotFound, Provider, ProviderError, ProviderUnavailable
from bot.providers.plugshare import PlugShareProvider

NEARBY = "/locations/nearby"


@pytest.fixture
def server() -> Iterator[PlugShareServer]:
    with PlugShareServer(all_locations()) as running:
        yield running


@pytest.fixture
def provider(server: PlugShareServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Provider]:
    monkeypatch.setenv("PLUGSHARE_API_URL", server.url)
    monkeypatch.setenv("PLUGSHARE_API_KEY", server.key)
    monkeypatch.setenv("PLUGSHARE_API_SECRET", server.secret)
    monkeypatch.setenv("PLUGSHARE_READ_TIMEOUT", "0.5")
    # A short backoff keeps retry tests quick; Retry-After is still honoured as sent.
    with PlugShareProvider.from_settings(load_settings(), backoff=0.02) as made:
        yield made


def _ids(locations: list[Location]) -> list[int]:
    return [location.id for location in locations]


def test_it_is_a_provider_with_live_data(provider: Provider) -> None:
    assert isinstance(provider, Provider)
    assert provider.name == "plugshare"
    assert provider.attribution == "Data: PlugShare"
    assert provider.live_availability is True and provider.has_checkins is True


def test_nearby_nearest_first_with_distance_and_bearing(
    provider: Provider, server: PlugShareServer
) -> None:
    found = provider.nearby(*VENICE, filters=Filters(), radius_m=3_000, count=3)

    assert _ids(found) == [20841, 121002, 121004]
    assert all(loc.distance_meters is not None and loc.compass_bearing is not None for loc in found)
    assert server.requests[-1].query["radius"] == "3000"


def test_the_arguments_win_over_the_filters_radius_and_count(
    provider: Provider, server: PlugShareServer
) -> None:
    provider.nearby(*VENICE, filters=Filters(radius_m=10, count=1), radius_m=90_000, count=800)
    query = server.requests[-1].query
    assert (query["radius"], query["count"]) == ("50000", "500")


def test_filters_are_sent_to_plugshare(provider: Provider, server: PlugShareServer) -> None:
    filters = Filters(
        outlets=[OutletFilter(connector=Connector.CCS)], free_only=True, networks=[47]
    )
    provider.nearby(*VENICE, filters=filters, radius_m=5_000, count=5)
    query = server.requests[-1].query
    assert query["outlets"] == '[{"connector":13}]'
    assert (query["cost"], query["networks"]) == ("false", "47")


def test_min_power_keeps_only_locations_known_to_reach_it(
    provider: Provider, server: PlugShareServer
) -> None:
    found = provider.nearby(*VENICE, filters=Filters(min_power_kw=100), radius_m=10_000, count=10)

    # 150 kW CCS and 250 kW Superchargers pass; 6.6 and 11.5 kW do not, and neither does
    # the DC fast location whose kilowatts nobody recorded.
    assert sorted(_ids(found)) == [121001, 121003]
    assert "min_power" not in server.requests[-1].raw_query


def test_min_power_with_a_connector_needs_that_connector_to_reach_it(provider: Provider) -> None:
    ccs = Filters(outlets=[OutletFilter(connector=Connector.CCS)], min_power_kw=100)
    assert _ids(provider.nearby(*VENICE, filters=ccs, radius_m=10_000, count=10)) == [121003]

    chademo = Filters(outlets=[OutletFilter(connector=Connector.CHADEMO)], min_power_kw=100)
    assert provider.nearby(*VENICE, filters=chademo, radius_m=10_000, count=10) == []

    superchargers = Filters(
        outlets=[OutletFilter(connector=Connector.TESLA, power=Power.DC)], min_power_kw=200
    )
    assert _ids(provider.nearby(*VENICE, filters=superchargers, radius_m=10_000, count=10)) == [
        121001
    ]


def test_min_power_asks_for_more_then_returns_count(
    provider: Provider, server: PlugShareServer
) -> None:
    found = provider.nearby(*VENICE, filters=Filters(min_power_kw=5), radius_m=10_000, count=2)

    assert server.requests[-1].query["count"] == "8"
    assert len(found) == 2
    without = provider.nearby(*VENICE, filters=Filters(), radius_m=10_000, count=2)
    assert server.requests[-1].query["count"] == "2" and len(without) == 2


def test_distance_and_bearing_are_filled_in_when_plugshare_leaves_them_out(
    provider: Provider, server: PlugShareServer
) -> None:
    server.script(NEARBY, Reply(200, [fast_and_slow_mix()]))

    (mix,) = provider.nearby(*VENICE, filters=Filters(), radius_m=10_000, count=5)

    assert mix.distance_meters is not None and 2_600 < mix.distance_meters < 2_900
    assert mix.compass_bearing is not None and 90 < mix.compass_bearing < 180  # south-east


def test_location_with_checkins(provider: Provider) -> None:
    garage = provider.location(20841)
    assert len(garage.reviews) == 2 and len(garage.photos) == 1


def test_a_missing_location_is_location_not_found(provider: Provider) -> None:
    with pytest.raises(LocationNotFound) as caught:
        provider.location(404404)
    assert caught.value.user_message == "That charging location no longer exists."


@pytest.mark.parametrize(
    ("replies", "says"),
    [
        ([Reply(503)] * 3, "PlugShare is not answering right now. Try again in a minute."),
        ([Reply(delay=30)] * 3, "PlugShare is not answering right now. Try again in a minute."),
        ([Reply(503, headers={"Retry-After": "90"})], "Try again in 2 minutes."),
        (
            [Reply(429, headers={"Retry-After": "45"})],
            "PlugShare is getting too many requests from ChargeBot. Try again in 45 seconds.",
        ),
        ([Reply(429)] * 3, "too many requests from ChargeBot. Try again in a minute."),
        ([Reply(200, "<html>Maintenance</html>", content_type="text/html")], "could not read"),
    ],
    ids=["outage", "timeout", "outage with retry-after", "rate limited", "still limited", "html"],
)
def test_upstream_trouble_is_unavailable_with_a_friendly_message(
    provider: Provider, server: PlugShareServer, replies: list[Reply], says: str
) -> None:
    server.script(NEARBY, *replies)
    with pytest.raises(ProviderUnavailable) as caught:
        provider.nearby(*VENICE, filters=Filters(), radius_m=1_000, count=5)
    assert says in caught.value.user_message
    assert "Traceback" not in caught.value.user_message


def test_refused_credentials_tell_the_user_to_find_an_admin_and_log_why(
    provider: Provider, server: PlugShareServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.script(NEARBY, Reply(401))
    with caplog.at_level(logging.ERROR), pytest.raises(ProviderUnavailable) as caught:
        provider.nearby(*VENICE, filters=Filters(), radius_m=1_000, count=5)
    assert "admin" in caught.value.user_message
    assert "PLUGSHARE_API_KEY" in caplog.text
    assert len(server.requests) == 1


def test_a_rejected_request_is_a_provider_error(
    provider: Provider, server: PlugShareServer
) -> None:
    server.script("/locations/121001", Reply(400))
    with pytest.raises(ProviderError) as caught:
        provider.location(121001)
    assert not isinstance(caught.value, ProviderUnavailable | LocationNotFound)
    assert caught.value.user_message == ProviderError.user_message


def test_one_odd_record_does_not_cost_the_answer(
    provider: Provider, server: PlugShareServer
) -> None:
    server.script(NEARBY, Reply(200, [{"id": 1, "name": "no point"}, supercharger()]))
    found = provider.nearby(*VENICE, filters=Filters(), radius_m=10_000, count=5)
    assert _ids(found) == [121001]


def test_without_credentials_it_cannot_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLUGSHARE_API_KEY", "only-a-key")
    with pytest.raises(ConfigError, match="PLUGSHARE_API_SECRET"):
        PlugShareProvider.from_settings(load_settings())
