"""The NewsprismError tree. Each error names the value at fault and how to fix it."""

from __future__ import annotations

__all__ = [
    "NewsprismError",
    "ConfigError",
    "StoreError",
    "SchemaError",
    "InputError",
    "StrictModeError",
    "ModelNotFoundError",
    "ExportError",
]


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""


class ConfigError(NewsprismError):
    """A setting has a value newsprism cannot use."""


class StoreError(NewsprismError):
    """The database cannot be opened or written."""


class SchemaError(StoreError):
    """The database was written by a newer newsprism, or its schema is not ours."""


class InputError(NewsprismError):
    """An input path does not exist or cannot be read at all."""


class StrictModeError(NewsprismError):
    """Raised under ``strict=True`` at the first input that could not be read."""

    def __init__(self, failure):  # type: ignore[no-untyped-def]
        self.failure = failure
        super().__init__(f"{failure.describe()} (stopped because strict mode is on)")


class ModelNotFoundError(NewsprismError):
    """A model package is not installed."""


class ExportError(NewsprismError):
    """The export cannot be written where asked."""
