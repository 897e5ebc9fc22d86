"""The shared HTTP discipline (bot/http_client) over real HTTP on loopback.

PlugShare's, Open Charge Map's and AFDC's own tests drive it through their
clients; these pin the shared behaviour once: one pooled connection, explicit
timeouts, at most two retries of 429/502/503/504 and connection failures
honouring Retry-After, typed errors (a service's own subclasses when it has
them), and a secret header that never reaches a log line, an error or a repr.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from support.loopback_api import LoopbackApi, RecordedRequest, Reply, closed_port

from bot.http_client import (
    ApiClient,
    AuthenticationFailed,
    BadResponse,
    NotFound,
    RateLimited,
    RequestRejected,
    RetryPolicy,
    ServiceError,
    Unreachable,
    UpstreamUnavailable,
)

SECRET = "shh-header-secret-8d1e"


class Echo(LoopbackApi):
    """Answers ``/things`` with the query it got, if the key header is right."""

    def _route(self, request: RecordedRequest) -> tuple[int, Any]:
        if request.headers.get("x-api-key") != SECRET:
            return 403, {"error": "bad key"}
        if request.path == "/v3/things":
            return 200, {"query": request.query}
        return 404, "<html>nope</html>"


@pytest.fixture
def server() -> Iterator[Echo]:
    with Echo() as running:
        yield running


def make_client(url: str, **options: Any) -> ApiClient:
    options.setdefault("retry", RetryPolicy(backoff=0.02))
    return ApiClient(
        "Things",
        base_url=f"{url}/v3",
        headers={"X-API-Key": SECRET},
        timeout=httpx.Timeout(0.5, connect=1.0),
        **options,
    )


@pytest.fixture
def client(server: Echo) -> Iterator[ApiClient]:
    with make_client(server.url) as made:
        yield made


def test_json_over_one_pooled_connection_with_the_key_in_a_header(
    client: ApiClient, server: Echo
) -> None:
    for n in range(3):
        assert client.get_json("/things", params={"n": str(n)}) == {"query": {"n": str(n)}}
    assert len({r.client_port for r in server.requests}) == 1  # one connection, reused
    assert all(r.headers["x-api-key"] == SECRET for r in server.requests)
    assert all(r.headers["user-agent"].startswith("ChargeBot/") for r in server.requests)
    assert "n=" in server.requests[0].raw_query and SECRET not in server.requests[0].raw_query


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retried_at_most_twice(client: ApiClient, server: Echo, status: int) -> None:
    server.script("/v3/things", *[Reply(status)] * 3)
    with pytest.raises(RateLimited if status == 429 else UpstreamUnavailable) as caught:
        client.get_json("/things")
    assert caught.value.status_code == status
    assert len(server.requests) == 3


def test_a_passing_failure_is_retried_then_answered(client: ApiClient, server: Echo) -> None:
    server.script("/v3/things", Reply(503), Reply(429, headers={"Retry-After": "0.3"}))
    assert client.get_json("/things") == {"query": {}}
    _, second, third = server.requests
    assert third.received_at - second.received_at >= 0.28  # Retry-After, not backoff


def test_a_long_retry_after_is_raised_not_slept(client: ApiClient, server: Echo) -> None:
    server.script("/v3/things", Reply(429, headers={"Retry-After": "3600"}))
    with pytest.raises(RateLimited) as caught:
        client.get_json("/things")
    assert caught.value.retry_after == 3600
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (Reply(401), AuthenticationFailed),
        (Reply(404), NotFound),
        (Reply(410), NotFound),
        (Reply(400, {"error": "bad"}), RequestRejected),
        (Reply(500), UpstreamUnavailable),
        (Reply(200, "<html>a portal</html>", content_type="text/html"), BadResponse),
    ],
)
def test_what_is_not_worth_retrying_is_raised_at_once(
    client: ApiClient, server: Echo, reply: Reply, kind: type[ServiceError]
) -> None:
    server.script("/v3/things", reply)
    with pytest.raises(kind, match=r"^Things answered GET /v3/things") as caught:
        client.get_json("/things")
    assert "<html>" not in str(caught.value)  # an error page is not ours to repeat
    assert len(server.requests) == 1


def test_a_slow_server_times_out_and_is_retried(client: ApiClient, server: Echo) -> None:
    # The server answers nothing until the client has given up: the time-out is certain
    # however slowly either side is scheduled on a loaded machine.
    given_up = threading.Event()
    server.script("/v3/things", *[Reply(hold=given_up)] * 3)
    try:
        with pytest.raises(UpstreamUnavailable, match="did not answer GET /v3/things in time") as e:
            client.get_json("/things")
    finally:
        given_up.set()
    assert e.value.unreachable is Unreachable.TIMED_OUT
    # Every attempt reached the server (its thread records each when it gets to it).
    assert server.wait_for_requests(3)
    assert len(server.requests) == 3


def test_a_refused_connection_is_retried_then_raised(caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.WARNING),
        make_client(f"http://127.0.0.1:{closed_port()}") as client,
        pytest.raises(UpstreamUnavailable, match="Could not reach Things") as caught,
    ):
        client.get_json("/things")
    assert caught.value.unreachable is Unreachable.REFUSED
    assert caplog.text.count("retry") == 2


def test_a_host_that_does_not_resolve_is_named() -> None:
    # .invalid never resolves (RFC 2606); no address is contacted.
    with (
        make_client("http://api.chargebot-test.invalid") as client,
        pytest.raises(UpstreamUnavailable, match=r"chargebot-test\.invalid does not resolve") as e,
    ):
        client.get_json("/things")
    assert e.value.unreachable is Unreachable.NO_SUCH_HOST


def test_a_service_raises_its_own_subclasses(server: Echo) -> None:
    class ThingsError(ServiceError):
        pass

    class ThingsRateLimited(ThingsError, RateLimited):
        pass

    server.script("/v3/things", Reply(429, headers={"Retry-After": "99"}))
    with (
        make_client(server.url, errors={RateLimited: ThingsRateLimited}) as client,
        pytest.raises(ThingsRateLimited) as caught,
    ):
        client.get_json("/things")
    assert isinstance(caught.value, RateLimited) and caught.value.retry_after == 99


def test_a_stream_that_breaks_off_is_an_unavailable_service(server: Echo) -> None:
    server.script("/v3/things", Reply(200, b"x" * 1000, cut_after=10))
    with (
        make_client(server.url) as client,
        pytest.raises(UpstreamUnavailable) as caught,
        client.stream("GET", "/things") as response,
    ):
        b"".join(response.iter_bytes())
    assert caught.value.unreachable is Unreachable.DROPPED


def test_the_secret_never_reaches_logs_errors_or_reprs(
    client: ApiClient, server: Echo, caplog: pytest.LogCaptureFixture
) -> None:
    scripted = [Reply(503), Reply(401), Reply(404), Reply(200, "not json"), *[Reply(502)] * 3]
    server.script("/v3/things", *scripted)
    errors: list[BaseException] = []
    with caplog.at_level(logging.DEBUG):
        for _ in range(4):
            with pytest.raises(ServiceError) as caught:
                client.get_json("/things", params={"q": "x"})
            errors.append(caught.value)
    assert any(record.name == "httpx" for record in caplog.records)  # traffic was logged
    logged = caplog.text + "".join(repr(record.__dict__) for record in caplog.records)
    shown = "".join(str(e) + repr(e) + "".join(traceback.format_exception(e)) for e in errors)
    shown += repr(client) + str(vars(client))
    assert SECRET not in logged and SECRET not in shown
