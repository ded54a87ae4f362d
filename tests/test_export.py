import csv
import datetime as dt
import json

import jsonschema
import pyarrow.parquet as pq
import pytest

import newsprism
from newsprism import ExportError, open_store
from newsprism.export import CONTRACT_KEYS, build_document, export
from newsprism.export.tables import TABLES


@pytest.fixture(scope="module")
def contract_schema(shared_dir):
    return json.loads((shared_dir / "contract" / "export.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def seeds_db(tmp_path, seeds_dir):
    store = open_store(f"sqlite:///{tmp_path / 'e.db'}")
    newsprism.analyze([str(seeds_dir)], store)
    yield store
    store.close()


def test_json_export_follows_the_contract(seeds_db, contract_schema, tmp_path):
    out = tmp_path / "corpus.json"
    assert export(seeds_db, out) == [out]
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, contract_schema)
    assert tuple(document) == CONTRACT_KEYS
    assert document["newsprism_version"] == newsprism.__version__
    assert {"entities", "quotes", "statements", "reuse", "events", "stories", "outlets"} <= {k for k in CONTRACT_KEYS if document[k]}
    # every article is profiled under exactly one outlet: its own, or its source's name
    by_id = {a["id"]: a for a in document["articles"]}
    assert sorted(a for o in document["outlets"] for a in o["articles"]) == sorted(by_id)
    assert [o["name"] for o in document["outlets"]] == [
        "002_32ebf9da48c73862.txt", "003_b050418d726ab46a.txt", "Islam Times", "Mehr News Agency", "Tasnim"]
    for o in document["outlets"]:
        for s in o["scare_quotes"]:
            assert by_id[s["article"]]["text"][s["start"]:s["end"]] == s["text"]
        for e in o["events"]:
            for m in e["omissions"]:
                for span in m["evidence"]:
                    assert by_id[span["article"]]["text"][span["start"]:span["end"]] == span["text"]
    for a in document["articles"]:
        assert len(a["sentence_voice"]) == len(a["sentences"])
    for r in document["reuse"]:
        for side in (r["a"], r["b"]):
            assert by_id[side["article"]]["text"][side["start"] : side["end"]] == side["text"]
    for q in document["quotes"]:
        assert by_id[q["article"]]["text"][q["start"] : q["end"]] == q["text"]
    for e in document["entities"]:
        for m in e["mentions"]:
            assert by_id[m["article"]]["text"][m["start"] : m["end"]] == m["text"]
    tasnim = next(a for a in document["articles"] if a["outlet"] == "Tasnim")
    assert tasnim["event"] in {e["id"] for e in document["events"]}
    for a in document["articles"]:
        for t in a["times"]:
            assert a["text"][t["start"] : t["end"]] == t["text"]
    for start, end in tasnim["sentences"]:
        assert tasnim["text"][start:end].strip() == tasnim["text"][start:end] != ""


def test_export_is_byte_identical_apart_from_created(seeds_db, tmp_path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    export(seeds_db, first)
    export(seeds_db, second)
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    a.pop("created"), b.pop("created")
    assert a == b
    pinned = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    assert build_document(seeds_db, created=pinned) == build_document(seeds_db, created=pinned)


def test_csv_and_parquet_hold_the_same_tables(seeds_db, tmp_path):
    csv_files = export(seeds_db, tmp_path / "csv", "csv")
    pq_files = export(seeds_db, tmp_path / "pq", "parquet")
    assert sorted(p.stem for p in csv_files) == sorted(TABLES) == sorted(p.stem for p in pq_files)
    with open(tmp_path / "csv" / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    table = pq.read_table(tmp_path / "pq" / "articles.parquet").to_pylist()
    assert [r["id"] for r in rows] == [r["id"] for r in table]
    assert len(rows) == 5
    assert {r["outlet"] for r in table} == {"Tasnim", "Mehr News Agency", "Islam Times", None}
    assert [c for c, _ in TABLES["articles"]] == list(rows[0].keys())
    sentences = pq.read_table(tmp_path / "pq" / "sentences.parquet").to_pylist()
    assert len(sentences) == seeds_db.count("sentences")
    document = build_document(seeds_db)
    assert pq.read_table(tmp_path / "pq" / "quotes.parquet").num_rows == len(document["quotes"]) > 0
    assert pq.read_table(tmp_path / "pq" / "quotes.parquet").column_names == [c for c, _ in TABLES["quotes"]]


def test_export_errors_name_the_path(seeds_db, tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        export(seeds_db, tmp_path)
    with pytest.raises(ExportError, match="does not exist"):
        export(seeds_db, tmp_path / "no" / "x.json")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is not a folder"):
        export(seeds_db, tmp_path / "file", "csv")
    with pytest.raises(ExportError, match="unknown export format"):
        export(seeds_db, tmp_path / "x", "xml")


def test_a_cue_in_pieces_is_exported_with_its_pieces(analysed_text, contract_schema):
    """A German cue in several pieces ("teilten … mit") keeps them in the export, beside
    the contract's ``cue`` (their words) and ``cue_span`` (the first piece)."""
    text = ("Die Bürgermeisterin der Stadt Bonn, Katja Dörner, äußerte sich am Montag zu dem Unwetter. "
            "Sonia und Willy Bogner teilten daraufhin mit: „Das erschüttert uns als Eltern sehr.“ "
            "Der Minister sagte, die Lage sei ernst und man werde helfen.\n")
    with open_store(analysed_text(text)) as store:
        document = build_document(store)
    jsonschema.validate(document, contract_schema)
    article = document["articles"][0]
    assert article["language"] == "de"
    cues = [(q["cue"], q["cue_span"], q["cue_parts"]) for q in document["quotes"]]
    at, mit = text.index("teilten"), text.index("mit:")
    assert cues == [("teilten … mit", [at, at + 7], [[at, at + 7], [mit, mit + 3]]),
                    ("sagte", [text.index("sagte"), text.index("sagte") + 5], None)]
    assert [article["text"][s:e] for s, e in cues[0][2]] == ["teilten", "mit"]
    assert [q["content_parts"] for q in document["quotes"]] == [None, None]


def test_content_in_pieces_is_exported_with_its_pieces(analysed_text, contract_schema):
    """German content around an account inside the clause ("Das Feuer war laut Feuerwehr
    gegen Mitternacht ausgebrochen") keeps its pieces in the export; ``start``/``end`` run
    from the first to the last and ``text`` is their words."""
    text = ("Die Feuerwehr der Stadt Bonn war am Montag mit vierzig Kräften im Einsatz. "
            "Das Feuer war laut Feuerwehr gegen Mitternacht in einer Lagerhalle ausgebrochen.\n")
    with open_store(analysed_text(text)) as store:
        document = build_document(store)
    jsonschema.validate(document, contract_schema)
    article = document["articles"][0]
    assert article["language"] == "de"
    [q] = document["quotes"]
    assert (q["text"], q["cue"], q["speaker_text"]) == (
        "Das Feuer war … gegen Mitternacht in einer Lagerhalle ausgebrochen", "laut", "Feuerwehr")
    assert [article["text"][s:e] for s, e in q["content_parts"]] == [
        "Das Feuer war", "gegen Mitternacht in einer Lagerhalle ausgebrochen"]
    assert (q["start"], q["end"]) == (q["content_parts"][0][0], q["content_parts"][-1][1])
