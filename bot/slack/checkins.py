"""Workspace check-ins in Slack: the check-in modal, saving it, and the check-ins list.

Everything here runs on the background pool after a listener acked: each function ends
in a modal or message for the member, never in silence. The list shows the data
source's check-ins and the workspace's merged, newest first; a member's own workspace
check-ins carry a Delete button, and the store refuses to delete anyone else's.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.plugshare.models import Location, Review
from bot.providers.base import LocationNotFound, ProviderError
from bot.render import status
from bot.render.actions import REFINE, decode_request, encode_request
from bot.render.checkin_form import CheckinForm, checkin_modal
from bot.render.checkins import checkin_saved_modal, checkins_modal, render_checkins
from bot.render.escape import escape_mrkdwn
from bot.search import SearchContext, SearchRequest, checkins
from bot.search.checkins import LocationCheckins
from bot.settings import refusal
from bot.slack import people, searches
from bot.slack.delivery import Destination, Message
from bot.slack.logs import current_request_id
from bot.slack.services import SlackServices
from bot.state import MAX_COMMENT, MAX_KILOWATTS, InvalidSetting, StateUnavailable

log = logging.getLogger(__name__)

#: Slack's limit on a view's private_metadata.
MAX_METADATA = 3000
#: Said in the list when the workspace's check-ins cannot be read.
WORKSPACE_UNAVAILABLE = "⚠️ I couldn't read this workspace's check-ins just now."
NO_TIMEZONE = "I couldn't read your time zone from Slack, so I left out the time you're leaving."


# --- the check-in modal ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckinState:
    """What the check-in modal carries from the click to the submission."""

    location_id: int
    data_source: str
    location_name: str | None
    #: The answer the card is in, and the request that answer came from (to redraw it).
    destination: Destination | None = None
    request: SearchRequest | None = None

    def to_metadata(self) -> str:
        data: dict[str, Any] = {
            "l": self.location_id,
            "s": self.data_source,
            "n": (self.location_name or "")[:150],
        }
        if self.destination is not None:
            data["d"] = self.destination.to_json()
        text = json.dumps(data)
        if self.request is not None:
            # The request is the largest part; without it the modal still works, it
            # just cannot redraw the answer afterwards.
            with_request = json.dumps({**data, "r": encode_request(self.request)})
            if len(with_request) <= MAX_METADATA:
                text = with_request
        return text

    @classmethod
    def from_metadata(cls, text: str) -> CheckinState:
        """Raises ValueError on metadata this module did not write."""
        try:
            data = json.loads(text)
            destination = Destination.from_json(data["d"]) if data.get("d") else None
            request = decode_request(data["r"]) if data.get("r") else None
            source = data["s"]
            if not isinstance(source, str) or not source:
                raise ValueError("no data source")
            return cls(int(data["l"]), source, data.get("n") or None, destination, request)
        except (TypeError, KeyError, json.JSONDecodeError) as error:
            raise ValueError("not check-in state") from error


def request_in_message(body: dict[str, Any]) -> SearchRequest | None:
    """The request an answer came from, read from its Refine button (public messages only:
    Slack sends no message with a click on an ephemeral one)."""
    message = body.get("message")
    blocks = message.get("blocks") if isinstance(message, dict) else None
    for block in blocks if isinstance(blocks, list) else []:
        elements = block.get("elements") if isinstance(block, dict) else None
        for element in elements if isinstance(elements, list) else []:
            if isinstance(element, dict) and element.get("action_id") == REFINE:
                try:
                    return decode_request(str(element.get("value")))
                except ValueError:
                    return None
    return None


def open_form(services: SlackServices, state: CheckinState, view_id: str) -> None:
    """Replace the loading modal with the check-in form, titled with the location's name."""
    name = None
    try:
        name = services.provider.location(state.location_id).name
    except LocationNotFound as error:
        services.sender.update_view(view_id, status.error_modal(f"⚠️ {error.user_message}"))
        return
    except ProviderError as error:
        # The name is only a title: the member can check in without it.
        log.info("checkin.name_unavailable", extra={"error": type(error).__name__})
    named = CheckinState(
        state.location_id, state.data_source, name, state.destination, state.request
    )
    view = checkin_modal(
        name, named.to_metadata(), comment_max=MAX_COMMENT, kilowatts_max=MAX_KILOWATTS
    )
    services.sender.update_view(view_id, view)


