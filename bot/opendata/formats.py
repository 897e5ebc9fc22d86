"""Which kind of station file this is, decided by its content rather than its name.

- AFDC station export (CSV): a header with ``Fuel Type Code``, ``ID``, ``Latitude``
  and ``Longitude``; the 60-, 70- and 75-column variants of the years differ only
  in which other columns exist, so columns are read by title.
- AFDC minimal CSV (``us-min.csv``): ``Station Name, ZIP, Latitude, Longitude, ID``.
- AFDC API JSON: an object with a ``fuel_stations`` list (or a bare list of AFDC
  stations, recognised by their snake_case AFDC fields).
- PlugShare JSON: a list of locations as PlugShare's API returns them.
- Open Charge Map POIs (recognised by ``AddressInfo`` / ``Connections``): a JSON
  list of POIs, OCM's full export with one POI object per line, a single POI file,
  or a folder of ``OCM-<ID>.json`` files (the export's ``data/<country>/`` layout).

A UTF-8 byte-order mark is allowed everywhere.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, Final

import ijson

from bot.opendata.json_items import CappedReader, ItemTooLarge
from bot.opendata.limits import MAX_ITEM_BYTES, size_text

BOM: Final = b"\xef\xbb\xbf"
_HEAD_BYTES: Final = 256 * 1024
_JSON_SCAN_EVENTS: Final = 200_000

_AFDC_REQUIRED: Final = ("Fuel Type Code", "ID", "Latitude", "Longitude")
_MIN_REQUIRED: Final = ("Station Name", "Latitude", "Longitude", "ID")
_AFDC_ITEM_KEYS: Final = frozenset({"fuel_type_code", "station_name", "ev_connector_types"})
#: Keys only an Open Charge Map POI has (any one of them, beside an ``ID``).
_OCM_KEYS: Final = frozenset({"AddressInfo", "Connections", "DataProviderID", "UsageTypeID"})
#: The file names of OCM's export, one POI each.
OCM_FILE_PATTERN: Final = "OCM-*.json"


def is_ocm_poi(keys: set[str]) -> bool:
    return "ID" in keys and bool(keys & _OCM_KEYS)


class ImportFailed(Exception):
    """The file cannot be imported at all; the message says why, for the person running it."""


class FileFormat(StrEnum):
    AFDC_CSV = "afdc-csv"
    AFDC_MIN_CSV = "afdc-min-csv"
    AFDC_JSON = "afdc-json"
    PLUGSHARE_JSON = "plugshare-json"
    OCM_JSON = "ocm-json"
    OCM_JSON_LINES = "ocm-json-lines"
    OCM_FOLDER = "ocm-folder"


@dataclass(frozen=True, slots=True)
class Detected:
    format: FileFormat
    #: What the file is, for the import summary: "AFDC station export (CSV, 75 columns)".
    description: str
    #: JSON: the ijson prefix of the station items ("fuel_stations.item" or "item").
    items_prefix: str = ""
    #: How many items the file says it holds (AFDC's ``total_results``), when it says so.
    announced: int | None = None


def open_binary(path: Path, name: str | None = None) -> BinaryIO:
    path_text = name or str(path)
    try:
        if path.is_dir():
            raise ImportFailed(f"{path_text} is a folder, not a station file.")
        return path.open("rb")
    except FileNotFoundError:
        raise ImportFailed(f"{path_text}: no such file.") from None
    except PermissionError:
        raise ImportFailed(f"{path_text}: permission denied.") from None
    except OSError as error:
        raise ImportFailed(f"{path_text} cannot be read: {error.strerror or error}.") from None


def detect(path: Path, name: str | None = None) -> Detected:
    """The file's format, or ImportFailed; messages call the file ``name`` (default: path)."""
    path_text = name or str(path)
    if path.is_dir():
        return _detect_folder(path, path_text)
    with open_binary(path, name) as stream:
        try:
            head = stream.read(_HEAD_BYTES)
        except OSError as error:
            raise ImportFailed(f"{path_text} cannot be read: {error.strerror or error}.") from None
        if not head.strip():
            raise ImportFailed(f"{path_text} is empty.")
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ImportFailed(
                f"{path_text} is UTF-16 text. Save it as UTF-8 (CSV UTF-8 in a spreadsheet) "
                "and import it again."
            )
        body = head.removeprefix(BOM).lstrip()
        if body[:1] in (b"{", b"["):
            stream.seek(len(BOM) if head.startswith(BOM) else 0)
            return _detect_json(path_text, stream)
        if b"\x00" in head:
            raise ImportFailed(f"{path_text} is not a text file (CSV or JSON).")
        return _detect_csv(path_text, head.removeprefix(BOM))


