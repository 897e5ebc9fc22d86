"""The Slack app: a Bolt app whose thin listeners call the one search pipeline.

``create_app`` (``bot/slack/app.py``) builds it; ``bot/slack/server.py`` serves it
over HTTP or Socket Mode; ``bot/slack/listeners/`` holds one module per surface.
"""
