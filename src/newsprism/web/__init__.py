"""The local web app over a store: ``newsprism serve``."""

from .app import create_app

__all__ = ["create_app"]
