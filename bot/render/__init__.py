"""Answer -> Block Kit messages and terminal text. Renderers never fetch."""
