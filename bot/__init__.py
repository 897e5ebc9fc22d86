"""ChargeBot: finds EV charging stations from Slack and the terminal."""

__version__ = "0.1.0"
