"""Refuse requests whose Slack signature headers are malformed, before any verification.

Slack sends ``X-Slack-Request-Timestamp`` as Unix seconds in ASCII digits and
``X-Slack-Signature`` as ``v0=`` and 64 hex digits. Anything else cannot be a
signed request; it gets the 401 an unsigned one gets. Checking the shape first
keeps a stranger, who needs no secret to send headers, from turning each request
into a 500 and a traceback in the log (Bolt calls ``int()`` on the timestamp).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

_TIMESTAMP: Final = re.compile(r"[0-9]{1,12}", re.ASCII)
_SIGNATURE: Final = re.compile(r"v0=[0-9a-f]{64}", re.ASCII)


def well_formed(environ: Mapping[str, Any]) -> bool:
    """Whether both headers are present and shaped as Slack sends them."""
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE")
    return (
        isinstance(timestamp, str)
        and isinstance(signature, str)
        and _TIMESTAMP.fullmatch(timestamp) is not None
        and _SIGNATURE.fullmatch(signature) is not None
    )
