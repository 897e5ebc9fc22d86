"""The follow-up message that shows an answer's map: one image block of an uploaded file."""

from __future__ import annotations

from bot.answer.answer import Answer
from bot.render.escape import escape_plain, truncate
from bot.render.facts import place_name

MAP_FILENAME = "chargers-map.png"


def map_title(answer: Answer) -> str:
    first = answer.page * answer.per_page + 1
    last = first + len(answer.locations) - 1
    pins = f"pin {first}" if first == last else f"pins {first}–{last}"
    return f"Map: {pins} match the cards above"


def map_alt_text(answer: Answer) -> str:
    return f"Map of {len(answer.locations)} charging stations near {place_name(answer)}"


def map_message(answer: Answer, file_id: str) -> dict[str, object]:
    title = truncate(escape_plain(map_title(answer)), 150)
    alt = truncate(escape_plain(map_alt_text(answer)), 1_000)
    return {
        "text": alt,
        "blocks": [
            {
                "type": "image",
                "slack_file": {"id": file_id},
                "alt_text": alt,
                "title": {"type": "plain_text", "text": title},
            }
        ],
    }
