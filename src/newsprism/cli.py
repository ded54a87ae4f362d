"""The ``newsprism`` command: thin commands over the library. Progress bars live here only.

Exit codes: 0 success (``analyze``: at least one article is in the store from these
inputs); 1 ``analyze`` read no article at all; 2 usage errors; 3 a newsprism error (bad
database URL, bad setting, unwritable output, ``--strict`` stopping at a bad input).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .config import DEFAULT_DB, load_settings
from .errors import NewsprismError, StrictModeError
from .model import Failure

EXIT_NOTHING_READ = 1
EXIT_ERROR = 3

err = Console(stderr=True, soft_wrap=True)
out = Console()

_db_option = click.option("--db", metavar="URL", default=None, help=f"Database URL or SQLite path [default: {DEFAULT_DB}].")
_json_option = click.option("--json", "as_json", is_flag=True, help="Print a machine-readable JSON summary on stdout.")
_config_option = click.option("--config", type=click.Path(dir_okay=False), default=None, help="Settings file [default: ./newsprism.toml if present].")


def _fail(exc: NewsprismError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


def _read_store(db: str | None, config: str | None, read):  # type: ignore[no-untyped-def]
    """Open an existing store, call ``read(store)``, close it; errors exit with one line."""
    from .store import open_store

    try:
        settings = load_settings(config, db=db)
        with open_store(settings.db, create=False) as store:
            return settings, read(store)
    except NewsprismError as exc:
        _fail(exc)


def _failure_table(failures: list[Failure], title: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("source", overflow="fold")
    table.add_column("record", overflow="fold")
    table.add_column("stage")
    table.add_column("reason", overflow="fold")
    for f in failures:
        table.add_row(f.source, f.record or "", f.stage, f.reason)
    return table


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsprism")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def main(verbose: int) -> None:
    """newsprism: see one news story through every outlet."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@_json_option
@_config_option
@click.option("--strict", is_flag=True, default=None, help="Stop at the first input that cannot be read.")
@click.option("--max-size", "max_bytes", type=int, default=None, help="Largest file to read, in bytes [default: 20000000].")
@click.option("--processes", "-p", type=int, default=None, help="Worker processes for per-article stages [default: 1].")
@click.option("--batch-size", type=int, default=None, help="Articles written per transaction [default: 64].")
@click.option("--engine", type=click.Choice(["local", "ray"]), default=None,
              help="Where per-article stages run: this machine's processes, or Ray actors [default: local].")
@click.option("--address", "ray_address", default=None, metavar="ADDR",
              help="Ray cluster to join (with --engine ray) [default: start a local Ray].")
@click.option("--tagger-precision", type=click.Choice(["fp32", "int8"]), default=None,
              help="The attribution tagger's arithmetic: int8 is about 1.6x faster on CPUs with VNNI and about "
                   "half a point of quote F1 less accurate [default: fp32].")
def analyze(paths: tuple[str, ...], db: str | None, as_json: bool, config: str | None, strict: bool | None,
            max_bytes: int | None, processes: int | None, batch_size: int | None, engine: str | None,
            ray_address: str | None, tagger_precision: str | None) -> None:
    """Read PATHS (files, folders, - for stdin), analyse every article, store the results.

    Formats: .txt, .html/.htm, .warc/.warc.gz, RSS/Atom (.rss/.atom/.xml), .jsonl, .json,
    .csv; others are recognised by their content. Inputs that cannot be read are recorded
    as failures and shown at the end; the rest is analysed.
    """
    from .pipeline import analyze_paths
    from .store import open_store

    try:
        settings = load_settings(config, db=db, strict=strict, max_bytes=max_bytes, processes=processes, batch_size=batch_size,
                                 engine=engine, ray_address=ray_address, tagger_precision=tagger_precision)
        store = open_store(settings.db)
    except NewsprismError as exc:
        _fail(exc)
    show_bar = not as_json and err.is_terminal
    try:
        with store, Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.fields[source]}", style="dim"), console=err, disable=not show_bar, transient=True,
        ) as bar:
            task = bar.add_task("analysing", total=None, source="")
            # The corpus passes run after the last file (minutes on a large store): a bar
            # of their own, naming the one running, shown and timed from the first pass.
            passes = bar.add_task("corpus passes", total=None, source="", visible=False, start=False)

            def progress(done: int, total: int, source: str) -> None:
                bar.update(task, completed=done, total=total, source=source[-60:])

            def pass_progress(name: str, position: int, total: int) -> None:
                bar.start_task(passes)
                bar.update(passes, completed=position, total=total, source=name, visible=True)

            summary = analyze_paths(paths, store, settings, progress=progress, pass_progress=pass_progress)
    except StrictModeError as exc:
        if as_json:
            click.echo(json.dumps({"error": str(exc), "failure": _failure_dict(exc.failure)}))
        _fail(exc)
    except NewsprismError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps({"db": settings.db, **summary.as_dict()}, indent=2))
    else:
        err.print(
            f"[bold]{summary.analysed}[/] article(s) in the store from {summary.inputs} input(s): "
            f"{summary.new} new, {summary.unchanged} already there"
            + (f", {summary.new_versions} new version(s) of known URLs" if summary.new_versions else "")
            + f"; {len(summary.failures)} failure(s); {summary.seconds:.1f}s. Database: {settings.db}"
            + (f"\nFound {summary.extra['quotes']} quote(s); " + _corpus_line(summary.extra) if "quotes" in summary.extra else ""),
            highlight=False,
        )
        if summary.failures:
            err.print(_failure_table(list(summary.failures), "Could not be read"))
    if summary.analysed == 0:
        sys.exit(EXIT_NOTHING_READ)


