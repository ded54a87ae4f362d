"""The local engine: per-article work in this process, or in a pool of processes."""

from __future__ import annotations

import logging
import os
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Iterable, Iterator

from ..config import Settings
from ..ingest import InputFile, read_input
from ..ingest.article import NotAnArticle, build_article
from ..model import Analysis, Article, Failure
from ..stages import Stage, build_stages, run_stages

__all__ = ["LocalEngine", "read_articles", "analyse_articles"]

logger = logging.getLogger(__name__)

_WORKER_STAGES: list[Stage] | None = None

#: Chunks of each batch per worker process: 2 balances long and short articles across
#: the workers while each chunk stays large enough for the stages' own batching.
CHUNKS_PER_PROCESS = 2


def read_articles(item: InputFile, max_bytes: int) -> list[Article | Failure]:
    """Read one input and build its articles (normalised text, metadata, id)."""
    out: list[Article | Failure] = []
    for found in read_input(item, max_bytes=max_bytes):
        if isinstance(found, Failure):
            out.append(found)
            continue
        try:
            out.append(build_article(found))
        except NotAnArticle as exc:
            out.append(Failure(item.source, str(exc), record=found.record))
    return out


def analyse_articles(stages: list[Stage], articles: list[Article]) -> list[Analysis | Failure]:
    """Run the stages on a batch; an article a stage fails on becomes a failure alone."""
    analyses = [Analysis(article) for article in articles]
    try:
        return list(run_stages(stages, analyses))
    except Exception:  # noqa: BLE001 - isolate the article at fault, keep the batch
        logger.debug("a stage failed on a batch of %d; retrying one by one", len(articles))
    out: list[Analysis | Failure] = []
    for analysis in analyses:
        try:
            out.extend(run_stages(stages, [analysis]))
        except Exception as exc:  # noqa: BLE001
            logger.exception("stage failed on %s", analysis.article.source)
            record = analysis.article.source.partition("#")[2] or None
            out.append(Failure(analysis.article.source.partition("#")[0], f"analysis failed: {type(exc).__name__}: {exc}", "analyze", record))
    return out


def worker_threads(processes: int) -> int:
    """Threads for each of ``processes`` workers' models: this machine's cores shared out
    (the workers' ONNX Runtime sessions on 2 threads each would fight for 2 cores)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores // max(1, processes))


def _init_worker(settings: Settings) -> None:
    global _WORKER_STAGES
    # torch reads it when first imported (the models' ONNX Runtime sessions take torch's
    # thread count); a spawned worker has not imported it yet, and a run that reads only
    # known articles never does.
    threads = worker_threads(settings.processes)
    os.environ["OMP_NUM_THREADS"] = str(threads)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)
    _WORKER_STAGES = build_stages(settings)


def _worker_read(args: tuple[InputFile, int]) -> list[Article | Failure]:
    return read_articles(*args)


def _worker_analyse(articles: list[Article]) -> list[Analysis | Failure]:
    assert _WORKER_STAGES is not None
    return analyse_articles(_WORKER_STAGES, articles)


def _gathered(batch: Any, futures: list[Future[list[Analysis | Failure]]]) -> tuple[Any, list[Analysis | Failure]]:
    return batch, [r for f in futures for r in f.result()]


class LocalEngine:
    """Runs the per-article work of a pipeline on this machine.

    With ``settings.processes == 1`` everything runs in this process; with more, reading
    and the stages run in a process pool whose workers load the models once each.
    """

    name = "local"

    def __init__(self, settings: Settings):
        self.settings = settings
        self._stages: list[Stage] | None = None
        self._pool: ProcessPoolExecutor | None = None
        if settings.processes > 1:
            import multiprocessing

            self._pool = ProcessPoolExecutor(
                settings.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(settings,),
            )

    def read(self, items: Iterable[InputFile]) -> Iterator[tuple[InputFile, list[Article | Failure]]]:
        """Read inputs, yielding each with what it held, in input order."""
        items = list(items)
        if self._pool is None:
            for item in items:
                yield item, read_articles(item, self.settings.max_bytes)
            return
        jobs = ((item, self.settings.max_bytes) for item in items)
        yield from zip(items, self._pool.map(_worker_read, jobs, chunksize=4))

    def _in_process(self, articles: list[Article]) -> list[Analysis | Failure]:
        if self._stages is None:
            self._stages = build_stages(self.settings)
        return analyse_articles(self._stages, articles)

    def _submit(self, articles: list[Article]) -> list[Future[list[Analysis | Failure]]]:
        """The batch's articles sent to the workers in CHUNKS_PER_PROCESS chunks per
        process, so that a chunk of long articles does not leave the other workers idle."""
        assert self._pool is not None
        size = max(1, -(-len(articles) // (self.settings.processes * CHUNKS_PER_PROCESS)))
        return [self._pool.submit(_worker_analyse, articles[i : i + size]) for i in range(0, len(articles), size)]

    def analyse_batches(self, batches: Iterable[Any]) -> Iterator[tuple[Any, list[Analysis | Failure]]]:
        """Each batch (anything with ``.articles``) with its analyses, in order. With worker
        processes the next batch is already being analysed while the caller writes this
        one to the store (one batch ahead: the workers never wait for the writes)."""
        if self._pool is None:
            for batch in batches:
                yield batch, (self._in_process(batch.articles) if batch.articles else [])
            return
        ahead: deque[tuple[Any, list[Future[list[Analysis | Failure]]]]] = deque()
        for batch in batches:
            ahead.append((batch, self._submit(batch.articles)))
            if len(ahead) > 1:
                yield _gathered(*ahead.popleft())
        while ahead:
            yield _gathered(*ahead.popleft())

    def corpus_runner(self) -> None:
        """The reuse pass runs its own worker processes (``settings.processes``)."""
        return None

    def release(self) -> None:
        """Stop the stage workers (the corpus passes need none of their models)."""
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
