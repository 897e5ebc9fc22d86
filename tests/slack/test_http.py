"""The HTTP surface: signatures, url_verification, health check, malformed requests."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from support.slack import (
    Harness,
    SlackRequest,
    as_json,
    form,
    signature_headers,
    slash_command,
    url_verification,
)


def test_url_verification_echoes_the_challenge(harness: Harness) -> None:
    response = harness.server.send(
        url_verification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    )
    assert response.status_code == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in response.text


def test_bad_signature_is_rejected_with_401_and_nothing_runs(harness: Harness) -> None:
    response = harness.server.send(
        slash_command("CCS near Penn Station", harness.slack.response_url()),
        secret="0" * 32,
    )
    assert response.status_code == 401
    assert harness.provider.calls == []


def test_missing_signature_is_rejected_with_401(harness: Harness) -> None:
    request = url_verification("abc")
    response = harness.server.http.post(
        harness.server.events_url,
        content=request.body,
        headers={"Content-Type": request.content_type},
    )
    assert response.status_code == 401


def test_stale_timestamp_is_rejected_with_401_even_when_correctly_signed(
    harness: Harness,
) -> None:
    six_minutes_ago = int(time.time()) - 6 * 60
    response = harness.server.send(
        slash_command("CCS near Penn Station", harness.slack.response_url()),
        timestamp=six_minutes_ago,
    )
    assert response.status_code == 401
    assert harness.provider.calls == []


def test_a_body_altered_after_signing_is_rejected(harness: Harness) -> None:
    original = slash_command("CCS near Penn Station", harness.slack.response_url())
    headers = signature_headers(original.body)
    altered = original.body.replace(b"Penn", b"Grand")
    response = harness.server.http.post(
        harness.server.events_url,
        content=altered,
        headers={"Content-Type": original.content_type, **headers},
    )
    assert response.status_code == 401


def test_health_check_answers_without_a_signature(harness: Harness) -> None:
    response = httpx.get(harness.server.base_url + "/healthz")
    assert response.status_code == 200
    assert response.json() == {"ok": True}


def test_unknown_paths_and_methods_are_refused_politely(harness: Harness) -> None:
    assert httpx.get(harness.server.base_url + "/nope").status_code == 404
    assert httpx.get(harness.server.events_url).status_code == 405


def test_every_slack_response_carries_a_request_id(harness: Harness) -> None:
    first = harness.server.send(url_verification("a"))
    second = harness.server.send(url_verification("b"))
    assert first.headers["X-Request-Id"] != second.headers["X-Request-Id"]


def _assert_answered(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text


def test_malformed_payloads_are_answered_without_a_crash(harness: Harness) -> None:
    bad: list[SlackRequest] = [
        SlackRequest(b"{not json", "application/json"),
        SlackRequest(b"payload=%7Bnot+json", "application/x-www-form-urlencoded"),
        form({"payload": json.dumps({"type": "block_actions"})}),
        form({"payload": json.dumps({"type": "block_actions", "actions": "nope", "user": 5})}),
        form(
            {
                "payload": json.dumps(
                    {"type": "view_submission", "view": {"callback_id": "refine_submit"}}
                )
            }
        ),
        as_json({"type": "event_callback", "event_id": "Ev1", "event": {"type": "app_mention"}}),
        as_json(
            {
                "type": "event_callback",
                "event_id": "Ev2",
                "event": {"type": "message", "channel_type": "im"},
            }
        ),
        form({"command": "/charge", "text": "CCS near Penn Station"}),
        SlackRequest(b"\xff\xfe\x00garbage", "application/octet-stream"),
    ]
    for request in bad:
        _assert_answered(harness.server.send(request))
    # The app still answers a good request afterwards.
    url = harness.slack.response_url()
    assert harness.server.send(slash_command("CCS near Penn Station", url)).status_code == 200
    harness.slack.wait_response(url)


def _signed_payloads_of_the_wrong_shape() -> dict[str, SlackRequest]:
    team, user = {"id": "T0CHARGE"}, {"id": "U0DRIVER"}

    def interactive(**fields: object) -> SlackRequest:
        return form({"payload": json.dumps({"type": "block_actions", **fields})})

    def event(**fields: object) -> SlackRequest:
        return as_json(
            {"type": "event_callback", "event_id": "EvShape", "team_id": "T0CHARGE", **fields}
        )

    return {
        "event string": event(event="boo"),
        "event list": event(event=[]),
        "event type list": event(event={"type": ["app_mention"]}),
        "authorizations string": event(event={"type": "app_mention"}, authorizations="x"),
        "actions string": interactive(team=team, user=user, actions="x"),
        "actions of strings": interactive(team=team, user=user, actions=["x"]),
        "view string": form(
            {"payload": json.dumps({"type": "view_submission", "team": team, "view": "x"})}
        ),
        "team string": interactive(team="x", user=user, actions=[]),
        "user string": interactive(team=team, user="x", actions=[]),
        "channel string": interactive(team=team, user=user, channel="x", actions=[]),
        "container string": interactive(team=team, user=user, container="x", actions=[]),
        "message string": interactive(team=team, user=user, message="x", actions=[]),
        "enterprise string": interactive(team=team, user=user, enterprise="x", actions=[]),
    }


@pytest.mark.parametrize("name", sorted(_signed_payloads_of_the_wrong_shape()))
def test_signed_payloads_with_wrongly_typed_fields_get_400_not_500(
    harness: Harness, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    response = harness.server.send(_signed_payloads_of_the_wrong_shape()[name])
    assert response.status_code == 400, response.text
    assert not [r for r in caplog.records if r.exc_info], "no traceback logged"


def test_an_unsigned_payload_of_the_wrong_shape_is_still_refused_as_unsigned(
    harness: Harness,
) -> None:
    request = _signed_payloads_of_the_wrong_shape()["event string"]
    response = harness.server.send(request, secret="not-the-signing-secret")
    assert response.status_code == 401
