"""newsprism: see one news story through every outlet.

The public API::

    import newsprism
    with newsprism.open_store("sqlite:///corpus.db") as store:
        summary = newsprism.analyze(["articles/"], store)
        newsprism.export(store, "corpus.json")
"""

__version__ = "0.1.0"

from .config import Settings, load_settings  # noqa: E402
from .errors import (  # noqa: E402
    ConfigError,
    ExportError,
    InputError,
    ModelNotFoundError,
    NewsprismError,
    SchemaError,
    StoreError,
    StrictModeError,
)
from .export import build_document, export  # noqa: E402
from .model import Analysis, Article, Failure, RawArticle, RunSummary, Sentence, Span  # noqa: E402
from .pipeline import analyze_paths as analyze  # noqa: E402
from .store import Store, open_store  # noqa: E402

__all__ = [
    "__version__",
    "analyze",
    "open_store",
    "export",
    "build_document",
    "load_settings",
    "Settings",
    "Store",
    "Article",
    "RawArticle",
    "Analysis",
    "Sentence",
    "Span",
    "Failure",
    "RunSummary",
    "NewsprismError",
    "ConfigError",
    "StoreError",
    "SchemaError",
    "InputError",
    "StrictModeError",
    "ModelNotFoundError",
    "ExportError",
]
