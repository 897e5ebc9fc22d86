"""A place modal from the Home tab submitted: geocode and store it before answering Slack,
so a place that cannot be found is reported on the field; then publish the tab again."""

from __future__ import annotations

from typing import Any, Literal

from slack_bolt import Ack, BoltContext

from bot.render.home_settings import read_place_form
from bot.slack import home
from bot.slack.listeners.views.form import form_values
from bot.slack.payloads import context_of
from bot.slack.services import services_of


def _submitted(kind: Literal["home", "saved"]) -> Any:
    def place_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
    ) -> None:
        services = services_of(context)
        name, text = read_place_form(form_values(view))
        who = context_of(body)
        outcome = home.save_place(services, who, kind, name, text)
        if outcome.errors:
            ack(response_action="errors", errors=outcome.errors)
            return
        ack()
        if who.user_id:
            services.background.submit(
                home.publish, services, who.team_id, who.user_id, outcome.notice
            )

    return place_submitted


home_place_submitted = _submitted("home")
saved_place_submitted = _submitted("saved")
