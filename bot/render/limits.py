"""Slack's Block Kit limits, and the smaller caps ChargeBot sets itself for readability.

Slack rejects a message (``invalid_blocks``) that exceeds any of the first group,
so every renderer cuts or drops content to stay within them whatever the data.
Source: Slack's Block Kit reference (blocks, block elements, composition objects,
views) as of 2025.
"""

from __future__ import annotations

# --- Slack's hard limits ---
MESSAGE_BLOCKS = 50
MODAL_BLOCKS = 100
SECTION_TEXT = 3000
SECTION_FIELDS = 10
FIELD_TEXT = 2000
HEADER_TEXT = 150
#: Any text object (context elements included) outside sections.
TEXT_OBJECT = 3000
CONTEXT_ELEMENTS = 10
ACTIONS_ELEMENTS = 25
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
BLOCK_ID = 255
ACTION_ID = 255
URL = 3000
ALT_TEXT = 2000
OPTION_TEXT = 75
MODAL_TITLE = 24
MODAL_BUTTON = 24
#: Slack truncates a message's top-level ``text`` at 40,000 characters; notifications show
#: far less, so the fallback is kept short.
MESSAGE_TEXT = 3000

# --- ChargeBot's own display caps (characters, after escaping) ---
NAME = 150
ADDRESS = 300
LINE = 400
NETWORK = 80
COST_DESCRIPTION = 200
HOURS = 100
COMMENT = 160
COMMENT_FULL = 1500
FIRST_NAME = 40
NOTE = 300
PLACE = 120
DESCRIPTION = 500
#: A link inside mrkdwn text counts against the section's 3,000 characters.
INLINE_URL = 1000
#: Check-ins shown on a card.
CARD_CHECKINS = 3
