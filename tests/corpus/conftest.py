import shutil

import pytest

from newsprism import open_store


@pytest.fixture
def seeds_copy(seeds_db, tmp_path):
    """A writable copy of the analysed seeds' store."""
    path = tmp_path / "seeds.db"
    shutil.copy(seeds_db.removeprefix("sqlite:///"), path)
    with open_store(f"sqlite:///{path}") as store:
        yield store