def _corpus_line(extra: dict[str, Any]) -> str:
    """What the corpus passes found, or that none ran (no article was new or changed)."""
    corpus = extra.get("corpus")
    if not corpus:
        return "corpus passes not run: no new or changed article"
    return "corpus: " + ", ".join(f"{v} {k}" for k, v in corpus.items())


def _failure_dict(f: Failure) -> dict[str, Any]:
    return {"source": f.source, "record": f.record, "stage": f.stage, "reason": f.reason}


@main.command("export")
@_db_option
@_config_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "parquet"]), default="json", show_default=True)
@click.option("--out", "-o", default=None, help="Output file (JSON; - for stdout) or folder (CSV, Parquet) [default: newsprism-export.json / newsprism-export/].")
@_json_option
def export_command(db: str | None, config: str | None, fmt: str, out: str | None, as_json: bool) -> None:
    """Export everything found, as the v1 JSON contract or as CSV/Parquet tables."""
    from .export import export

    target = out or ("newsprism-export.json" if fmt == "json" else "newsprism-export")

    def write(store):  # type: ignore[no-untyped-def]
        return export(store, target, fmt), {t: store.count(t) for t in ("articles", "sentences", "failures")}

    _settings, (written, counts) = _read_store(db, config, write)
    if as_json:
        click.echo(json.dumps({"format": fmt, "files": [str(p) for p in written], **counts}, indent=2))
    elif target != "-":
        err.print(f"wrote {fmt} export of {counts['articles']} article(s) to {', '.join(str(p) for p in written) if len(written) < 4 else target}", highlight=False)


@main.command()
@_db_option
@_config_option
@click.option("--out", "-o", default="newsprism-report", show_default=True, help="Folder to write the pages into.")
@_json_option
def report(db: str | None, config: str | None, out: str, as_json: bool) -> None:
    """Write every page of the web app as static HTML (and JSON) files into a folder."""
    from .report import write_report

    show_bar = not as_json and err.is_terminal

    def write(store):  # type: ignore[no-untyped-def]
        with Progress(TextColumn("[bold]writing pages"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=not show_bar, transient=True) as bar:
            task = bar.add_task("pages", total=None)
            return write_report(store, out, progress=lambda done, total: bar.update(task, completed=done, total=total))

    _settings, summary = _read_store(db, config, write)
    if as_json:
        click.echo(json.dumps(summary, indent=2))
    else:
        err.print(f"wrote {sum(summary['pages'].values())} page(s) to {summary['out']}/ "
                  f"({', '.join(f'{n} {k}' for k, n in summary['pages'].items())}); open {summary['out']}/index.html",
                  highlight=False)


@main.command()
@_db_option
@_config_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Server processes.")
def serve(db: str | None, config: str | None, host: str, port: int, workers: int) -> None:
    """Open the local web app over the store (read-only): stories, events, quotes, outlets."""
    import os

    import uvicorn

    from .store import open_store
    from .web.app import LOOPBACK_NAMES, create_app, is_loopback

    try:
        settings = load_settings(config, db=db)
        store = open_store(settings.db, create=False)  # fails here, with one line, if there is no store
    except NewsprismError as exc:
        _fail(exc)
    if not is_loopback(host):
        err.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach this address can read the store", highlight=False)
    hosts = LOOPBACK_NAMES if is_loopback(host) else None
    shown = f"[{host}]" if ":" in host else host
    err.print(f"newsprism is serving {settings.db} at http://{shown}:{port}/ (Ctrl-C stops it)", highlight=False)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning", "access_log": False}
    try:
        if workers == 1:
            uvicorn.run(create_app(store, allowed_hosts=hosts), **options)
        else:  # each worker process opens the store itself
            os.environ["NEWSPRISM_SERVE_DB"] = settings.db
            os.environ["NEWSPRISM_SERVE_HOSTS"] = ",".join(hosts or [])
            uvicorn.run("newsprism.web.app:app_from_environment", factory=True, workers=workers, **options)
    finally:
        store.close()


@main.command()
@_db_option
@_config_option
@_json_option
def failures(db: str | None, config: str | None, as_json: bool) -> None:
    """List the inputs that could not be read or analysed, and why."""
    _settings, found = _read_store(db, config, lambda store: store.failures())
    if as_json:
        click.echo(json.dumps([_failure_dict(f) for f in found], indent=2, ensure_ascii=False))
    elif found:
        out.print(_failure_table(found, f"{len(found)} failure(s)"))
    else:
        err.print("no failures recorded")


@main.command()
@_db_option
@_config_option
@_json_option
def info(db: str | None, config: str | None, as_json: bool) -> None:
    """Show what the store holds: counts, outlets, languages, runs."""
    settings, stats = _read_store(db, config, lambda store: store.stats())
    if as_json:
        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"newsprism store {settings.db}", title_justify="left", show_header=False)
    for key, value in stats.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        table.add_row(key, str(value))
    out.print(table)


if __name__ == "__main__":  # pragma: no cover
    main()
