"""A Redis for the tests of what several instances share (rate limit, geocoder gate,
dedupe). ``.ci/run`` starts a throwaway server (``.ci/redis.sh``) and sets
``CHARGEBOT_TEST_REDIS_URL``; without it those tests are skipped, saying so. The
variable is read at import, before the autouse fixture clears CHARGEBOT_* variables.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

REDIS_URL = os.environ.get("CHARGEBOT_TEST_REDIS_URL", "").strip()
REDIS_SKIP = "Redis: set CHARGEBOT_TEST_REDIS_URL (.ci/redis.sh starts one)"
#: A Redis URL that refuses connections (a closed loopback port).
DEAD_REDIS_URL = "redis://127.0.0.1:9/0"


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The test Redis, emptied before the test."""
    if not REDIS_URL:
        pytest.skip(REDIS_SKIP)
    from bot.redis_client import shared_client

    shared_client(REDIS_URL).flushdb()
    yield REDIS_URL
