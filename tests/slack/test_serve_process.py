"""``chargebot serve`` as an operator runs it: a real process, HTTP mode, then SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.serve_process import free_port, start_serve
from support.slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    WAIT_SECONDS,
    MockSlack,
    SlackRequest,
    signature_headers,
    slash_command,
    url_verification,
)


def _environment(tmp_path: Path, slack_api: MockSlack, port: int) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    return {
        **keep,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api.api_url,
        "PORT": str(port),
        "CHARGEBOT_DB": str(tmp_path / "stations.sqlite3"),
        "CHARGEBOT_PROVIDER": "local",
        "CHARGEBOT_NOMINATIM_URL": "http://127.0.0.1:9/",  # never reached: "help" needs no place
    }


def post_signed(base: str, request: SlackRequest) -> httpx.Response:
    """``request`` signed, to the server's events URL, as Slack sends it."""
    return httpx.post(
        base + "/slack/events",
        content=request.body,
        headers={"Content-Type": request.content_type, **signature_headers(request.body)},
    )


@pytest.fixture
def serving(tmp_path: Path, slack_api: MockSlack) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process, base = start_serve(_environment(tmp_path, slack_api, free_port()), tmp_path)
    try:
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_serve_answers_signed_requests_and_stops_cleanly_on_sigterm(
    serving: tuple[subprocess.Popen[str], str], slack_api: MockSlack, tmp_path: Path
) -> None:
    process, base = serving
    challenge = url_verification("pasted-challenge")
    response = httpx.post(
        base + "/slack/events",
        content=challenge.body,
        headers={"Content-Type": challenge.content_type, **signature_headers(challenge.body)},
    )
    assert response.status_code == 200 and "pasted-challenge" in response.text

    url = slack_api.response_url()
    command = slash_command("help", url)
    ack = post_signed(base, command)
    assert ack.status_code == 200
    (reply,) = slack_api.wait_response(url)
    assert reply.body["blocks"]
    assert "set car CCS J1772" in str(reply.body["blocks"])  # it remembers: settings offered

    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode == 0, errors
    assert "msg=serve.http" in errors and "msg=serve.stopping" in errors
    assert "msg=http.request" in errors
    assert "msg=state.ready" in errors  # the state database beside the station index
    assert (tmp_path / "state.sqlite3").is_file()
    assert BOT_TOKEN not in errors and SIGNING_SECRET not in errors


def test_serve_with_oauth_credentials_offers_the_install_page_without_a_bot_token(
    tmp_path: Path, slack_api: MockSlack
) -> None:
    env = _environment(tmp_path, slack_api, free_port())
    del env["SLACK_BOT_TOKEN"]
    secret = "0123456789abcdef0123456789abcdef"
    env.update(SLACK_CLIENT_ID="1234567890.987654321", SLACK_CLIENT_SECRET=secret)
    process, base = start_serve(env, tmp_path)
    try:
        page = httpx.get(base + "/slack/install")
        assert page.status_code == 200
        assert "https://slack.com/oauth/v2/authorize" in page.text
        assert "client_id=1234567890.987654321" in page.text
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode == 0, errors
    assert secret not in errors


def test_serve_stops_when_slack_refuses_the_token(tmp_path: Path, slack_api: MockSlack) -> None:
    slack_api.errors["auth.test"] = "invalid_auth"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        env=_environment(tmp_path, slack_api, free_port()),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )
    assert result.returncode == 1
    assert "SLACK_BOT_TOKEN" in result.stderr and "invalid_auth" in result.stderr
    assert "OAuth & Permissions" in result.stderr
    assert BOT_TOKEN not in result.stderr


def test_while_the_first_download_runs_the_search_process_says_loading_not_empty(
    tmp_path: Path, slack_api: MockSlack
) -> None:
    """A fresh ``chargebot serve`` fills its empty index in the background; the search
    process, which answers /charge, must know that the download is still running."""
    from opendata.afdc_server import afdc_server

    with afdc_server() as afdc:
        afdc.delay = 120  # the download outlasts the test
        env = _environment(tmp_path, slack_api, free_port())
        env["CHARGEBOT_AFDC_URL"] = afdc.url
        process, base = start_serve(env, tmp_path)
        try:
            url = slack_api.response_url()
            command = slash_command("CCS near 10036", url)  # a ZIP: no geocoder needed
            ack = post_signed(base, command)
            assert ack.status_code == 200
            (reply,) = slack_api.wait_response(url)
            text = str(reply.body)
            assert "The station list is loading" in text and "Try again in a few minutes" in text
            assert "empty" not in text
            assert afdc.requests  # the download did start
        finally:
            process.kill()
            process.communicate()
