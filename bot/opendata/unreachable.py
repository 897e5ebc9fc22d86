"""One sentence for a sync whose service could not be reached, for every open-data source.

It names the setting that holds the address, says the index is unchanged and what to
try: with the default address the network is the likeliest culprit, with another one
the address itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from bot.http_client.problems import Unreachable


@dataclass(frozen=True, slots=True)
class Remote:
    """A service a ``chargebot data sync`` downloads from."""

    name: str  # "AFDC"
    variable: str  # the setting with its address: "CHARGEBOT_AFDC_URL"
    default_url: str
    command: str  # "chargebot data sync afdc"
    moved: str = "has moved"


def what_to_try(remote: Remote, where: str) -> str:
    """Advice on the address: a non-default one is the likeliest culprit."""
    if where.rstrip("/") == remote.default_url.rstrip("/"):
        return (
            "check the network connection and try again later, or set "
            f"{remote.variable} if {remote.name} {remote.moved}"
        )
    return (
        f"set {remote.variable} to {remote.name}'s current address, {remote.default_url}, "
        "or unset it to use that default"
    )


def unreachable_message(problem: Unreachable, remote: Remote, where: str) -> str:
    """Why nothing was downloaded from ``where``, in one sentence with what to try."""
    if problem is Unreachable.NO_SUCH_HOST:
        host = httpx.URL(where).host
        return (
            f"The {remote.name} host in {remote.variable} ({host}) {problem.wording}, so "
            f"nothing was downloaded and the index is unchanged; {what_to_try(remote, where)}."
        )
    if problem is Unreachable.TIMED_OUT:
        return (
            f"{remote.name} at {remote.variable} ({where}) {problem.wording}, so the index is "
            f"unchanged; try again later, or {what_to_try(remote, where)}."
        )
    if problem is Unreachable.DROPPED:
        return (
            f"Could not download from {remote.name} at {remote.variable} ({where}): it "
            f"{problem.wording} before the download was complete, so the index is unchanged; "
            f"run `{remote.command}` again later."
        )
    return (
        f"{remote.name} at {remote.variable} ({where}) {problem.wording}, so the index is "
        f"unchanged; {what_to_try(remote, where)}."
    )
