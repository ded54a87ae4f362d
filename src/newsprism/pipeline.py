"""Runs an analysis: inputs -> articles -> per-article stages -> store, in batches.

The one place for batching, processes, the error policy and progress callbacks. Each batch
is written in one transaction; articles already in the store are not analysed again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import time
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .config import Settings
from .corpus import run_corpus_passes
from .engines.local import LocalEngine
from .errors import StrictModeError
from .ids import content_id
from .ingest import InputFile, iter_inputs
from .model import Analysis, Article, Failure, RunSummary
from .store import Store

__all__ = ["analyze_paths", "Progress", "PassProgress"]

logger = logging.getLogger(__name__)

# progress(done, total, source): called for each input file once its articles are written.
Progress = Callable[[int, int, str], None]
# pass_progress(name, position, total): called as each corpus pass that runs starts (its
# place among the ``total`` passes, from 0), then ("", total, total) when they are done.
PassProgress = Callable[[str, int, int], None]


def make_engine(settings: Settings) -> Any:
    """The engine ``settings.engine`` names, started (a LocalEngine or a RayEngine)."""
    if settings.engine == "ray":
        from .engines.ray import RayEngine

        return RayEngine(settings)
    return LocalEngine(settings)


@dataclasses.dataclass
class Batch:
    """What one store transaction writes: the articles to analyse (new to the store and
    first of their id in this run), the failures read with them, and the inputs whose
    last article is in it, as ``(done, source)`` for the progress callback."""

    articles: list[Article]
    failures: list[Failure]
    inputs: list[tuple[int, str]]
    # inputs read in full, without a failure, as (digest, source, article ids): recorded
    # once the batch is written, so a later run need not read them again
    read: list[tuple[str, str, list[str]]] = dataclasses.field(default_factory=list)


def input_digest(item: InputFile, settings: Settings) -> str | None:
    """What an input file is to reading: sha256 of newsprism's version, the settings
    reading uses, its path as given and its bytes (None for standard input, or a file
    that cannot be opened: reading it reports why). The same digest gives the same
    articles, so a file read before whose articles the store holds is not read again."""
    if item.source == "-":
        return None
    h = hashlib.sha256(f"{__version__}\x00{settings.max_bytes}\x00{item.source}\x00".encode("utf-8", "surrogatepass"))
    try:
        with open(item.source, "rb") as handle:
            while chunk := handle.read(1 << 20):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def analyze_paths(
    paths: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    pass_progress: PassProgress | None = None,
) -> RunSummary:
    """Read ``paths``, analyse every article not yet in ``store``, write it there.

    Bad inputs become failures (returned in the summary and recorded in the store); with
    ``settings.strict`` the first one raises :class:`~newsprism.errors.StrictModeError`
    after what was read before it has been written. ``progress`` hears of each input file
    once its articles are written, ``pass_progress`` of each corpus pass as it starts
    (see :data:`Progress` and :data:`PassProgress`).
    """
    settings = settings or Settings()
    started = dt.datetime.now(dt.timezone.utc)
    clock = time.perf_counter()
    run_id = content_id("run", started.isoformat(), time.perf_counter_ns())
    inputs: list[InputFile] = []
    failures: list[Failure] = []
    for item in iter_inputs(paths):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            inputs.append(item)
    unreadable_paths = len(failures)
    counts = {"read": 0, "new": 0, "unchanged": 0, "new_versions": 0}
    stopped: list[Failure] = []  # the failure strict mode stops at
    # Files read before, unchanged, whose every article the store holds: not read again.
    digests = {item.source: d for item in inputs if (d := input_digest(item, settings)) is not None}
    kept = store.read_inputs(digests.values()) if digests else {}
    present = store.existing_articles({a for ids in kept.values() for a in ids}) if kept else set()
    known = [item for item in inputs if digests.get(item.source) in kept
             and all(a in present for a in kept[digests[item.source]])]
    skip = {item.source for item in known}
    engine = make_engine(settings)

    def batches() -> Iterator[Batch]:
        """The inputs read into batches; in strict mode they end at the first failure."""
        pending: list[Article] = []
        pending_failures: list[Failure] = list(failures)
        done_inputs: list[tuple[int, str]] = []
        read: list[tuple[str, str, list[str]]] = []
        seen: set[str] = set()

        def cut() -> Batch:
            nonlocal pending, pending_failures, done_inputs, read
            stored = store.existing_articles([a.id for a in pending]) if pending else set()
            fresh = [a for a in pending if a.id not in stored]
            counts["unchanged"] += len(pending) - len(fresh)
            batch = Batch(fresh, pending_failures, done_inputs, read)
            pending, pending_failures, done_inputs, read = [], [], [], []
            return batch

        for done, item in enumerate(known, start=1):  # every article of these is in the store
            ids = kept[digests[item.source]]
            counts["read"] += len(ids)
            counts["unchanged"] += len(ids)
            seen.update(ids)
            done_inputs.append((done, item.source))

        if settings.strict and failures:
            stopped.append(failures[0])
            yield cut()
            return
        for done, (item, found) in enumerate(engine.read(i for i in inputs if i.source not in skip), start=len(known) + 1):
            for thing in found:
                if isinstance(thing, Failure):
                    failures.append(thing)
                    pending_failures.append(thing)
                    if settings.strict:
                        stopped.append(thing)
                        yield cut()
                        return
                    continue
                counts["read"] += 1
                if thing.id in seen:
                    counts["unchanged"] += 1
                    continue
                seen.add(thing.id)
                pending.append(thing)
            done_inputs.append((done, item.source))
            if item.source in digests and found and not any(isinstance(t, Failure) for t in found) \
                    and input_digest(item, settings) == digests[item.source]:  # not changed while it was read
                read.append((digests[item.source], item.source, [t.id for t in found]))  # type: ignore[union-attr]
            if len(pending) >= settings.batch_size:
                yield cut()
        yield cut()

    passes: dict[str, int] = {}
    try:
        for batch, results in engine.analyse_batches(batches()):
            analyses = [r for r in results if isinstance(r, Analysis)]
            stage_failures = [r for r in results if isinstance(r, Failure)]
            if analyses or batch.failures or stage_failures:
                counts["new_versions"] += store.write_batch(analyses, batch.failures + stage_failures)
            store.record_inputs(batch.read)
            counts["new"] += len(analyses)
            failures.extend(stage_failures)
            if progress is not None:
                for done, source in batch.inputs:
                    progress(done, len(inputs), source)
        if not stopped:
            engine.release()  # the stage workers and their models, before the corpus passes
            passes = run_corpus_passes(store, processes=settings.processes, runner=engine.corpus_runner(),
                                       progress=pass_progress)
    finally:
        engine.close()
    if stopped:
        raise StrictModeError(stopped[0])
    summary = RunSummary(
        run_id=run_id,
        inputs=len(inputs) + unreadable_paths,
        read=counts["read"],
        new=counts["new"],
        unchanged=counts["unchanged"],
        new_versions=counts["new_versions"],
        failures=tuple(failures),
        seconds=time.perf_counter() - clock,
        extra={"quotes": store.count("quotes"), **({"corpus": passes} if passes else {})},
    )
    store.record_run(summary, started, dataclasses.asdict(settings), __version__)
    return summary

