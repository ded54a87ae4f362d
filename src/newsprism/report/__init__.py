"""The report: page contexts (store -> plain data), rendered by Jinja2 templates as a
static site (:func:`write_report`) or served live by :mod:`newsprism.web`."""

from .pages import PageNotFound
from .site import write_report

__all__ = ["PageNotFound", "write_report"]
