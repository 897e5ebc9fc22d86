"""One pooled ``httpx.Client`` per service, with ChargeBot's discipline built in.

:class:`ApiClient` sends a request and retries what is worth retrying (429, 502,
503, 504, a timeout, no connection) at most ``RetryPolicy.max_retries`` times,
honouring ``Retry-After``; everything else becomes one of the exceptions in
:mod:`bot.http_client.errors` (or the service's own subclasses of them).

Credentials go into headers or httpx's auth and nowhere else: not into URLs,
attributes, reprs, log records or exception messages. Log lines and errors name
the request by method and path only, never by query string.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import httpx

from bot import __version__
from bot.http_client.closing import Closing
from bot.http_client.errors import (
    AuthenticationFailed,
    BadResponse,
    NotFound,
    RateLimited,
    RequestRejected,
    ServiceError,
    UpstreamUnavailable,
)
from bot.http_client.problems import Unreachable, classify
from bot.http_client.retry import RETRY_STATUSES, RetryPolicy, parse_retry_after

USER_AGENT = f"ChargeBot/{__version__}"

_logger = logging.getLogger(__name__)

E = TypeVar("E", bound=ServiceError)

#: A service's own exception for each kind, e.g. ``{RateLimited: PlugShareRateLimited}``.
ErrorTypes = Mapping[type[ServiceError], type[ServiceError]]


def own_errors(service_error: type[ServiceError]) -> ErrorTypes:
    """A service's exceptions by the shared kind each also is: each direct subclass of
    ``service_error`` that is also one of the kinds of :mod:`bot.http_client.errors`
    (``class RateLimited(OcmError, http_client.RateLimited)``)."""
    return {
        kind: own
        for own in service_error.__subclasses__()
        for kind in own.__bases__
        if kind is not service_error and issubclass(kind, ServiceError)
    }


class ApiClient(Closing):
    """One pooled connection to one service. Use it as a context manager, or call ``close()``.

    ``service`` names it in messages ("PlugShare", "Open Charge Map"). ``path``
    arguments are relative to ``base_url`` (which may carry a path prefix, such as
    ``/v3``) or absolute URLs. ``transport`` replaces httpx's network transport.
    """

    def __init__(
        self,
        service: str,
        *,
        timeout: httpx.Timeout,
        base_url: str = "",
        headers: Mapping[str, str] | None = None,
        auth: httpx.Auth | None = None,
        retry: RetryPolicy | None = None,
        errors: ErrorTypes | None = None,
        logger: logging.Logger | None = None,
        follow_redirects: bool = False,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.service = service
        self.base_url = base_url
        self.retry = retry or RetryPolicy()
        self._errors = dict(errors or {})
        self._log = logger or _logger
        self._http = httpx.Client(
            base_url=base_url,
            auth=auth,
            timeout=timeout,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT, **(headers or {})},
            follow_redirects=follow_redirects,
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(service={self.service!r}, base_url={self.base_url!r})"

    def close(self) -> None:
        self._http.close()

    # --- requests ---

    def request_json(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | list[str]] | None = None,
        json: Any = None,
    ) -> Any:
        """The decoded JSON of a successful answer."""
        response = self._send(method, path, params=params, json=json, stream=False)
        return self._json(response, f"{method} {response.request.url.path}")

    def get_json(self, path: str, *, params: Mapping[str, str | list[str]] | None = None) -> Any:
        return self.request_json("GET", path, params=params)

    @contextmanager
    def stream(
        self, method: str, path: str, *, params: Mapping[str, str | list[str]] | None = None
    ) -> Iterator[httpx.Response]:
        """A successful answer whose body is still to be read (``iter_bytes``...).

        Retries happen before the body starts; a body that breaks off raises
        :class:`UpstreamUnavailable` (``unreachable`` says how), one that cannot be
        decoded :class:`BadResponse`.
        """
        response = self._send(method, path, params=params, json=None, stream=True)
        what = f"{method} {response.request.url.path}"
        try:
            yield response
        except httpx.DecodingError as error:
            raise self.error(
                BadResponse, f"{self.service}'s answer to {what} could not be decoded"
            ) from error
        except httpx.TransportError as error:
            problem = classify(error)
            raise self.error(
                UpstreamUnavailable,
                f"{self.service} {problem.wording} while sending the answer to {what}",
                unreachable=problem,
            ) from error
        finally:
            response.close()

    def error(self, kind: type[E], message: str, **details: Any) -> E:
        """An exception of ``kind``, as this service's own subclass when it has one."""
        return self._errors.get(kind, kind)(message, **details)  # type: ignore[return-value]

    # --- plumbing ---

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | list[str]] | None,
        json: Any,
        stream: bool,
    ) -> httpx.Response:
        request = self._http.build_request(method, path, params=params, json=json)
        what = f"{method} {request.url.path}"
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = self._http.send(request, stream=stream)
            except httpx.DecodingError as error:
                raise self.error(
                    BadResponse, f"{self.service}'s answer to {what} could not be decoded"
                ) from error
            except httpx.TransportError as error:
                failure: ServiceError = self._unreachable(error, what)
                failure.__cause__ = error
                wait = self.retry.backoff_for(attempt)
            else:
                self._log.debug(
                    "%s %s -> %d in %.0f ms",
                    self.service,
                    what,
                    response.status_code,
                    (time.monotonic() - started) * 1000,
                )
                if response.is_success:
                    return response
                response.close()
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                failure = self._status_error(response.status_code, what, retry_after)
                if response.status_code not in RETRY_STATUSES:
                    raise failure
                if retry_after is not None and retry_after > self.retry.max_retry_wait:
                    raise failure
                wait = self.retry.backoff_for(attempt) if retry_after is None else retry_after
            if attempt >= self.retry.max_retries:
                raise failure
            attempt += 1
            self._log.warning(
                "%s; retry %d of %d in %.2f s", failure, attempt, self.retry.max_retries, wait
            )
            time.sleep(wait)

    def _unreachable(self, error: httpx.TransportError, what: str) -> ServiceError:
        problem = classify(error)
        if problem is Unreachable.TIMED_OUT:
            message = f"{self.service} did not answer {what} in time ({type(error).__name__})"
        elif problem is Unreachable.NO_SUCH_HOST:
            host = self._http.base_url.host or "its host"
            message = f"Could not reach {self.service} for {what}: {host} does not resolve"
        else:
            message = f"Could not reach {self.service} for {what}: {error}"
        return self.error(UpstreamUnavailable, message, unreachable=problem)

    def _status_error(self, status: int, what: str, retry_after: float | None) -> ServiceError:
        answered = f"{self.service} answered {what} with HTTP {status}"
        if status in (401, 403):
            return self.error(
                AuthenticationFailed,
                f"{answered}: the credentials were refused",
                status_code=status,
            )
        if status in (404, 410):
            gone = "gone" if status == 410 else "not found"
            return self.error(NotFound, f"{answered}: {gone}", status_code=status)
        if status == 429:
            return self.error(
                RateLimited, f"{answered}: rate limited", status_code=429, retry_after=retry_after
            )
        if status >= 500:
            return self.error(
                UpstreamUnavailable, answered, status_code=status, retry_after=retry_after
            )
        if status >= 400:
            return self.error(RequestRejected, answered, status_code=status)
        return self.error(BadResponse, answered, status_code=status)

    def _json(self, response: httpx.Response, what: str) -> Any:
        try:
            return response.json()
        except ValueError:
            kind = response.headers.get("Content-Type", "no content type").split(";")[0]
            raise self.error(
                BadResponse,
                f"{self.service} answered {what} with something that is not JSON ({kind})",
                status_code=response.status_code,
            ) from None
