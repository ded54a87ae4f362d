import newsprism


def test_public_api_is_exactly_all():
    public = {name for name in dir(newsprism) if not name.startswith("_")}
    modules = {"cli", "config", "corpus", "engines", "errors", "ids", "ingest", "model", "models", "nlp", "pipeline", "report", "stages", "store", "web"}
    assert public - modules == set(newsprism.__all__) - {"__version__"}
    for name in newsprism.__all__:
        assert getattr(newsprism, name) is not None


def test_every_error_is_a_newsprism_error():
    for name in newsprism.__all__:
        obj = getattr(newsprism, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, newsprism.NewsprismError)


def test_library_is_quiet(tmp_path, seed_paths, capsys):
    with newsprism.open_store(f"sqlite:///{tmp_path / 'q.db'}") as store:
        newsprism.analyze([str(seed_paths["000"])], store)
        newsprism.export(store, tmp_path / "q.json")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")
