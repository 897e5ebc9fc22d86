"""Installs in many workspaces: Bolt's OAuth flow served by the same WSGI app, its state and
installations in the state database, and each workspace answered with its own token."""

from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from support.slack import (
    SIGNING_SECRET,
    Harness,
    event_callback,
    mention,
    shown,
    slash_command,
)

from bot.config import ConfigError, load_settings
from bot.slack.app import AUTHORIZE_FAILED
from bot.slack.credentials import ServeMode, check_credentials
from bot.slack.oauth import BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH

CLIENT_ID = "1234567890.987654321"
CLIENT_SECRET = "0123456789abcdef0123456789abcdef"
NEW_TEAM = "T0NEWTEAM"
NEW_TOKEN = "xoxb-9999-new-team-token"


@pytest.fixture
def multi(make_harness: Any, state_url: str) -> Harness:
    return make_harness(
        state_url=state_url,
        slack_bot_token=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
    )


def install(harness: Harness, code: str = "code-123") -> Any:
    """The browser's part: open the install page, then come back from Slack with a code."""
    page = harness.server.http.get(harness.server.base_url + INSTALL_PATH)
    assert page.status_code == 200
    link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page.text)
    assert link, page.text[:300]
    query = parse_qs(urlparse(link.group(1).replace("&amp;", "&")).query)
    assert query["client_id"] == [CLIENT_ID]
    assert set(query["scope"][0].split(",")) == set(BOT_SCOPES)
    (state,) = query["state"]
    cookie = page.headers["set-cookie"].split(";")[0]
    assert cookie == f"slack-app-oauth-state={state}"
    harness.slack.installs[code] = (NEW_TEAM, NEW_TOKEN)
    return harness.server.http.get(
        harness.server.base_url + REDIRECT_PATH,
        params={"code": code, "state": state},
        headers={"Cookie": cookie},
    )


def test_an_install_stores_the_workspaces_token_and_its_requests_use_it(multi: Harness) -> None:
    done = install(multi)
    assert done.status_code == 200
    (exchange,) = multi.slack.of("oauth.v2.access")
    assert exchange.body["code"] == "code-123"
    # slack_sdk sends the client id and secret as HTTP Basic credentials.
    credentials = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert exchange.headers["authorization"] == f"Basic {credentials}"
    bot = multi.store.installation_store(CLIENT_ID).find_bot(enterprise_id=None, team_id=NEW_TEAM)
    assert bot is not None and bot.bot_token == NEW_TOKEN

    # A signed request from that workspace is answered with that workspace's token.
    multi.server.send(
        event_callback(mention("chargers near Penn Station", ts="1.5"), team=NEW_TEAM)
    )
    (post,) = multi.slack.wait_method("chat.postMessage")
    assert post.headers["authorization"] == f"Bearer {NEW_TOKEN}"
    assert multi.provider.locations[0].name.split(" - ")[0] in shown(post.body)

    # The install survives a restart: stored in the database, not in the process.
    url = multi.slack.response_url()
    multi.server.send(slash_command("set units km", url, team=NEW_TEAM))
    (reply,) = multi.slack.wait_response(url)
    assert "kilometres" in reply.body["text"]


def test_a_redirect_without_a_valid_state_installs_nothing(multi: Harness) -> None:
    multi.slack.installs["code-9"] = (NEW_TEAM, NEW_TOKEN)
    forged = multi.server.http.get(
        multi.server.base_url + REDIRECT_PATH,
        params={"code": "code-9", "state": "made-up"},
        headers={"Cookie": "slack-app-oauth-state=made-up"},
    )
    assert forged.status_code >= 400
    assert multi.slack.of("oauth.v2.access") == []
    installs = multi.store.installation_store(CLIENT_ID)
    assert installs.find_bot(enterprise_id=None, team_id=NEW_TEAM) is None


