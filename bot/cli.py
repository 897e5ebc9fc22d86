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


@main.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="HTTP mode: address to bind.")
@click.option("--port", type=int, help="HTTP mode: port (default: PORT, else 3000).")
def serve(host: str, port: int | None) -> None:
    """Run the Slack app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP at /slack/events."""
    from bot.slack.server import StartupError, run

    settings = settings_or_exit()
    try:
        run(settings, host, port)
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    except StartupError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
