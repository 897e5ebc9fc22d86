"""The ``chargebot`` command: a thin shell over the pipeline, the data index and the server."""

from __future__ import annotations

import sys

import click

from bot import __version__
from bot.config import ConfigError, Settings, load_settings


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chargebot")
def main() -> None:
    """ChargeBot finds EV charging stations, from Slack or from this terminal."""
