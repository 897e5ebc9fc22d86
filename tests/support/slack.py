"""Slack on loopback: signed request builders, a mock Web API, a response-URL recorder,
and the real ChargeBot server (waitress + Bolt) in a thread on an ephemeral port.

The mock Web API answers the methods ChargeBot calls with Slack-shaped JSON and
records every call; ``/response/<id>`` paths play the part of response URLs.
Tests wait for calls with :meth:`MockSlack.wait_for` (a liveness bound, never a
speed assertion).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import httpx

SIGNING_SECRET = "5f1a3e0c9b7d4e2f8a6c1b3d5e7f9a0b"
BOT_TOKEN = "xoxb-1111-2222-testtoken"
TEAM_ID = "T0CHARGE"
BOT_USER_ID = "U0CHARGEBOT"
BOT_ID = "B0CHARGEBOT"
USER_ID = "U0DRIVER"
CHANNEL_ID = "C0GENERAL"
DM_CHANNEL_ID = "D0DRIVER"

#: How long a test waits for the app to call Slack before failing (liveness, not speed).
WAIT_SECONDS = 20.0


# --- signed requests ------------------------------------------------------------------


def signature_headers(
    body: bytes, *, secret: str = SIGNING_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """The headers Slack sends: ``X-Slack-Request-Timestamp`` and ``X-Slack-Signature`` (v0)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + ts.encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class SlackRequest:
    body: bytes
    content_type: str


def form(fields: dict[str, str]) -> SlackRequest:
    return SlackRequest(urlencode(fields).encode(), "application/x-www-form-urlencoded")


def as_json(payload: dict[str, Any]) -> SlackRequest:
    return SlackRequest(json.dumps(payload).encode(), "application/json")


def slash_command(
    text: str,
    response_url: str,
    *,
    command: str = "/charge",
    user: str = USER_ID,
    channel: str = CHANNEL_ID,
    trigger_id: str = "1337.42.trigger",
    team: str = TEAM_ID,
) -> SlackRequest:
    return form(
        {
            "token": "deprecated-verification-token",
            "team_id": team,
            "team_domain": "chargebot-test",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": "driver",
            "command": command,
            "text": text,
            "api_app_id": "A0CHARGEBOT",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


_event_ids = itertools.count(1)


def event_callback(
    event: dict[str, Any], *, event_id: str | None = None, team: str = TEAM_ID
) -> SlackRequest:
    return as_json(
        {
            "token": "deprecated-verification-token",
            "team_id": team,
            "api_app_id": "A0CHARGEBOT",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_event_ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": team, "user_id": BOT_USER_ID, "is_bot": True, "enterprise_id": None}
            ],
        }
    )


def mention(text: str, *, ts: str, thread_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": USER_ID,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": CHANNEL_ID,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


def direct_message(text: str, *, ts: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "user": USER_ID,
        "text": text,
        "ts": ts,
        "channel": DM_CHANNEL_ID,
        "event_ts": ts,
        **extra,
    }


def block_actions(
    action_id: str,
    value: str | None,
    *,
    response_url: str,
    ephemeral: bool,
    message_ts: str = "1700000000.000100",
    channel: str = CHANNEL_ID,
    user: str = USER_ID,
    trigger_id: str = "1337.42.trigger",
    url: str | None = None,
    team: str = TEAM_ID,
    message_blocks: list[dict[str, Any]] | None = None,
) -> SlackRequest:
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": "b1",
        "type": "button",
        "action_ts": str(time.time()),
        "text": {"type": "plain_text", "text": "button"},
    }
    if value is not None:
        action["value"] = value
    if url is not None:
        action["url"] = url
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": "driver", "team_id": team},
        "api_app_id": "A0CHARGEBOT",
        "token": "deprecated-verification-token",
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        },
        "trigger_id": trigger_id,
        "team": {"id": team, "domain": "chargebot-test"},
        "channel": {"id": channel, "name": "general"},
        "response_url": response_url,
        "actions": [action],
    }
    if not ephemeral:
        # Slack sends the clicked message with clicks on normal messages (not ephemeral).
        payload["message"] = {
            "type": "message",
            "ts": message_ts,
            "bot_id": BOT_ID,
            "text": "…",
            "blocks": message_blocks or [],
        }
    return form({"payload": json.dumps(payload)})


