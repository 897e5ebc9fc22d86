"""With CHARGEBOT_TILE_URL, each answer is followed by its map: uploaded with
files_upload_v2 and shown in an image block; without it, nothing changes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image
from support.slack import MockSlack, direct_message, event_callback, slash_command
from support.tiles import TileServer


@pytest.fixture
def tiles() -> Iterator[TileServer]:
    with TileServer() as server:
        yield server


def test_a_slash_command_answer_is_followed_by_its_map(
    make_harness: Any, slack_api: MockSlack, tiles: TileServer
) -> None:
    harness = make_harness(tile_url=tiles.template)
    url = slack_api.response_url()
    assert harness.server.send(slash_command("CCS near Penn Station", url)).status_code == 200
    answer, follow_up = slack_api.wait_response(url, count=2)
    cards = [b for b in answer.body["blocks"] if b["type"] == "section" and "1. *" in str(b)]
    assert cards  # the numbered cards come first

    (asked,) = slack_api.of("files.getUploadURLExternal")
    (upload,) = slack_api.of("file_upload")
    (completed,) = slack_api.of("files.completeUploadExternal")
    png = upload.body["content"]
    assert int(asked.body["length"]) == len(png)
    assert asked.body["filename"] == "chargers-map.png"
    assert Image.open(io.BytesIO(png)).size == (800, 500)
    assert "channel_id" not in completed.body  # a private upload, shown by the block below
    file_id = asked.answer["file_id"]

    assert follow_up.body["replace_original"] is False
    assert follow_up.body["response_type"] == "ephemeral"
    (block,) = follow_up.body["blocks"]
    assert block["type"] == "image"
    assert block["slack_file"] == {"id": file_id}
    assert block["title"]["text"].startswith("Map: pins 1–")
    assert "Penn" in block["alt_text"]
    assert tiles.tiles_asked()


def test_a_dm_answer_gets_its_map_in_the_conversation(
    make_harness: Any, slack_api: MockSlack, tiles: TileServer
) -> None:
    harness = make_harness(tile_url=tiles.template)
    event = direct_message("J1772 near Penn Station", ts="1700000000.000200")
    assert harness.server.send(event_callback(event)).status_code == 200
    answer, picture = slack_api.wait_method("chat.postMessage", count=2)
    assert picture.body["blocks"][0]["type"] == "image"
    assert picture.body["channel"] == answer.body["channel"]


def test_without_a_tile_server_there_is_no_upload(harness: Any, slack_api: MockSlack) -> None:
    url = slack_api.response_url()
    harness.server.send(slash_command("CCS near Penn Station", url))
    slack_api.wait_response(url)
    harness.settle()
    assert slack_api.of("files.getUploadURLExternal") == []
    assert len(slack_api.to(url)) == 1


def test_a_refused_upload_leaves_the_answer_alone(
    make_harness: Any, slack_api: MockSlack, tiles: TileServer
) -> None:
    slack_api.errors["files.getUploadURLExternal"] = "missing_scope"
    harness = make_harness(tile_url=tiles.template)
    url = slack_api.response_url()
    harness.server.send(slash_command("CCS near Penn Station", url))
    (answer,) = slack_api.wait_response(url)
    harness.settle()
    assert len(slack_api.to(url)) == 1
    assert "Penn" in str(answer.body["blocks"][0])
