"""Open Charge Map as a source of the index: its name there and the credit its data needs.

Apart from :mod:`bot.ocm.mapping` so that reading the index (every search credits OCM
on its locations) does not load the mapping and its reference tables.
"""

from __future__ import annotations

from typing import Final

SOURCE: Final = "ocm"
#: The credit every OCM record carries (OCM's data licence).
OCM_CREDIT: Final = "Open Charge Map contributors, CC BY-SA 4.0"
#: The credit as an answer shows it: CC BY-SA asks for a link to the licence.
OCM_CREDIT_LINKED: Final = f"{OCM_CREDIT} (https://creativecommons.org/licenses/by-sa/4.0/)"
