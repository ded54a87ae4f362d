"""The Ray engine: per-article stages on a pool of Ray actors, each loading the models once.

``newsprism analyze … --engine ray [--address ADDR]``: without an address it starts a local
Ray on this machine (``settings.processes`` CPUs) and stops it at the end; with one it
joins that cluster and leaves it running. The driver reads the inputs and writes the store,
as the local engine does, so the store sees the same batches, in the same order, and the
export is the same.

The actors live for the whole run and take the articles of each batch in chunks. (Ray
Data's ``map_batches`` with an actor pool starts its actors anew for every execution,
which here would mean loading spaCy and the attribution tagger again for each batch.)
"""

from __future__ import annotations

import logging
from typing import Any, Iterable, Iterator

from ..config import Settings
from ..errors import ConfigError
from ..ingest import InputFile
from ..model import Analysis, Article, Failure
from ..stages import build_stages
from .local import analyse_articles, read_articles

__all__ = ["RayEngine"]

logger = logging.getLogger(__name__)


class _Analyser:
    """One Ray actor: the stages, built once."""

    def __init__(self, settings: Settings):
        self.stages = build_stages(settings)

    def analyse(self, articles: list[Article]) -> list[Analysis | Failure]:
        return analyse_articles(self.stages, articles)


class RayEngine:
    """Runs the per-article stages on Ray actors (``settings.processes`` of them)."""

    name = "ray"

    def __init__(self, settings: Settings):
        try:
            import ray
            from ray.util import ActorPool
        except ImportError:
            raise ConfigError("the Ray engine needs Ray: pip install 'newsprism[ray]' (or use --engine local)") from None
        self.settings = settings
        self._ray = ray
        self._pool_class = ActorPool
        self._started = False
        self._actors: list[Any] = []
        self._pool: Any = None

    def _start(self) -> None:
        """Join or start Ray and start the actors: on the first batch with something to
        analyse, so a run that finds nothing new costs no Ray start-up."""
        ray = self._ray
        settings = self.settings
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING, "log_to_driver": False}
            if settings.ray_address:
                options["address"] = settings.ray_address
            else:
                options["num_cpus"] = settings.processes
            try:
                ray.init(**options)
            except (ConnectionError, ValueError, RuntimeError) as exc:
                where = settings.ray_address or "a local Ray"
                raise ConfigError(f"cannot start the Ray engine on {where}: {exc}") from None
            self._started = True
        actor = ray.remote(num_cpus=1)(_Analyser)
        self._actors = [actor.remote(settings) for _ in range(settings.processes)]
        self._pool = self._pool_class(self._actors)
        logger.info("Ray engine: %d actor(s) on %s", len(self._actors), settings.ray_address or "a local Ray")

    def read(self, items: Iterable[InputFile]) -> Iterator[tuple[InputFile, list[Article | Failure]]]:
        """Read inputs in this process (reading is fast; the stages are what Ray is for)."""
        for item in items:
            yield item, read_articles(item, self.settings.max_bytes)

    def analyse(self, articles: list[Article]) -> list[Analysis | Failure]:
        """The batch's analyses in input order, its chunks analysed in parallel."""
        if self._pool is None:
            self._start()
        size = max(1, -(-len(articles) // len(self._actors)))
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        out: list[Analysis | Failure] = []
        for part in self._pool.map(lambda a, chunk: a.analyse.remote(chunk), chunks):
            out.extend(part)
        return out

    def close(self) -> None:
        for a in self._actors:
            self._ray.kill(a)
        self._actors, self._pool = [], None
        if self._started:
            self._ray.shutdown()
            self._started = False