def view_action(
    action: dict[str, Any],
    view: dict[str, Any],
    *,
    user: str = USER_ID,
    team: str = TEAM_ID,
    trigger_id: str = "1337.44.trigger",
) -> SlackRequest:
    """A click on an element inside a view: the App Home tab or an open modal.

    ``action`` is the element as the app rendered it; selects and checkboxes add what
    the member chose (``selected_option(s)``). ``view`` is the view as Slack holds it
    (``id``, ``type``, ``private_metadata``...).
    """
    clicked = {"block_id": "b1", "action_ts": str(time.time()), **action}
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": "driver", "team_id": team},
        "api_app_id": "A0CHARGEBOT",
        "token": "deprecated-verification-token",
        "container": {"type": "view", "view_id": view.get("id", "V0HOME")},
        "trigger_id": trigger_id,
        "team": {"id": team, "domain": "chargebot-test"},
        "view": {"team_id": team, "hash": "1700000000.abc", **view},
        "actions": [clicked],
    }
    return form({"payload": json.dumps(payload)})


def view_submission(
    callback_id: str,
    private_metadata: str,
    values: dict[str, Any],
    *,
    user: str = USER_ID,
    team: str = TEAM_ID,
    view_id: str = "V0REFINE",
) -> SlackRequest:
    payload = {
        "type": "view_submission",
        "team": {"id": team, "domain": "chargebot-test"},
        "user": {"id": user, "username": "driver", "team_id": team},
        "api_app_id": "A0CHARGEBOT",
        "token": "deprecated-verification-token",
        "trigger_id": "1337.43.trigger",
        "view": {
            "id": view_id,
            "team_id": team,
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "state": {"values": values},
            "hash": "1700000000.abcdef",
        },
        "response_urls": [],
    }
    return form({"payload": json.dumps(payload)})


def url_verification(challenge: str) -> SlackRequest:
    return as_json({"token": "x", "challenge": challenge, "type": "url_verification"})


# --- the mock Web API and response URLs ---------------------------------------------------


@dataclass
class Call:
    """One request the app made to "Slack"."""

    method: str  # Web API method ("chat.postMessage") or "response_url"
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    #: What the mock answered (Web API calls).
    answer: dict[str, Any] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


