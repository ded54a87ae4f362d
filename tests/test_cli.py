import json

import pytest
from click.testing import CliRunner

from newsprism import __version__
from newsprism.cli import EXIT_ERROR, EXIT_NOTHING_READ, main


@pytest.fixture
def runner():
    return CliRunner()


def test_analyze_export_failures_info(runner, tmp_path, seeds_dir):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    (tmp_path / "bad.txt").write_bytes(b"")
    result = runner.invoke(main, ["analyze", str(seeds_dir), str(tmp_path / "bad.txt"), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["inputs"], summary["articles_new"], summary["articles_unchanged"]) == (6, 5, 0)
    assert summary["failures"] == [{"source": str(tmp_path / "bad.txt"), "record": None, "stage": "read", "reason": "empty file"}]

    again = json.loads(runner.invoke(main, ["analyze", str(seeds_dir), "--db", db, "--json"]).stdout)
    assert (again["articles_new"], again["articles_unchanged"]) == (0, 5)

    out = tmp_path / "corpus.json"
    result = runner.invoke(main, ["export", "--db", db, "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 5
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == 5

    result = runner.invoke(main, ["export", "--db", db, "--format", "csv", "--out", str(tmp_path / "csv")])
    assert result.exit_code == 0 and (tmp_path / "csv" / "articles.csv").is_file()

    result = runner.invoke(main, ["failures", "--db", db, "--json"])
    assert json.loads(result.stdout) == [{"source": str(tmp_path / "bad.txt"), "record": None, "stage": "read", "reason": "empty file"}]

    info = json.loads(runner.invoke(main, ["info", "--db", db, "--json"]).stdout)
    assert (info["articles"], info["failures"], info["runs"]) == (5, 1, 2)
    assert info["outlets"] == {"unknown": 2, "Islam Times": 1, "Mehr News Agency": 1, "Tasnim": 1}

    told = runner.invoke(main, ["analyze", str(seeds_dir), "--db", db]).stderr.splitlines()
    assert told[-1].endswith("; corpus passes not run: no new or changed article"), told  # not "corpus: " and nothing


def test_analyze_shows_the_files_then_the_corpus_passes_on_a_terminal(runner, tmp_path, seed_paths, monkeypatch):
    import io

    from rich.console import Console

    from newsprism import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=120))
    result = runner.invoke(main, ["analyze", str(seed_paths["002"]), "--db", f"sqlite:///{tmp_path / 't.db'}"])
    assert result.exit_code == 0, result.output
    shown = screen.getvalue()  # every frame the bars drew (they are erased when done)
    assert "analysing" in shown and "1/1" in shown
    assert "corpus passes" in shown and "5/5" in shown


def test_exit_code_when_nothing_was_analysed(runner, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(main, ["analyze", str(tmp_path / "empty.txt"), "--db", f"sqlite:///{tmp_path / 'n.db'}"])
    assert result.exit_code == EXIT_NOTHING_READ
    assert "empty file" in result.stderr


def test_strict_exit_code(runner, tmp_path, seed_paths):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(main, ["analyze", str(tmp_path / "empty.txt"), str(seed_paths["000"]), "--strict", "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert result.exit_code == EXIT_ERROR
    assert "empty.txt: empty file (stopped because strict mode is on)" in result.stderr


def test_stdin(runner, tmp_path):
    text = "Harbour Herald - The council met on Tuesday. It agreed to rebuild the quay."
    result = runner.invoke(main, ["analyze", "-", "--db", f"sqlite:///{tmp_path / 'i.db'}", "--json"], input=text)
    assert result.exit_code == 0, result.output
    out = runner.invoke(main, ["export", "--db", f"sqlite:///{tmp_path / 'i.db'}", "--out", "-"])
    article = json.loads(out.stdout)["articles"][0]
    assert (article["source"], article["outlet"], article["text"]) == ("-", "Harbour Herald", text)


def test_errors_are_one_clear_line(runner, tmp_path):
    result = runner.invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == EXIT_ERROR
    assert "no database at" in result.stderr
    result = runner.invoke(main, ["analyze", "x", "--db", "nosuch://x"])
    assert result.exit_code == EXIT_ERROR and "not a database URL" in result.stderr
    (tmp_path / "newsprism.toml").write_text("[newsprism]\nbatch_size = 0\n")
    result = runner.invoke(main, ["analyze", "x", "--config", str(tmp_path / "newsprism.toml")])
    assert result.exit_code == EXIT_ERROR and "batch_size must be positive" in result.stderr
    (tmp_path / "newsprism.toml").write_text('[newsprism]\ntagger_precision = "int4"\n')
    result = runner.invoke(main, ["analyze", "x", "--config", str(tmp_path / "newsprism.toml")])
    assert result.exit_code == EXIT_ERROR and "unknown tagger precision 'int4'; choose one of fp32, int8" in result.stderr


def test_config_file_sets_defaults_and_flags_win(tmp_path):
    from newsprism import load_settings

    path = tmp_path / "newsprism.toml"
    path.write_text('[newsprism]\ndb = "sqlite:///from-file.db"\nbatch_size = 8\n')
    settings = load_settings(path, batch_size=16)
    assert (settings.db, settings.batch_size, settings.max_bytes) == ("sqlite:///from-file.db", 16, 20_000_000)
    assert settings.tagger_precision == "fp32"
    assert load_settings(path, tagger_precision="int8").tagger_precision == "int8"


def test_version(runner):
    assert runner.invoke(main, ["--version"]).stdout.strip() == f"newsprism, version {__version__}"