def _detect_csv(path: str, head: bytes) -> Detected:
    first_line = head.split(b"\n", 1)[0]
    text = first_line.decode("utf-8", errors="replace")
    try:
        header = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        header = []
    titles = {title.strip() for title in header}
    if all(t in titles for t in _AFDC_REQUIRED):
        return Detected(FileFormat.AFDC_CSV, f"AFDC station export (CSV, {len(header)} columns)")
    if all(t in titles for t in _MIN_REQUIRED):
        return Detected(
            FileFormat.AFDC_MIN_CSV, f"AFDC minimal station list (CSV, {len(header)} columns)"
        )
    wanted = ", ".join(_AFDC_REQUIRED)
    raise ImportFailed(
        f"{path} is not a station file ChargeBot knows: a CSV needs the AFDC columns "
        f"{wanted} (or Station Name, Latitude, Longitude, ID); JSON must be an AFDC API "
        "response or a list of PlugShare locations."
    )


def ocm_files(folder: Path) -> list[Path]:
    """The folder's ``OCM-*.json`` files, in any subfolder, in a stable order."""
    return sorted(folder.rglob(OCM_FILE_PATTERN))


def _detect_folder(folder: Path, path: str) -> Detected:
    try:
        count = len(ocm_files(folder))
    except OSError as error:
        raise ImportFailed(f"{path} cannot be read: {error.strerror or error}.") from None
    if not count:
        raise ImportFailed(
            f"{path} is a folder, not a station file, and holds no Open Charge Map "
            f"{OCM_FILE_PATTERN} files."
        )
    return Detected(
        FileFormat.OCM_FOLDER,
        f"Open Charge Map POI files (a folder of {count:,} {OCM_FILE_PATTERN})",
        announced=count,
    )


def _ocm_object(events: Iterator[tuple[str, str, Any]]) -> Detected:
    """A top-level OCM POI was read to its end: is another one after it?"""
    for prefix, event, _ in events:
        if prefix == "" and event in ("start_map", "start_array"):
            return Detected(
                FileFormat.OCM_JSON_LINES,
                "Open Charge Map POIs (JSON, one object per line)",
            )
        break
    return Detected(FileFormat.OCM_JSON_LINES, "Open Charge Map POI (JSON, one object)")


def _detect_json(path: str, stream: BinaryIO) -> Detected:
    try:
        # The head is read with the same cap as one item: a file that spends megabytes
        # before its first station (one endless string, say) is not a station file.
        events = ijson.parse(CappedReader(stream), multiple_values=True)
        _, first, _ = next(events)
        if first == "start_map":
            announced: int | None = None
            top_keys: set[str] = set()
            for count, (prefix, event, value) in enumerate(events):
                if prefix == "total_results" and event == "number":
                    announced = int(value) if int(value) == value else None
                if prefix == "" and event == "map_key":
                    top_keys.add(str(value))
                if prefix == "" and event == "map_key" and value == "fuel_stations":
                    return Detected(
                        FileFormat.AFDC_JSON,
                        "AFDC API response (JSON)",
                        "fuel_stations.item",
                        announced,
                    )
                if prefix == "" and event == "end_map" and is_ocm_poi(top_keys):
                    return _ocm_object(events)
                if (prefix == "" and event == "end_map") or count > _JSON_SCAN_EVENTS:
                    break
            raise ImportFailed(
                f"{path} is JSON but not a station file ChargeBot knows: an AFDC API "
                'response has a "fuel_stations" list; PlugShare locations must be a list; '
                'an Open Charge Map POI has "ID", "AddressInfo" and "Connections".'
            )
        if first == "start_array":
            keys: set[str] = set()
            _, event, _ = next(events)
            if event == "start_map":
                for prefix, event, value in events:
                    if prefix == "item" and event == "map_key":
                        keys.add(str(value))
                    elif prefix == "item" and event == "end_map":
                        break
            if keys & _AFDC_ITEM_KEYS:
                return Detected(FileFormat.AFDC_JSON, "AFDC station list (JSON)", "item")
            if is_ocm_poi(keys):
                return Detected(FileFormat.OCM_JSON, "Open Charge Map POIs (JSON list)", "item")
            if "stations" in keys or {"name", "latitude", "longitude"} <= keys:
                return Detected(FileFormat.PLUGSHARE_JSON, "PlugShare locations (JSON)", "item")
            raise ImportFailed(
                f"{path} is a JSON list but its first item is neither an AFDC station, "
                "a PlugShare location nor an Open Charge Map POI (or the list is empty)."
            )
    except ItemTooLarge:
        raise ImportFailed(
            f"{path} is not a station file: it holds over {size_text(MAX_ITEM_BYTES)} "
            "of JSON before its first station."
        ) from None
    except (ijson.JSONError, ijson.IncompleteJSONError, StopIteration) as error:
        reason = str(error).strip() or "it ends too early"
        raise ImportFailed(f"{path} is not valid JSON ({reason[:120]}).") from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{path} is not valid UTF-8 JSON.") from None
    raise ImportFailed(f"{path} is JSON but neither an object nor a list.")
