"""The ``chargebot`` command: a thin shell over the pipeline, the data index and the server."""

from __future__ import annotations

import sys
from pathlib import Path

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


# --- chargebot data: the local open-data index (bot/opendata) ---

_DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Index file (default: CHARGEBOT_DB, or the user data directory).",
)


@main.group()
def data() -> None:
    """Build and inspect the local station index (open data, no credentials needed)."""


@data.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@_DB_OPTION
def data_import(path: Path, db_path: Path | None) -> None:
    """Import a station file: AFDC CSV or API JSON, or PlugShare JSON (detected by content)."""
    from bot.opendata.commands import run_import

    sys.exit(run_import(path, db_path or settings_or_exit().db_path))


@data.command("sync")
@click.argument("source", type=click.Choice(["afdc"], case_sensitive=False))
@_DB_OPTION
def data_sync(source: str, db_path: Path | None) -> None:
    """Download the current US station list (AFDC) and import it."""
    from bot.opendata.commands import run_sync

    sys.exit(run_sync(settings_or_exit(), db_path))


@data.command("stats")
@_DB_OPTION
def data_stats(db_path: Path | None) -> None:
    """Counts by network and connector, and how old the data is."""
    from bot.opendata.commands import run_stats

    sys.exit(run_stats(db_path or settings_or_exit().db_path))


# --- chargebot state: the state database (bot/state) ---


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
