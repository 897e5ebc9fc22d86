"""Helpers shared by test folders: loopback servers and request builders (import as ``support``)."""
