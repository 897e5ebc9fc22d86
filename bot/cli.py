"""The ``chargebot`` command: a thin shell over the pipeline, the data index and the server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot import __version__, one_shot

if TYPE_CHECKING:
    from bot.config import Settings

# Commands import what they use when they run: `chargebot --help` loads click alone,
# and each command only its own layers (settings, pipeline, renderer, server).

if TYPE_CHECKING:
    from bot.geo.place import Place
    from bot.search import Answer


def settings_or_exit(**overrides: object) -> Settings:
    from bot.config import ConfigError, load_settings

    try:
        return load_settings(**overrides)
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(2)


#: Commands that answer and end: the installed command ends them without the interpreter's
#: tear-down (see bot/one_shot.py). The others run long or write files.
_ONE_SHOT_COMMANDS = frozenset({"ask"})


def run() -> None:
    """The installed ``chargebot`` command and ``python -m bot``: :func:`main`, one process."""
    one_shot.start()
    try:
        main()
    except SystemExit as done:
        one_shot.end(done.code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chargebot")
@click.option(
    "-v", "--verbose", count=True, help="Log warnings (-v) or everything (-vv) to stderr."
)
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """ChargeBot finds EV charging stations, from Slack or from this terminal."""
    import logging

    if ctx.invoked_subcommand not in _ONE_SHOT_COMMANDS:
        one_shot.long_lived()
    # Answers already explain what went wrong (a geocoder that is down, say); the log
    # lines behind them are for whoever asks for them.
    level = {0: logging.ERROR, 1: logging.WARNING}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


#: Exit statuses of ``chargebot ask``: an answer (even "nothing found"), a request the
#: user must fix, a failure of the data source.
EXIT_ANSWER, EXIT_FAILURE, EXIT_FIX_REQUEST = 0, 1, 2
_FIX_REQUEST = {"no_place", "place_not_found", "ambiguous_place", "bad_route"}
_FAILURE = {"source_down", "index_empty"}


#: First words of Slack's settings commands (``set car CCS``, ``forget me``...): only text
#: starting with one pays for importing the settings language, which decides.
# fmt: off
_SETTINGS_WORDS = frozenset({
    "set", "clear", "reset", "save", "delete", "forget", "remove", "unset",
    "show", "list", "my", "saved", "places", "settings", "preferences", "prefs",
})
# fmt: on
_SETTINGS_IN_SLACK = (
    "Settings such as “set car CCS” are kept for each Slack member (/charge set car CCS); "
    "the terminal keeps none, so say what you need in the request itself, e.g. "
    'chargebot ask "CCS near 10036".'
)


def _is_settings_command(text: str) -> bool:
    words = text.split(maxsplit=1)
    if not words or words[0].lower().rstrip(".!") not in _SETTINGS_WORDS:
        return False
    from bot.settings import parse_command

    return parse_command(text) is not None


def _write_map(answer: Answer, settings: Settings, path: Path) -> None:
    """The answer's map as a PNG, or a line on stderr saying why there is none."""
    from bot.search.answer_map import answer_map

    if settings.tile_url is None:
        click.echo("No map: set CHARGEBOT_TILE_URL to an XYZ tile server first.", err=True)
        return
    if not answer.locations:
        click.echo("No map: the answer has no stations to show.", err=True)
        return
    picture = answer_map(answer, settings)
    if picture is None:
        click.echo(
            "No map: the tile server gave no tiles (`chargebot -v ask ...` shows why).", err=True
        )
        return
    try:
        path.write_bytes(picture.png)
    except OSError as error:
        click.echo(f"No map: couldn't write {path}: {error.strerror}.", err=True)
        return
    click.echo(f"Map written to {path} (pins numbered like the stations above).", err=True)


