"""The Ray engine: the per-article stages as Ray Data ``map_batches`` over a pool of actors,
each loading the models once.

``newsprism analyze … --engine ray [--address ADDR]``: without an address it starts a local
Ray on this machine (``settings.processes`` CPUs) and stops it at the end; with one it
joins that cluster and leaves it running. ``settings.processes`` actors run the stages.

The driver reads the inputs (so paths and stdin on the driver's machine work on a cluster
whose workers cannot see them) and writes the store, as the local engine does: the store
sees the same batches, in the same order, and the export is the same. What the driver
reads goes to Ray in windows of up to :data:`WINDOW` articles, each one dataset executed
once: ``from_items`` of the pickled articles, then ``map_batches`` with an actor pool
whose actors build the stages when they start (once per window, which on a window of
thousands of articles is a small part of it). The results come back tagged with their
position, so the driver writes them in input order whatever order the actors finish in.

The corpus passes run in the driver as with the local engine, except the reuse pass's
heavy units on a large store (the fingerprints of each batch of articles, the parts
of the shingle index and the LSH bands, cut as a shuffle once the index outgrows one part,
and the alignments of each block of candidate pairs): those run as Ray tasks
(:class:`RayTasks`), their inputs sent from the driver, with the same result.
"""

from __future__ import annotations

import logging
import pickle
from collections import deque
from typing import Any, Callable, Iterable, Iterator

import numpy as np

from ..config import Settings
from ..errors import ConfigError
from ..ingest import InputFile
from ..model import Analysis, Article, Failure
from ..stages import build_stages
from .local import analyse_articles, read_articles

__all__ = ["RayEngine", "RayTasks", "WINDOW"]

logger = logging.getLogger(__name__)

# Articles per Ray Data execution: the driver holds a window's articles and results.
WINDOW = 4096
# Articles per ``map_batches`` batch, at most (fewer when a window is small, so that every
# actor gets some).
CHUNK = 32


class _Analyser:
    """The callable class ``map_batches`` runs on each actor: the stages, built once from
    the class's ``settings`` (bound by :func:`_analyser`)."""

    settings: Settings

    def __init__(self) -> None:
        self.stages = build_stages(self.settings)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        articles = [pickle.loads(blob) for blob in batch["article"]]
        results = analyse_articles(self.stages, articles)
        return {"i": batch["i"], "result": np.array([pickle.dumps(r, protocol=5) for r in results], dtype=object)}


def _analyser(settings: Settings) -> type[_Analyser]:
    """``_Analyser`` with ``settings`` bound: the settings travel with the class's
    definition, not as constructor arguments. (Ray 2.60 still logs, once per actor, that
    Ray Data's own actor arguments sit in the object store: ray-project/ray#57733.)"""
    return type("Analyser", (_Analyser,), {"settings": settings, "__module__": __name__})


