"""Shared fixtures: the real seeds, the example corpus, and stores on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", REPO.parent / "shared"))
EXAMPLES = REPO / "examples" / "corpus"
PG_URL = os.environ.get("NEWSPRISM_TEST_PG", "postgresql://127.0.0.1:5432/test")


@pytest.fixture(scope="session", autouse=True)
def _model_cache(tmp_path_factory) -> None:
    """The models' ONNX exports are kept in a folder of this session (and its subprocesses),
    not in the user's cache: every session exports them once, then loads the kept files."""
    from newsprism.models.onnx import CACHE_ENV

    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("model-cache"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set NEWSPRISM_SHARED to the folder holding seeds/ and bench/)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> dict[str, Path]:
    """Seed files by their number: '000' -> path."""
    return {p.name[:3]: p for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, seeds_dir: Path) -> str:
    """The URL of an SQLite store holding the five seeds, analysed once for the session
    (read it; don't write to it)."""
    import newsprism
    from newsprism import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'seeds.db'}"
    with open_store(url) as store:
        newsprism.analyze([str(seeds_dir)], store)
    return url


@pytest.fixture(scope="session")
def seeds_document(seeds_db: str) -> dict:
    """The export of the five seeds, analysed once for the whole session."""
    from newsprism import open_store
    from newsprism.export import build_document

    with open_store(seeds_db, create=False) as store:
        return build_document(store)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def _pg_reachable() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure means: skip with the reason
        return f"PostgreSQL not reachable at {PG_URL}: {exc}"


@pytest.fixture(scope="session")
def pg_base_url() -> str:
    reason = _pg_reachable()
    if reason:
        pytest.skip(reason)
    return PG_URL


@pytest.fixture
def pg_url(pg_base_url: str):
    """A PostgreSQL URL whose connections use a fresh schema, dropped afterwards."""
    import psycopg

    schema = f"np_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_base_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield f"{pg_base_url}?options=-csearch_path%3D{schema}"
    with psycopg.connect(pg_base_url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    """Every store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str):
    from newsprism import open_store

    with open_store(db_url) as s:
        yield s


@pytest.fixture
def analysed_text(tmp_path: Path):
    """``text -> store URL``: one text written to a file and analysed into a new SQLite store."""
    import newsprism

    def analyse(text: str) -> str:
        path = tmp_path / "article.txt"
        path.write_text(text, encoding="utf-8")
        url = f"sqlite:///{tmp_path / 'article.db'}"
        with newsprism.open_store(url) as store:
            newsprism.analyze([str(path)], store)
        return url

    return analyse