def test_a_workspace_that_never_installed_is_not_answered(multi: Harness) -> None:
    response = multi.server.send(
        event_callback(mention("chargers near Penn Station", ts="1.6"), team="T0STRANGER")
    )
    assert response.status_code == 200
    multi.settle()
    assert multi.slack.of("chat.postMessage") == []
    assert multi.provider.calls == []


def test_uninstalling_deletes_the_installation_and_the_workspaces_data(multi: Harness) -> None:
    install(multi)
    url = multi.slack.response_url()
    multi.server.send(slash_command("save office = Penn Station", url, team=NEW_TEAM))
    multi.slack.wait_response(url)
    assert multi.store.list_places(NEW_TEAM, "U0DRIVER")

    multi.server.send(event_callback({"type": "app_uninstalled"}, team=NEW_TEAM))
    multi.settle()
    installs = multi.store.installation_store(CLIENT_ID)
    assert installs.find_bot(enterprise_id=None, team_id=NEW_TEAM) is None
    assert multi.store.list_places(NEW_TEAM, "U0DRIVER") == []
    multi.server.send(
        event_callback(mention("chargers near Penn Station", ts="1.7"), team=NEW_TEAM)
    )
    multi.settle()
    assert multi.slack.of("chat.postMessage") == []


def test_with_the_database_down_the_install_page_and_requests_say_so(
    make_harness: Any, tmp_path: Any
) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database " * 300)
    harness: Harness = make_harness(
        state_url=f"sqlite:///{garbage}",
        slack_bot_token=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
    )
    page = harness.server.http.get(harness.server.base_url + INSTALL_PATH)
    assert page.status_code == 503
    assert "try again in a few minutes" in page.text
    # No workspace's token can be read: a command is told why, through its response URL.
    url = harness.slack.response_url()
    assert harness.server.send(slash_command("CCS near Penn Station", url)).status_code == 200
    (reply,) = harness.slack.wait_response(url)
    assert reply.body["text"] == AUTHORIZE_FAILED


def test_multi_workspace_credentials_need_no_bot_token_but_http_mode() -> None:
    settings = load_settings(
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        slack_signing_secret=SIGNING_SECRET,
    )
    assert check_credentials(settings) is ServeMode.HTTP

    with pytest.raises(ConfigError) as raised:
        check_credentials(
            load_settings(slack_client_id=CLIENT_ID, slack_signing_secret=SIGNING_SECRET)
        )
    assert "SLACK_CLIENT_SECRET is not set" in str(raised.value)
    assert "SLACK_BOT_TOKEN" not in str(raised.value)

    with pytest.raises(ConfigError) as raised:
        check_credentials(
            load_settings(
                slack_client_id="not-an-id",
                slack_client_secret=CLIENT_SECRET,
                slack_signing_secret=SIGNING_SECRET,
            )
        )
    assert "SLACK_CLIENT_ID is malformed" in str(raised.value)
    assert CLIENT_SECRET not in str(raised.value)

    with pytest.raises(ConfigError) as raised:
        check_credentials(
            load_settings(
                slack_client_id=CLIENT_ID,
                slack_client_secret=CLIENT_SECRET,
                slack_app_token="xapp-1-A0-1-abc",
            )
        )
    assert "need HTTP mode" in str(raised.value)
    assert "SLACK_SIGNING_SECRET is not set" in str(raised.value)


def test_authorisation_is_cached_rather_than_an_auth_test_before_every_ack(
    multi: Harness,
) -> None:
    install(multi)  # the install itself asks auth.test for the new bot's id
    before = multi.slack.auth_tests.count(f"Bearer {NEW_TOKEN}")
    for ts in ("2.1", "2.2", "2.3"):
        mention_event = mention("chargers near Penn Station", ts=ts)
        assert multi.server.send(event_callback(mention_event, team=NEW_TEAM)).status_code == 200
    multi.slack.wait_method("chat.postMessage", 3)
    # One auth.test for the workspace's token, however many requests it sends.
    assert multi.slack.auth_tests.count(f"Bearer {NEW_TOKEN}") - before == 1