@main.command()
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "blocks", "json"]),
    default="text",
    show_default=True,
    help="text: readable answer; blocks: the Slack message payload; json: the results as data.",
)
@click.option(
    "--provider",
    type=click.Choice(["local", "plugshare", "ocm"]),
    help="Data source (default: CHARGEBOT_PROVIDER).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Local station index (default: CHARGEBOT_DB).",
)
@click.option(
    "--units", type=click.Choice(["mi", "km"]), help="Distance units (default: by place)."
)
@click.option(
    "--page",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Which page of the answer to show (each holds the request's count, at most 10).",
)
@click.option(
    "--map",
    "map_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write a map of the answer to this PNG (needs CHARGEBOT_TILE_URL).",
)
def ask(
    text: tuple[str, ...],
    output_format: str,
    provider: str | None,
    db: Path | None,
    units: str | None,
    page: int,
    map_path: Path | None,
) -> None:
    """Answer a request the way the Slack app would, e.g. chargebot ask "CCS near Albany, free"."""
    # Only what this request uses is imported (the renderer for its format, no Slack
    # SDK for text): a one-shot process pays for every import.
    from bot.config import ConfigError
    from bot.search import Outcome, SearchRequest, build_pipeline

    overrides: dict[str, object] = {}
    if provider:
        overrides["provider"] = provider
    if db:
        overrides["db_path"] = db
    settings = settings_or_exit(**overrides)
    if _is_settings_command(" ".join(text)):
        click.echo(_SETTINGS_IN_SLACK, err=True)
        sys.exit(EXIT_FIX_REQUEST)
    request = SearchRequest(text=" ".join(text), units=units, page=page - 1)  # type: ignore[arg-type]
    try:
        pipeline = build_pipeline(settings, one_shot=True)
    except ConfigError as error:  # e.g. --provider plugshare without credentials
        click.echo(str(error), err=True)
        sys.exit(EXIT_FIX_REQUEST)
    try:
        answer = pipeline.answer(request)
        if answer.outcome is Outcome.INDEX_EMPTY and _fill_empty_index(settings, answer.place):
            answer = pipeline.answer(request)
    finally:
        pipeline.close()

    if output_format == "json":
        import json

        from bot.render.data import render_json

        click.echo(json.dumps(render_json(answer), indent=2, ensure_ascii=False))
    elif output_format == "blocks":
        import json

        from bot.render.slack import render_message

        click.echo(json.dumps(render_message(answer), indent=2, ensure_ascii=False))
    else:
        from bot.render.text import render_text

        click.echo(render_text(answer))
    if map_path is not None:
        _write_map(answer, settings, map_path)
    if answer.outcome in _FIX_REQUEST:
        sys.exit(EXIT_FIX_REQUEST)
    if answer.outcome in _FAILURE:
        sys.exit(EXIT_FAILURE)


def _fill_empty_index(settings: Settings, place: Place | None) -> bool:
    """The first answer needs no separate step: download open data into the empty index."""
    from bot.data_commands import run_first_fill
    from bot.providers.first_fill import Near

    one_shot.loaded()  # a download and an import: far more than one answer makes
    near = Near(place.latitude, place.longitude, place.country_code) if place else None
    return run_first_fill(settings, None, near)


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
@click.argument("source", type=click.Choice(["afdc", "ocm"], case_sensitive=False))
@_DB_OPTION
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="CC",
    help="ocm: only this country (two-letter code, e.g. GB); repeat for more.",
)
@click.option("--bbox", metavar="S,W,N,E", help="ocm: only this box, in degrees.")
@click.option("--full", is_flag=True, help="ocm: download everything, not only changes.")
def data_sync(
    source: str, db_path: Path | None, countries: tuple[str, ...], bbox: str | None, full: bool
) -> None:
    """Download a source and import it: afdc (every US station) or ocm (Open Charge Map).

    ocm needs OCM_API_KEY; a later run for the same scope fetches only what changed.
    """
    from bot.data_commands import parse_bbox, run_sync_ocm
    from bot.opendata.commands import run_sync

    settings = settings_or_exit()
    if source.lower() == "afdc":
        if countries or bbox or full:
            click.echo("--country, --bbox and --full are for `data sync ocm` only.", err=True)
            sys.exit(2)
        sys.exit(run_sync(settings, db_path))
    try:
        box = parse_bbox(bbox) if bbox else None
        status = run_sync_ocm(settings, db_path, countries=countries, bbox=box, full=full)
    except ValueError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    sys.exit(status)


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


@main.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="HTTP mode: address to bind.")
@click.option("--port", type=int, help="HTTP mode: port (default: PORT, else 3000).")
def serve(host: str, port: int | None) -> None:
    """Run the Slack app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP at /slack/events."""
    from bot.config import ConfigError
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
