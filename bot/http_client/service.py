"""What every API client built on :class:`ApiClient` shares: one connection, closed once."""

from __future__ import annotations

from bot.http_client.client import ApiClient
from bot.http_client.closing import Closing


class ServiceClient(Closing):
    """A service's client over one :class:`ApiClient`. Use it as a context manager, or call
    ``close()``. The repr names the service's URL only: never a credential."""

    base_url: str
    _http: ApiClient

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def close(self) -> None:
        self._http.close()
