"""A folder that cannot be written, as in a read-only container image.

Permissions alone do not stop root, so as root the folder is bind-mounted
read-only onto itself (which needs CAP_SYS_ADMIN); a test that cannot get a
read-only folder is skipped, saying why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*args: str) -> bool:
    return subprocess.run(args, capture_output=True, check=False).returncode == 0


def _writable(folder: Path) -> bool:
    probe = folder / ".write-probe"
    try:
        probe.touch()
    except OSError:
        return False
    probe.unlink()
    return True


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(mode)
        return
    if not _run("mount", "--bind", str(folder), str(folder)):
        pytest.skip("a read-only folder needs mount --bind when running as root")
    try:
        if not _run("mount", "-o", "remount,ro,bind", str(folder)) or _writable(folder):
            pytest.skip("could not make a read-only bind mount")
        yield folder
    finally:
        _run("umount", str(folder))
