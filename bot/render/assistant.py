"""Words for Slack's assistant view: suggested prompts from a person's places and car, the
status line while an answer is prepared, and the thread's welcome."""

from __future__ import annotations

from collections.abc import Sequence

from bot.render.escape import escape_plain, truncate

#: Slack shows at most four suggested prompts.
MAX_PROMPTS = 4
#: Prompts when the person has saved nothing yet.
GENERIC_PROMPTS = (
    "CCS near Union Station",
    "free J1772 near me within 2 miles",
    "superchargers near Albany open now",
    "cheapest CCS near Penn Station",
)
WELCOME = (
    "Ask me for chargers the way you'd ask a colleague: a place, and what matters"
    " (a connector, free, open now, cheapest…). Pick a suggestion to start."
)
PROMPTS_TITLE = "Try one of these:"


def suggested_prompts(places: Sequence[str], connectors: Sequence[str]) -> list[dict[str, str]]:
    """Up to four prompts: "CCS near office", "free J1772 near home"... from the person's
    saved places (home first) and their car's connectors; generic ones fill the rest."""
    plug = connectors[0] if connectors else "chargers"
    second = connectors[1] if len(connectors) > 1 else plug
    texts: list[str] = []
    for index, place in enumerate(places[:MAX_PROMPTS]):
        name = " ".join(place.split())[:60]
        if not name:
            continue
        shapes = (
            f"{plug} near {name}",
            f"free {second} near {name}",
            f"{plug} near {name}, open now",
            f"cheapest {plug} near {name}",
        )
        texts.append(shapes[index % len(shapes)])
    if places and len(texts) < MAX_PROMPTS:
        first = " ".join(places[0].split())[:60]
        for extra in (f"free {second} near {first}", f"cheapest {plug} near {first}"):
            if len(texts) < MAX_PROMPTS and extra not in texts:
                texts.append(extra)
    for generic in GENERIC_PROMPTS:
        if len(texts) >= MAX_PROMPTS:
            break
        text = generic if not connectors else generic.replace("CCS", plug, 1)
        if text not in texts:
            texts.append(text)
    return [
        {"title": truncate(escape_plain(t), 75), "message": truncate(escape_plain(t), 300)}
        for t in texts[:MAX_PROMPTS]
    ]


def searching_status(place: str | None) -> str:
    """ "Searching near Union Station…", or "Searching…" when the text names no place."""
    if place and place.strip():
        return truncate(escape_plain(f"Searching near {' '.join(place.split())}…"), 80)
    return "Searching…"
