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


@main.group()
def state() -> None:
    """The state database: people's settings, saved places, check-ins and Slack installs."""


@state.command("migrate")
def state_migrate() -> None:
    """Create or upgrade the state database's schema now (ChargeBot also does it on first use).

    The database is CHARGEBOT_DATABASE_URL, by default a SQLite file beside the station index.
    """
    from bot.state import StateStore, StateUnavailable

    settings = settings_or_exit()
    store = StateStore.from_settings(settings)
    try:
        revision = store.migrate()
    except StateUnavailable as error:
        click.echo(f"The state database cannot be used: {error.detail}", err=True)
        sys.exit(1)
    finally:
        store.close()
    click.echo(f"State database {store.url} is at schema revision {revision} (the newest).")
