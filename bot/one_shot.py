"""A ``chargebot`` process that ends once it has answered skips what only long-lived ones need.

Almost everything such a process creates, modules above all, lives until it exits. So:

- the cyclic garbage collector's passes while modules load find nothing to free (they
  cost about 30 ms of a cold ``ask``), and one answer makes little garbage: collection is
  off until :func:`loaded`, called before anything larger (a first download and import),
  which sets what exists aside (``gc.freeze``) so later passes look at new objects only;
- the interpreter's tear-down at exit frees object by object memory the system takes
  back at once (over 100 ms after an ``ask``): :func:`end` flushes the output and ends
  the process without it, as mypy does. Only while no other thread runs, and not after a
  command that runs long or writes files (:func:`long_lived`).

Nothing here is active unless :func:`start` ran: tests that invoke the commands inside
their own process, and the Slack server, keep the interpreter's defaults.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

_started = False
_teardown = False


def start() -> None:
    """This process ends when its command returns: no collection while modules load."""
    global _started
    _started = True
    gc.disable()


def loaded() -> None:
    """Modules are loaded: collection resumes, for the objects made from now on."""
    if _started and not gc.isenabled():
        gc.freeze()
        gc.enable()


def long_lived() -> None:
    """This command runs long or writes files: the interpreter's defaults, from now to exit."""
    global _teardown
    _teardown = True
    loaded()


def end(status: object) -> NoReturn:
    """Exit with ``status`` (as ``sys.exit`` reads it), skipping tear-down when that is safe."""
    if not _started or _teardown or _other_threads():
        raise SystemExit(status)
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()  # what its exit hook would do: flush every handler
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:
        print(status, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the normal exit path reports it
        raise SystemExit(status) from None
    os._exit(code)


def _other_threads() -> bool:
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1
