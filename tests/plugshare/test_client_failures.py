"""What the client does when PlugShare misbehaves: typed errors, retries, timeouts."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from support.loopback_api import closed_port
from support.plugshare_payloads import VENICE, supercharger
from support.plugshare_server import PlugShareServer, Reply

from bot.http_client import parse_retry_after
from bot.plugshare.client import PlugShareClient
from bot.plugshare.errors import (
    AuthenticationFailed,
    BadResponse,
    NotFound,
    PlugShareError,
    RateLimited,
    RequestRejected,
    UpstreamUnavailable,
)

NEARBY = "/locations/nearby"
HTML_ERROR_PAGE = (
    "<html><head><title>502 Bad Gateway</title></head>"
    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)


def _nearby(client: PlugShareClient) -> list[object]:
    return list(client.nearby(*VENICE, count=5))


# --- errors a caller can act on ---


def test_wrong_credentials_are_an_authentication_failure_and_not_retried(
    server: PlugShareServer,
) -> None:
    with (
        PlugShareClient(server.key, "wrong-secret", base_url=server.url) as client,
        pytest.raises(AuthenticationFailed) as caught,
    ):
        _nearby(client)

    assert caught.value.status_code == 401
    assert "GET /locations/nearby" in str(caught.value)
    assert len(server.requests) == 1


def test_forbidden_is_an_authentication_failure(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script(NEARBY, Reply(403, {"error": "Forbidden"}))
    with pytest.raises(AuthenticationFailed) as caught:
        _nearby(client)
    assert caught.value.status_code == 403


def test_not_found(client: PlugShareClient, server: PlugShareServer) -> None:
    server.script("/locations/7", Reply(404, HTML_ERROR_PAGE, content_type="text/html"))
    with pytest.raises(NotFound, match="GET /locations/7"):
        client.location(7)
    assert len(server.requests) == 1


def test_other_client_errors_are_rejections_and_not_retried(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script(NEARBY, Reply(400, {"error": "bad outlets"}))
    with pytest.raises(RequestRejected) as caught:
        _nearby(client)
    assert caught.value.status_code == 400
    assert len(server.requests) == 1


def test_internal_server_error_is_unavailable_and_not_retried(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script(NEARBY, Reply(500, HTML_ERROR_PAGE, content_type="text/html"))
    with pytest.raises(UpstreamUnavailable) as caught:
        _nearby(client)
    assert caught.value.status_code == 500
    assert len(server.requests) == 1


def test_every_error_is_a_plugshare_error() -> None:
    for error in (
        AuthenticationFailed,
        NotFound,
        RateLimited,
        UpstreamUnavailable,
        BadResponse,
        RequestRejected,
    ):
        assert issubclass(error, PlugShareError)


# --- bad responses ---


@pytest.mark.parametrize(
    "reply",
    [
        Reply(200, HTML_ERROR_PAGE, content_type="text/html"),
        Reply(200, "OK", content_type="text/plain"),
        Reply(200, b'[{"id": 1, "name": "x",}]', content_type="application/json"),
        Reply(200, b"", content_type="application/json"),
    ],
    ids=["html page", "plain text", "trailing comma", "empty body"],
)
def test_a_body_that_is_not_json_is_a_bad_response(
    client: PlugShareClient, server: PlugShareServer, reply: Reply
) -> None:
    server.script(NEARBY, reply)
    with pytest.raises(BadResponse, match="not JSON"):
        _nearby(client)
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"locations": []}, "an object, not a list"),
        ("[1, 2]", "none readable"),
        ([{"id": 5, "name": "No coordinates"}], "latitude: Field required"),
        ([{"id": 5, "name": "x", "latitude": "north", "longitude": 1}], "latitude"),
        ({"code": 3}, "not a list"),
    ],
    ids=["object", "numbers", "missing latitude", "latitude not a number", "unknown code"],
)
def test_json_of_the_wrong_shape_is_a_bad_response(
    client: PlugShareClient, server: PlugShareServer, body: object, message: str
) -> None:
    server.script(NEARBY, Reply(200, body, content_type="application/json"))
    with pytest.raises(BadResponse, match=message):
        _nearby(client)


def test_a_single_location_of_the_wrong_shape_is_a_bad_response(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script("/locations/121001", Reply(200, [supercharger()]))
    with pytest.raises(BadResponse, match="a list, not a location"):
        client.location(121001)
    server.script("/locations/121001", Reply(200, {"id": 121001, "name": "no point"}))
    with pytest.raises(BadResponse, match="could not be read"):
        client.location(121001)


def test_one_unreadable_location_is_skipped_not_the_whole_answer(
    client: PlugShareClient, server: PlugShareServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.script(NEARBY, Reply(200, [supercharger(), {"id": 9, "name": "broken"}]))

    with caplog.at_level(logging.WARNING, logger="bot.plugshare.client"):
        found = client.nearby(*VENICE)

    assert [location.id for location in found] == [121001]
    assert "Skipped 1 of 2 locations" in caplog.text


# --- retries ---


@pytest.mark.parametrize("status", [502, 503, 504])
def test_a_gateway_error_then_success_is_retried(
    client: PlugShareClient, server: PlugShareServer, status: int
) -> None:
    server.script(NEARBY, Reply(status, HTML_ERROR_PAGE, content_type="text/html"))

    found = client.nearby(*VENICE, count=2)

    assert [location.id for location in found] == [20841, 121002]
    assert len(server.requests) == 2
    assert server.requests[0].query == server.requests[1].query


def test_rate_limited_with_retry_after_waits_as_asked_then_succeeds(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script(NEARBY, Reply(429, {"error": "slow down"}, headers={"Retry-After": "1"}))

    found = client.nearby(*VENICE, count=1)

    assert [location.id for location in found] == [20841]
    first, second = server.requests
    assert second.received_at - first.received_at >= 0.95  # the asked-for second, not backoff


def test_a_retry_after_longer_than_the_cap_is_raised_not_slept(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script(NEARBY, Reply(429, headers={"Retry-After": "120"}))

    with pytest.raises(RateLimited) as caught:
        _nearby(client)

    assert caught.value.retry_after == 120
    assert len(server.requests) == 1


def test_a_retry_after_http_date_is_honoured(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    in_an_hour = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    server.script(NEARBY, Reply(429, headers={"Retry-After": in_an_hour}))

    with pytest.raises(RateLimited) as caught:
        _nearby(client)

    assert caught.value.retry_after is not None
    assert 3590 <= caught.value.retry_after <= 3600
    assert len(server.requests) == 1


def test_unavailable_with_a_long_retry_after_says_how_long(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script(NEARBY, Reply(503, headers={"Retry-After": "300"}))
    with pytest.raises(UpstreamUnavailable) as caught:
        _nearby(client)
    assert (caught.value.retry_after, caught.value.status_code) == (300, 503)
    assert len(server.requests) == 1


def test_rate_limiting_that_persists_gives_up_after_two_retries(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script(NEARBY, *[Reply(429, {"error": "slow down"})] * 3)

    with pytest.raises(RateLimited) as caught:
        _nearby(client)

    assert caught.value.retry_after is None
    assert len(server.requests) == 3


def test_an_outage_that_persists_gives_up_after_two_retries(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script(NEARBY, *[Reply(503, HTML_ERROR_PAGE, content_type="text/html")] * 4)

    with pytest.raises(UpstreamUnavailable) as caught:
        _nearby(client)

    assert caught.value.status_code == 503
    assert len(server.requests) == 3
    assert "HTML" not in str(caught.value) and "nginx" not in str(caught.value)


def test_polyline_posts_are_retried_with_the_same_body(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    server.script("/locations/polyline", Reply(502))
    client.polyline([VENICE], distance_m=300)
    first, second = server.requests
    assert first.json() == second.json() == {"polyline": "33.992476,-118.4721", "distance": 300}


def test_a_slow_server_is_unavailable_after_retries(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    # The client's read timeout is PLUGSHARE_READ_TIMEOUT=0.5 (conftest.py).
    server.script(NEARBY, *[Reply(delay=30)] * 3)

    with pytest.raises(
        UpstreamUnavailable, match="did not answer GET /locations/nearby in time"
    ) as caught:
        _nearby(client)

    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)
    assert len(server.requests) == 3


def test_a_slow_answer_once_is_retried(client: PlugShareClient, server: PlugShareServer) -> None:
    server.script(NEARBY, Reply(delay=30))
    found = client.nearby(*VENICE, count=1)
    assert [location.id for location in found] == [20841]
    assert len(server.requests) == 2


def test_connection_refused_is_unavailable_after_retries(caplog: pytest.LogCaptureFixture) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    with (
        caplog.at_level(logging.WARNING, logger="bot.plugshare.client"),
        PlugShareClient("k", "s", base_url=url, backoff=0.02) as client,
        pytest.raises(UpstreamUnavailable, match="Could not reach PlugShare") as caught,
    ):
        _nearby(client)

    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert caplog.text.count("retry") == 2


# --- Retry-After parsing ---

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 1.5 ", 1.5),
        ("0", 0.0),
        ("-3", 0.0),
        ("Wed, 01 May 2024 12:02:00 GMT", 120.0),
        ("Wed, 01 May 2024 11:00:00 GMT", 0.0),
        ("", None),
        (None, None),
        ("soon", None),
        ("nan", None),
    ],
)
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == seconds