def save(
    services: SlackServices,
    state: CheckinState,
    form: CheckinForm,
    who: SearchContext,
    view_id: str | None,
) -> None:
    """Store the check-in, show it in the modal, then redraw the answer it came from."""
    store = services.store
    if store is None or not who.team_id or not who.user_id:
        _show(services, view_id, status.error_modal("⚠️ This ChargeBot doesn't keep check-ins."))
        return
    member = people.member(services.sender.client, who.user_id)
    notes: list[str] = []
    finished = None
    if form.leaving_at is not None:
        finished = people.leaving_time(form.leaving_at, member.tz, datetime.now(UTC))
        if finished is None:
            notes.append(NO_TIMEZONE)
    report = Review(
        rating=form.rating,
        problem=form.problem,
        comment=form.comment,
        finished=finished,
        kilowatts=form.kilowatts,
    )
    try:
        review = checkins.check_in(
            store,
            who.team_id,
            state.data_source,
            state.location_id,
            who.user_id,
            member.first_name,
            report,
        )
    except StateUnavailable as error:
        log.warning("checkin.unsaved", extra={"detail": error.detail})
        _show(services, view_id, status.error_modal(f"⚠️ {error.user_message}"))
        return
    except InvalidSetting as error:
        _show(services, view_id, status.error_modal(f"⚠️ {refusal(error)}"))
        return
    log.info("checkin.saved", extra={"rating": int(form.rating)})
    redraw = state.request is not None and state.destination is not None
    _show(
        services,
        view_id,
        checkin_saved_modal(state.location_name, review, notes=notes, card_refreshing=redraw),
    )
    if redraw:
        assert state.request is not None and state.destination is not None
        who.channel_id = state.destination.channel
        searches.answer_to(services, state.request, who, state.destination, keep_on_error=True)


def _show(services: SlackServices, view_id: str | None, view: dict[str, Any]) -> None:
    if view_id is not None:
        services.sender.update_view(view_id, view)


# --- the check-ins list ---------------------------------------------------------------------


def _list_metadata(location_id: int) -> str:
    return json.dumps({"l": location_id})


def location_of_list(text: str) -> int:
    """The location a check-ins list shows (its private_metadata); ValueError if foreign."""
    try:
        return int(json.loads(text)["l"])
    except (TypeError, KeyError, json.JSONDecodeError) as error:
        raise ValueError("not a check-ins list") from error


def _with_workspace(
    services: SlackServices, location: Location, who: SearchContext
) -> tuple[LocationCheckins, str | None]:
    """The location with the workspace's check-ins merged in, and a notice if they could
    not be read."""
    store = services.store
    if store is None or not who.team_id:
        return LocationCheckins(location, frozenset()), None
    try:
        found = checkins.at_location(
            store, location, services.provider.name, who.team_id, who.user_id
        )
    except StateUnavailable as error:
        log.warning("checkins.workspace_unavailable", extra={"detail": error.detail})
        return LocationCheckins(location, frozenset()), WORKSPACE_UNAVAILABLE
    return found, None


def list_view(
    services: SlackServices, location_id: int, who: SearchContext, notice: str | None = None
) -> dict[str, Any]:
    """The check-ins modal for a location (or a modal saying why it cannot be shown)."""
    provider = services.provider
    try:
        location = provider.location(location_id)
    except ProviderError as error:
        log.info("checkins.unavailable", extra={"error": type(error).__name__})
        return status.error_modal(f"⚠️ {error.user_message}")
    except Exception:
        log.exception("checkins.failed")
        return status.error_modal(status.search_failed(current_request_id())["text"])
    found, unavailable = _with_workspace(services, location, who)
    return checkins_modal(
        found.location,
        source=provider.name,
        deletable=found.deletable,
        notice=notice or unavailable,
        private_metadata=_list_metadata(location_id),
    )


def list_message(services: SlackServices, location_id: int, who: SearchContext) -> Message:
    """Check-ins as a private message, for when a modal could not be opened."""
    provider = services.provider
    try:
        location = provider.location(location_id)
    except ProviderError as error:
        return status.plain(f"⚠️ {error.user_message}")
    except Exception:
        log.exception("checkins.failed")
        return status.search_failed(current_request_id())
    found, unavailable = _with_workspace(services, location, who)
    blocks = render_checkins(found.location, source=provider.name, notice=unavailable)
    return {"text": f"Check-ins at {escape_mrkdwn(location.name)}", "blocks": blocks}


def show_list(services: SlackServices, location_id: int, view_id: str, who: SearchContext) -> None:
    """Fill the modal opened on a Check-ins click with the location's check-ins."""
    services.sender.update_view(view_id, list_view(services, location_id, who))


def send_list(
    services: SlackServices, location_id: int, destination: Destination, who: SearchContext
) -> None:
    services.sender.notify(destination, list_message(services, location_id, who))


def delete(
    services: SlackServices, checkin_id: int, location_id: int, view_id: str, who: SearchContext
) -> None:
    """Delete the member's own check-in (the store refuses anyone else's), then redraw."""
    store = services.store
    if store is None or not who.team_id or not who.user_id:
        notice = "⚠️ This ChargeBot doesn't keep check-ins."
    else:
        try:
            deleted = checkins.delete_own(store, who.team_id, who.user_id, checkin_id)
        except StateUnavailable as error:
            log.warning("checkin.undeleted", extra={"detail": error.detail})
            notice = f"⚠️ {error.user_message}"
        else:
            log.info("checkin.delete", extra={"deleted": deleted})
            notice = (
                "🗑️ Deleted your check-in."
                if deleted
                else "⚠️ I can only delete your own check-ins, and that one isn't yours "
                "(or it was already deleted)."
            )
    services.sender.update_view(view_id, list_view(services, location_id, who, notice))
