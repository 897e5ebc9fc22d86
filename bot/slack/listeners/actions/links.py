"""Directions and Open are URL buttons: Slack opens the link and still sends a click to ack."""

from __future__ import annotations

from slack_bolt import Ack


def link_clicked(ack: Ack) -> None:
    ack()
