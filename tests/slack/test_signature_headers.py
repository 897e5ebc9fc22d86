"""Malformed signature headers end in a quiet 401 before any verification (issue 12, item 6).

Without the signing secret, anyone can send a request whose ``X-Slack-Request-Timestamp``
is not a number. Bolt would turn it into a 500 with a traceback in the log per request:
log flooding for free. These requests are refused as unsigned, and log no error.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from support.slack import Harness, signature_headers, slash_command

MALFORMED_TIMESTAMPS = [
    "abc",
    "",
    "1e9",
    "12.5",
    "-1",
    "+1700000000",
    "١٧٠٠٠٠٠٠٠٠",  # Arabic-Indic digits: int() reads them, Slack never sends them
    "9" * 40,
    "1700000000, 1700000001",
]


@pytest.mark.parametrize("timestamp", MALFORMED_TIMESTAMPS)
def test_a_malformed_timestamp_is_refused_with_401_and_logs_no_error(
    harness: Harness, timestamp: str, caplog: pytest.LogCaptureFixture
) -> None:
    request = slash_command("CCS near Penn Station", harness.slack.response_url())
    headers = signature_headers(request.body)
    headers["X-Slack-Request-Timestamp"] = timestamp.encode()  # type: ignore[assignment]
    with caplog.at_level(logging.INFO):
        response = harness.server.http.post(
            harness.server.events_url,
            content=request.body,
            headers={"Content-Type": request.content_type, **headers},
        )
    assert response.status_code == 401
    assert harness.provider.calls == []
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert not any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize(
    "signature", ["", "v0=", "v0=xyz", "v1=" + "0" * 64, "v0=" + "g" * 64, "v0=" + "0" * 65]
)
def test_a_malformed_signature_is_refused_with_401(
    harness: Harness, signature: str, caplog: pytest.LogCaptureFixture
) -> None:
    request = slash_command("CCS near Penn Station", harness.slack.response_url())
    headers = signature_headers(request.body)
    headers["X-Slack-Signature"] = signature
    with caplog.at_level(logging.INFO):
        response = harness.server.http.post(
            harness.server.events_url,
            content=request.body,
            headers={"Content-Type": request.content_type, **headers},
        )
    assert response.status_code == 401
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_well_formed_signed_request_still_works_after_malformed_ones(harness: Harness) -> None:
    request = slash_command("CCS near Penn Station", harness.slack.response_url())
    for timestamp in MALFORMED_TIMESTAMPS:
        headers: dict[str, Any] = {
            **signature_headers(request.body),
            "X-Slack-Request-Timestamp": timestamp.encode(),
        }
        harness.server.http.post(
            harness.server.events_url,
            content=request.body,
            headers={"Content-Type": request.content_type, **headers},
        )
    url = harness.slack.response_url()
    assert harness.server.send(slash_command("CCS near Penn Station", url)).status_code == 200
    harness.slack.wait_response(url)