class RayTasks:
    """Runs work units as Ray tasks (one CPU each), at most two per actor slot in flight,
    yielding the results in submission order: a drop-in for the reuse pass's
    :class:`~newsprism.corpus.reuse_work.Runner`. Ray is started on the first unit."""

    def __init__(self, engine: RayEngine):
        self.engine = engine
        self._remote: dict[Callable[..., Any], Any] = {}

    def map(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        ray = self.engine._ray
        pending: deque[Any] = deque()
        limit = 2 * max(1, self.engine.settings.processes)
        for job in jobs:
            if not self.engine._ready:
                self.engine.start()
            if fn not in self._remote:
                self._remote[fn] = ray.remote(num_cpus=1)(fn)
            pending.append(self._remote[fn].remote(*job))
            if len(pending) >= limit:
                yield ray.get(pending.popleft())
        while pending:
            yield ray.get(pending.popleft())

    def close(self) -> None:
        """Nothing to close: the engine stops Ray."""

    def __enter__(self) -> RayTasks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class RayEngine:
    """Runs the per-article stages on Ray Data (``settings.processes`` actors)."""

    name = "ray"

    def __init__(self, settings: Settings, window: int | None = None):
        try:
            import ray
            import ray.data  # noqa: F401 - ray[data]: pandas and pyarrow
        except ImportError:
            raise ConfigError("the Ray engine needs Ray Data: pip install 'newsprism[ray]' (or use --engine local)") from None
        self.settings = settings
        self.window = window or WINDOW
        self._ray = ray
        self._started = False
        self._ready = False

    def start(self) -> None:
        """Join or start Ray (done on the first window with something to analyse, so a
        run that finds nothing new costs no Ray start-up)."""
        ray = self._ray
        settings = self.settings
        if not ray.is_initialized():
            # Quiet: Ray's notices (its start, token authentication) stay in its session logs.
            options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.ERROR, "log_to_driver": False}
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
        self._ready = True
        logger.info("Ray engine: %d actor(s) on %s", settings.processes, settings.ray_address or "a local Ray")

    def read(self, items: Iterable[InputFile]) -> Iterator[tuple[InputFile, list[Article | Failure]]]:
        """Read inputs in this process (reading is fast; the stages are what Ray is for)."""
        for item in items:
            yield item, read_articles(item, self.settings.max_bytes)

    def _results(self, articles: list[Article]) -> Iterator[tuple[int, Analysis | Failure]]:
        """``(position, analysis)`` of every article, as the actors finish them."""
        if not articles:
            return
        if not self._ready:
            self.start()
        ray = self._ray
        actors = max(1, self.settings.processes)
        chunk = max(1, min(CHUNK, -(-len(articles) // actors)))
        blocks = -(-len(articles) // chunk)
        rows = [{"i": i, "article": pickle.dumps(a, protocol=5)} for i, a in enumerate(articles)]
        ctx = ray.data.DataContext.get_current()
        quiet = {"enable_progress_bars": False, "enable_operator_progress_bars": False,
                 "print_on_execution_start": False, "enable_auto_log_stats": False}
        before = {k: getattr(ctx, k) for k in quiet}
        data_logger = logging.getLogger("ray.data")
        level = data_logger.level
        # The library is quiet: no progress bars, banners or stats of Ray Data's on the console.
        for k, v in quiet.items():
            setattr(ctx, k, v)
        data_logger.setLevel(max(level, logging.ERROR))
        seen = 0
        try:
            ds = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
                _analyser(self.settings),
                batch_size=chunk,
                batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(size=min(actors, blocks)),
                num_cpus=1,
            )
            for row in ds.iter_rows():
                seen += 1
                yield int(row["i"]), pickle.loads(row["result"])
        finally:
            for k, v in before.items():
                setattr(ctx, k, v)
            data_logger.setLevel(level)
        if seen != len(articles):  # never write a partial window as if it were whole
            raise RuntimeError(f"the Ray engine returned {seen} result(s) for {len(articles)} article(s)")

    def analyse_batches(self, batches: Iterable[Any]) -> Iterator[tuple[Any, list[Analysis | Failure]]]:
        """Each batch with its analyses, in order: batches are gathered into windows of up
        to ``self.window`` articles, each window analysed in one execution, and each batch
        handed back as soon as all of its articles are done."""
        window: list[Any] = []
        size = 0
        for batch in batches:
            window.append(batch)
            size += len(batch.articles)
            if size >= self.window:
                yield from self._window(window)
                window, size = [], 0
        yield from self._window(window)

    def _window(self, window: list[Any]) -> Iterator[tuple[Any, list[Analysis | Failure]]]:
        """The window's batches in order, each once all of its articles are done (a batch
        with nothing to analyse at once: Ray starts only when an article needs it)."""
        stream = self._results([a for batch in window for a in batch.articles])
        results: dict[int, Analysis | Failure] = {}
        start = 0
        for batch in window:
            end = start + len(batch.articles)
            while any(i not in results for i in range(start, end)):
                i, result = next(stream)  # raises, naming the shortfall, if Ray returned too few
                results[i] = result
            yield batch, [results.pop(i) for i in range(start, end)]
            start = end
        for _ in stream:  # nothing is left; this runs its checks and restores Ray Data's context
            raise RuntimeError("the Ray engine returned more results than articles")

    def corpus_runner(self) -> RayTasks:
        """What the reuse pass runs its fingerprints and alignments on: Ray tasks."""
        return RayTasks(self)

    def release(self) -> None:
        """Nothing to release: a window's actors end with its execution."""

    def close(self) -> None:
        self._ready = False
        if self._started:
            self._ray.shutdown()
            self._started = False