class MockSlack:
    """Records Web API calls and response-URL posts; answers like Slack does."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._changed = threading.Condition()
        self._ts = itertools.count(1)
        #: Web API method -> error code to answer with (``{"ok": false, "error": ...}``).
        self.errors: dict[str, str] = {}
        #: Web API method (or "response_url") -> how many of its next calls answer
        #: 429 with ``Retry-After: 1``, as Slack does when rate limited.
        self.rate_limited: dict[str, int] = {}
        #: The Authorization header of every auth.test call (not recorded in ``calls``).
        self.auth_tests: list[str] = []
        #: Every call answered 429 (not in ``calls``: only calls Slack took are).
        self.refused: list[Call] = []
        #: Response-URL ids that answer 404 ``expired_url``, as Slack does after 30 min.
        self.expired: set[str] = set()
        self._response_ids = itertools.count(1)
        #: users.info answers: user id -> Slack's ``user`` object (tz, profile).
        self.users: dict[str, dict[str, Any]] = {}
        #: oauth.v2.access answers: code -> (team id, bot token) of the install.
        self.installs: dict[str, tuple[str, str]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self) -> str:
        return f"{self.url}/response/{next(self._response_ids)}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- recording ------------------------------------------------------------------------

    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def of(self, method: str) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method == method]

    def to(self, response_url: str) -> list[Call]:
        path = urlparse(response_url).path
        with self._changed:
            return [c for c in self.calls if c.method == "response_url" and c.path == path]

    def wait_for(
        self, predicate: Callable[[list[Call]], bool], timeout: float = WAIT_SECONDS
    ) -> list[Call]:
        with self._changed:
            if not self._changed.wait_for(lambda: predicate(self.calls), timeout):
                seen = [c.method for c in self.calls]
                raise AssertionError(f"Slack was not called as expected; calls so far: {seen}")
            return list(self.calls)

    def wait_method(self, method: str, count: int = 1) -> list[Call]:
        self.wait_for(lambda calls: sum(c.method == method for c in calls) >= count)
        return self.of(method)

    def wait_response(self, response_url: str, count: int = 1) -> list[Call]:
        path = urlparse(response_url).path
        self.wait_for(
            lambda calls: sum(c.method == "response_url" and c.path == path for c in calls) >= count
        )
        return self.to(response_url)

    # -- the HTTP side ----------------------------------------------------------------------

    def _take_rate_limit(self, kind: str) -> bool:
        with self._changed:
            left = self.rate_limited.get(kind, 0)
            if left <= 0:
                return False
            self.rate_limited[kind] = left - 1
            return True

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method in self.errors:
            return {"ok": False, "error": self.errors[method]}
        ts = f"1700000001.{next(self._ts):06d}"
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://chargebot-test.slack.com/",
                "team": "ChargeBot Test",
                "user": "chargebot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        if method == "chat.postMessage":
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": {"ts": ts}}
        if method == "chat.update":
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts")}
        if method == "reactions.add":
            return {"ok": True}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "users.info":
            user = self.users.get(str(body.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "oauth.v2.access":
            install = self.installs.get(str(body.get("code")))
            if install is None:
                return {"ok": False, "error": "invalid_code"}
            team, token = install
            return {
                "ok": True,
                "app_id": "A0CHARGEBOT",
                "authed_user": {"id": "U0INSTALLER"},
                "scope": ",".join(bot_scopes()),
                "token_type": "bot",
                "access_token": token,
                "bot_user_id": BOT_USER_ID,
                "team": {"id": team, "name": f"Team {team}"},
                "enterprise": None,
                "is_enterprise_install": False,
            }
        if method in (
            "chat.unfurl",
            "assistant.threads.setStatus",
            "assistant.threads.setSuggestedPrompts",
            "assistant.threads.setTitle",
        ):
            return {"ok": True}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = body.get("files")
            files = json.loads(files) if isinstance(files, str) else files or []
            return {"ok": True, "files": [{**f, "mimetype": "image/png"} for f in files]}
        if method in ("views.open", "views.update", "views.publish"):
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            view_id = body.get("view_id") or f"V{next(self._ts):08d}"
            return {"ok": True, "view": {**(view or {}), "id": view_id}}
        return {"ok": False, "error": "unknown_method"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        mock = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                path = urlparse(self.path).path
                if path.startswith("/upload/"):  # files_upload_v2 sends the file's bytes here
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    mock._record(Call("file_upload", path, {"content": raw}, headers))
                    self._send(200, b"OK - " + str(len(raw)).encode(), "text/plain")
                    return
                body = _parse(raw, self.headers.get("Content-Type", ""))
                headers = {k.lower(): v for k, v in self.headers.items()}
                kind = "response_url" if path.startswith("/response/") else path[len("/api/") :]
                if mock._take_rate_limit(kind):
                    with mock._changed:
                        mock.refused.append(Call(kind, path, body, headers))
                    self.send_response(429)
                    self.send_header("Retry-After", "1")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if path.startswith("/response/"):
                    mock._record(Call("response_url", path, body, headers))
                    if path.rsplit("/", 1)[1] in mock.expired:
                        self._send(404, b"expired_url", "text/plain")
                    else:
                        self._send(200, b"ok", "text/plain")
                    return
                method = path.removeprefix("/api/")
                answer = mock._answer(method, body)
                if method != "auth.test":
                    mock._record(Call(method, path, body, headers, answer))
                else:
                    with mock._changed:
                        mock.auth_tests.append(headers.get("authorization", ""))
                self._send(200, json.dumps(answer).encode(), "application/json; charset=utf-8")

            def _send(self, status: int, payload: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler


def bot_scopes() -> tuple[str, ...]:
    from bot.slack.oauth import BOT_SCOPES

    return BOT_SCOPES


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    text = raw.decode("utf-8") if raw else ""
    if "json" in content_type or text.startswith("{"):
        return json.loads(text) if text else {}
    parsed = {k: v[0] for k, v in parse_qs(text).items()}
    for key in ("blocks", "view", "attachments"):
        if isinstance(parsed.get(key), str):
            parsed[key] = json.loads(parsed[key])
    return parsed


# --- the real server in a thread ------------------------------------------------------------


class RunningApp:
    """The production WSGI app under waitress, on 127.0.0.1 and an ephemeral port."""

    def __init__(self, app: Any, threads: int = 8) -> None:
        from bot.slack.server import EVENTS_PATH, create_server

        self.app = app
        self.server = create_server(app, "127.0.0.1", 0, threads, asyncore_loop_timeout=0.05)
        self.base_url = f"http://127.0.0.1:{self.server.effective_port}"
        self.events_url = self.base_url + EVENTS_PATH
        self._thread = threading.Thread(target=self.server.run, daemon=True)
        self._thread.start()
        self.http = httpx.Client(timeout=30)

    def send(
        self,
        request: SlackRequest,
        *,
        headers: dict[str, str] | None = None,
        secret: str = SIGNING_SECRET,
        timestamp: int | None = None,
    ) -> httpx.Response:
        signed = signature_headers(request.body, secret=secret, timestamp=timestamp)
        return self.http.post(
            self.events_url,
            content=request.body,
            headers={"Content-Type": request.content_type, **signed, **(headers or {})},
        )

    def close(self) -> None:
        self.http.close()

        def close_everything() -> None:
            # Runs in the server's own loop thread: with its map empty, the loop returns.
            for dispatcher in list(self.server._map.values()):
                dispatcher.close()

        # The loop may have closed its trigger already (it stopped): nothing left to wake.
        with suppress(OSError):
            self.server.trigger.pull_trigger(close_everything)
        self._thread.join(5)
        self.server.task_dispatcher.shutdown()


@contextmanager
def running(app: Any, threads: int = 8) -> Iterator[RunningApp]:
    server = RunningApp(app, threads)
    try:
        yield server
    finally:
        server.close()


class Harness:
    """The running app plus everything a test looks at."""

    def __init__(self, server: RunningApp, slack: MockSlack, provider: Any, resolver: Any) -> None:
        self.server = server
        self.slack = slack
        self.provider = provider
        self.resolver = resolver
        #: The app's state store (``bot.state.StateStore``), when it has one.
        self.store: Any = None

    @property
    def services(self) -> Any:
        from bot.slack.services import services_of_app

        return services_of_app(self.server.app)

    def settle(self, timeout: float = WAIT_SECONDS) -> None:
        """Wait until every listener and every search handed over has finished."""
        services = self.services
        for pool in (services.listeners, services.background, services.listeners):
            assert pool.wait_idle(timeout), "the app did not finish its work"


# --- reading what the app sent ----------------------------------------------------------------


def texts(node: Any) -> list[str]:
    """Every ``text`` string in a message or view, in order (block text, fields, buttons)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(texts(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(texts(item))
    return found


def shown(message: dict[str, Any]) -> str:
    """All the words a message or view shows (blocks only), joined by newlines."""
    return "\n".join(texts(message.get("blocks") or []))


def interactive(message: dict[str, Any]) -> list[dict[str, Any]]:
    """Every element with an ``action_id`` (buttons, selects) in a message's blocks."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "action_id" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("blocks") or [])
    return found


def buttons(message: dict[str, Any], action_id: str) -> list[dict[str, Any]]:
    """Buttons whose action id is ``action_id`` or ``action_id:…``."""
    return [
        element
        for element in interactive(message)
        if element["action_id"] == action_id or element["action_id"].startswith(action_id + ":")
    ]


def button(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    found = buttons(message, action_id)
    assert found, f"no {action_id} button in: {[e['action_id'] for e in interactive(message)]}"
    return found[0]
