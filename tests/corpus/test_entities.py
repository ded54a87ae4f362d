"""canonicalise: chains built by hand from the five real seeds and the example corpus."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.corpus.entities import ChainRecord, EntityCluster, canonicalise
from newsprism.corpus.names import strip_honorifics
from newsprism.ids import content_id

# (type, names as written in the article, descriptors); context is filled in from the
# other chains of the same article, as the per-article mention stage does.
SEEDS: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {
    "000": [
        ("PERSON", ("Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei", "Ayatollah Khamenei"),
         ("The Leader", "the Leader")),
        ("PERSON", ("Lt. General Qassem Soleimani", "Gen. Soleimani", "General Soleimani", "Haj Qassem",
                    "Martyr Soleimani", "Soleimani", "General Soleimani’s"),
         ("late commander", "the popular commander", "the martyr")),
        ("PERSON", ("Abu Mahdi al-Muhandis", "Abu Mahdi"), ()),
        ("PERSON", ("Trump",), ()),
        ("ORG", ("Islamic Revolution Guards Corps",), ()),
        ("ORG", ("Popular Mobilization Units (PMU)",), ()),
        ("ORG", ("Quds Force",), ()),
        ("GPE", ("US",), ()),
    ],
    "001": [
        ("PERSON", ("Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei", "Ayatollah Khamenei"),
         ("the Leader",)),
        ("PERSON", ("General Qassem Soleimani", "General Soleimani", "Martyr Soleimani", "Soleimani"),
         ("the slain general", "the most renowned Iranian general")),
        ("PERSON", ("Abu Mahdi al-Muhandis", "Abu Mahdi"), ()),
        ("PERSON", ("Trump",), ()),
        ("ORG", ("IRGC’s Quds Force",), ()),
        ("ORG", ("IRGC",), ()),
        ("ORG", ("Popular Mobilization Forces (PMF)",), ()),
        ("ORG", ("The Trump administration",), ()),
        ("GPE", ("U.S.", "the United States"), ()),
    ],
    "002": [
        ("PERSON", ("Supreme Leader Ali Khamenei", "Khamenei"), ("Iran’s leader", "Iran’s hardline leader")),
        ("PERSON", ("Qasem Soleimani", "Soleimani", "Martyr Soleimani", "Commander Soleimani"),
         ("the IRGC general",)),
        ("PERSON", ("Esmail Ghaani (Qaani)",), ("Soleimani’s successor",)),
        ("PERSON", ("Donald Trump", "Trump"), ("former US president",)),
        ("PERSON", ("Bashar al-Assad", "Assad"), ("the Syrian president",)),
        ("ORG", ("IRGC",), ()),
        ("ORG", ("Qods (Quds) force",), ()),
        ("ORG", ("Hezbollah",), ()),
        ("GPE", ("US",), ()),
    ],
    "003": [
        ("PERSON", ("Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei", "Ayatollah Khamenei"),
         ("The Leader", "the Leader")),
        ("PERSON", ("Lieutenant General Qassem Soleimeni", "Lieutenant General Qassem Soleimani",
                    "General Soleimani", "Martyr Soleimani", "General Soleimani's"),
         ("Iran’s senior commander",)),
        ("PERSON", ("Abu Mahdi al-Muhandis",), ()),
        ("PERSON", ("Al-Muhandis",), ()),  # from the embedded tweet
        ("PERSON", ("Soleimani",), ()),  # from the embedded tweet
        ("PERSON", ("US President Donald Trump",), ()),
        ("PERSON", ("Fakhrizadeh",), ("nuclear scientist",)),
        ("ORG", ("Daesh",), ()),
        ("GPE", ("the United States", "US"), ()),
    ],
    "004": [
        ("PERSON", ("Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei", "Ayatollah Khamenei"),
         ("the Leader",)),
        ("PERSON", ("Lt. General Qassem Soleimani", "General Soleimani"),
         ("late Iranian commander", "the late commander", "the great martyr")),
        ("PERSON", ("Brigadier General Esmaeil Qaani",),
         ("the Commander of the Islamic Revolution Guards Corps Quds Force",)),
        ("PERSON", ("Zeinab Soleimani",), ("a daughter of the late commander",)),
        ("ORG", ("Islamic Revolution Guards Corps", "IRGC"), ()),
        ("ORG", ("IRGC Quds Force", "Quds Force"), ()),
        ("ORG", ("Popular Mobilization Units (PMU)",), ()),
        ("GPE", ("US",), ()),
    ],
}

# The example corpus: per article, one chain per person with the forms it uses; the bare
# surnames listed in expected.json's "mentions" (and a few more) are chains of their own.
EXAMPLES = {
    "txt/assembly-hearing.txt": [
        ("Interior Minister Dr. Nadira Qasimova", "Dr. Nadira Qasimova"), ("Sebastian Oremund",),
        ("Col. Tarnow",), ("Aurel Demirov",), ("Pavel Mirek", "Mirek"), ("Halvard Seng",)],
    "txt/kessel-dam-gives-way.txt": [
        ("Interior Minister Nadira Qasimova",), ("Leyla Qasimova",), ("Ms. Qasimova",),
        ("Professor Jonas Reinholt", "Jonas Reinholt", "Reinholt"), ("Lena Brandt", "@lenabrandt_mg")],
    "txt/minister-faces-mps.txt": [
        ("Interior Minister Nadira Qasimova",), ("Dr. Qasimova",), ("Leyla Qasimova",),
        ("Opposition leader Sebastian Oremund", "Sebastian Oremund"), ("Kaspar Linde", "Linde"),
        ("Lena Brandt",), ("Pavel Mirek", "Mirek")],
    "txt/minister-promises-accountability.txt": [
        ("Interior Minister Nadira Qasimova", "Qasimova"), ("Opposition leader Sebastian Oremund",),
        ("Kaspar Linde", "Linde"), ("President Aurel Demirov",), ("Pavel Mirek", "Mirek"),
        ("Halvard Seng",)],
    "txt/one-year-after-kessel.txt": [
        ("Interior Minister Nadira Qasimova", "Qasimova"), ("Opposition leader Sebastian Oremund",),
        ("Jonas Reinholt", "Reinholt"), ("President Aurel Demirov",), ("Pavel Mirek", "Mirek"),
        ("Halvard Seng",), ("Marta Vell",)],
    "html/marrowgate-honours-martyrs.html": [
        ("Interior Minister Dr. Nadira Qasimova", "Dr. Qasimova"), ("Leyla Qasimova",),
        ("Colonel Ruslan Tarnow", "Col. Tarnow"), ("President Aurel Demirov",),
        ("Pavel Mirek", "Mirek"), ("Judge Halvard Seng", "Halvard Seng")],
    "html/minister-vows-accountability.html": [
        ("Interior Minister Nadira Kasimova",), ("Ms. Kasimova",), ("Sebastian Oremund",),
        ("Jonas Reinholt", "Reinholt"), ("Caspar Linde", "Linde"), ("President Aurel Demirov",),
        ("Pavel Mirek", "Mirek"), ("Halvard Seng",)],
    "html/nation-mourns-martyrs-of-duty.html": [
        ("Interior Minister Dr. Nadira Qasimova", "Dr. Qasimova"), ("Sebastian Oremund",),
        ("Engineer Jonas Reinholdt", "Jonas Reinholdt"), ("Colonel Ruslan Tarnow",),
        ("President Aurel Demirov",), ("Mirna Holt",)],
    "wire.jsonl#cw-20250304-001": [("Interior Minister Nadira Qasimova", "Qasimova"), ("Sebastian Oremund",)],
    "wire.jsonl#cw-20250305-014": [
        ("Interior Minister Nadira Qasimova", "Qasimova"), ("Professor Jonas Reinholt",), ("Reinholt",),
        ("Colonel Ruslan Tarnow",)],
    "extra.csv#rni-20250305-survivors": [
        ("Leila Kasimova",), ("Nadira Kasimova",), ("Minister Kasimova",), ("Sebastian Oremund",),
        ("Lena Brandt",)],
    "extra.csv#hh-20260304-anniversary": [
        ("Interior Minister Nadira Qasimova",), ("Leyla Qasimova",), ("Kaspar Linde",), ("Lena Brandt",),
        ("Pavel Mirek",), ("Mirna Holt",)],
    "feeds/marrowgate-free-press.rss#mfp-20250312-hearing": [
        ("Interior Minister Nadirah Qasimova", "Nadirah Qasimova", "Dr. Qasimova"), ("Sebastian Oremund",),
        ("Professor Jonas Reinholt",), ("Kaspar Linde",), ("Linde",), ("Pavel Mirek", "Mirek")],
    "feeds/marrowgate-free-press.rss#mfp-20250305-kessel": [
        ("Interior Minister Nadirah Qasimova",), ("Sebastian Oremund",), ("Mr. Oremund",),
        ("Professor Jonas Reinholt", "Reinholt"), ("Kaspar Linde", "Linde")],
}


def _chains(table: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]]) -> list[ChainRecord]:
    out = []
    for article, rows in table.items():
        for n, (etype, names, descriptors) in enumerate(rows, 1):
            context = tuple(other[1][0] for m, other in enumerate(rows, 1) if m != n)
            out.append(ChainRecord(article, n, etype, names, descriptors, context))
    return out


def seed_chains() -> list[ChainRecord]:
    return _chains(SEEDS)


def example_chains() -> list[ChainRecord]:
    return _chains({a: [("PERSON", names, ()) for names in rows] for a, rows in EXAMPLES.items()})


def _of(clusters: list[EntityCluster], article: str, chain: int) -> EntityCluster:
    return next(c for c in clusters if (article, chain) in c.members)


@pytest.fixture(scope="module")
def seeds() -> list[EntityCluster]:
    return canonicalise(seed_chains())


def test_seed_names_are_as_written(seed_paths: dict[str, Path]) -> None:
    for article, rows in SEEDS.items():
        text = seed_paths[article].read_text(encoding="utf-8")
        for _, names, descriptors in rows:
            for form in (*names, *descriptors):
                assert form in text, (article, form)


def test_seed_people(seeds: list[EntityCluster]) -> None:
    khamenei = _of(seeds, "000", 1)
    assert (khamenei.name, khamenei.type) == ("Ali Khamenei", "PERSON")
    assert khamenei.members == tuple((a, 1) for a in ("000", "001", "002", "003", "004"))
    assert "Iran’s hardline leader" in khamenei.aliases and "Khamenei" in khamenei.aliases
    soleimani = _of(seeds, "000", 2)
    assert soleimani.name == "Qassem Soleimani"
    assert soleimani.members == (("000", 2), ("001", 2), ("002", 2), ("003", 2), ("003", 5), ("004", 2))
    assert _of(seeds, "004", 4).members == (("004", 4),)
    assert _of(seeds, "004", 4).name == "Zeinab Soleimani"
    qaani = _of(seeds, "002", 3)
    assert (qaani.name, qaani.members) == ("Esmail Qaani", (("002", 3), ("004", 3)))
    muhandis = _of(seeds, "000", 3)
    assert muhandis.name == "Abu Mahdi al-Muhandis"
    assert muhandis.members == (("000", 3), ("001", 3), ("003", 3), ("003", 4))
    trump = _of(seeds, "002", 4)
    assert (trump.name, trump.type) == ("Donald Trump", "PERSON")
    assert trump.members == (("000", 4), ("001", 4), ("002", 4), ("003", 6))
    assert _of(seeds, "003", 7).members == (("003", 7),)  # Fakhrizadeh: nobody else


def test_seed_organisations_and_places(seeds: list[EntityCluster]) -> None:
    irgc = _of(seeds, "000", 5)
    assert (irgc.name, irgc.type) == ("Islamic Revolution Guards Corps", "ORG")
    assert irgc.members == (("000", 5), ("001", 6), ("002", 6), ("004", 5))
    quds = _of(seeds, "000", 7)
    assert quds.name == "Quds Force"
    assert quds.members == (("000", 7), ("001", 5), ("002", 7), ("004", 6))
    administration = _of(seeds, "001", 8)
    assert (administration.name, administration.type) == ("Trump administration", "ORG")
    assert administration.members == (("001", 8),)
    assert _of(seeds, "000", 6).members == (("000", 6), ("004", 7))  # PMU
    assert _of(seeds, "001", 7).members == (("001", 7),)  # PMF stays apart (see module doc)
    us = _of(seeds, "000", 8)
    assert (us.name, us.type) == ("United States", "GPE")
    assert us.members == (("000", 8), ("001", 9), ("002", 9), ("003", 9), ("004", 8))


def test_seed_evidence(seeds: list[EntityCluster]) -> None:
    for cluster in seeds:
        assert len(cluster.evidence) == len(cluster.members) - 1, cluster
    soleimani = _of(seeds, "000", 2)
    assert ("“Lt. General Qassem Soleimani” = “Qasem Soleimani”: same name after honorifics removed, "
            "transliteration skeleton ksm slmn, similarity 1.00 [000#2 ~ 002#2]") in soleimani.evidence
    assert ("“Soleimani” → “Qassem Soleimani”: bare surname “Soleimani” (skeleton slmn); "
            "the only candidate named in the same article [000#2 ~ 003#5]") in soleimani.evidence
    assert _of(seeds, "002", 3).evidence == (
        "“Esmail Ghaani (Qaani)” = “Brigadier General Esmaeil Qaani”: same name after honorifics "
        "removed, transliteration skeleton asml kn, similarity 0.96 [002#3 ~ 004#3]",)
    assert ("“IRGC” → “Islamic Revolution Guards Corps”: acronym; the only ORG in the corpus "
            "spelling out IRGC [000#5 ~ 001#6]") in _of(seeds, "000", 5).evidence


def test_ids_are_content_ids_and_stable_under_shuffling(seeds: list[EntityCluster]) -> None:
    assert [c.id for c in seeds] == sorted(c.id for c in seeds)
    assert _of(seeds, "000", 1).id == content_id("PERSON", "Ali Khamenei")
    chains = seed_chains()
    for seed in range(5):
        random.Random(seed).shuffle(chains)
        assert canonicalise(chains) == seeds
    assert canonicalise(chains + chains[:3]) == seeds  # exact duplicates are harmless


def test_same_output_under_any_hash_seed() -> None:
    script = ("import dataclasses, json, sys; sys.path.insert(0, sys.argv[1]); "
              "from test_entities import seed_chains, example_chains; "
              "from newsprism.corpus.entities import canonicalise; "
              "print(json.dumps([dataclasses.asdict(c) for c in "
              "canonicalise(seed_chains() + example_chains())], ensure_ascii=False))")
    here = str(Path(__file__).parent)
    runs = {subprocess.run([sys.executable, "-c", script, here], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1 and len(runs.pop()) > 1000


def test_ambiguous_bare_surname_stays_separate() -> None:
    lone = ChainRecord("x", 1, "PERSON", ("Soleimani",))
    clusters = canonicalise([*seed_chains(), lone])
    alone = _of(clusters, "x", 1)
    assert (alone.name, alone.members, alone.evidence) == ("Soleimani", (("x", 1),), ())
    # a second such chain is not merged with the first, and gets its own id
    other = ChainRecord("y", 1, "PERSON", ("Martyr Soleimani",))
    clusters = canonicalise([*seed_chains(), lone, other])
    assert _of(clusters, "y", 1).members == (("y", 1),)
    assert _of(clusters, "x", 1).id == content_id("PERSON", "Soleimani")
    assert _of(clusters, "y", 1).id == content_id("PERSON", "Soleimani", "y", 1)


def test_context_breaks_a_tie_but_never_merges_alone() -> None:
    ctx = ("Ali Khamenei", "Islamic Revolution Guards Corps", "Quds Force", "Abu Mahdi al-Muhandis")
    chains = [*seed_chains(), ChainRecord("x", 1, "PERSON", ("Soleimani",), (), ctx)]
    assert ("x", 1) in _of(canonicalise(chains), "000", 2).members
    stranger = ChainRecord("x", 2, "PERSON", ("Rostam Ghasemi",), (), ctx)
    assert _of(canonicalise([*chains, stranger]), "x", 2).members == (("x", 2),)


def test_first_name_only_forms_join_only_through_their_chain() -> None:
    clusters = canonicalise([*seed_chains(), ChainRecord("x", 1, "PERSON", ("Haj Qassem",))])
    assert _of(clusters, "x", 1).members == (("x", 1),)
    own = ChainRecord("y", 1, "PERSON", ("Haj Qassem", "Martyr Soleimani"))
    assert ("y", 1) in _of(canonicalise([*seed_chains(), own]), "000", 2).members


def test_pmu_and_pmf_stay_apart_like_other_two_thirds_overlaps() -> None:
    ctx = ("Armed Forces", "Pentagon", "Lloyd Austin")
    chains = [ChainRecord("a", 1, "ORG", ("House Armed Services Committee",), (), ctx),
              ChainRecord("b", 1, "ORG", ("Senate Armed Services Committee",), (), ctx),
              ChainRecord("a", 2, "ORG", ("Islamic Revolution Guards Corps",)),
              ChainRecord("b", 2, "ORG", ("Islamic Revolutionary Guard Corps",)),
              ChainRecord("c", 1, "ORG", ("the IRGC",))]
    clusters = canonicalise(chains)
    assert len(_of(clusters, "a", 1).members) == 1 and len(_of(clusters, "b", 1).members) == 1
    irgc = _of(clusters, "a", 2)
    assert irgc.members == (("a", 2), ("b", 2), ("c", 1))
    assert irgc.evidence[0].startswith("“Islamic Revolution Guards Corps” = “Islamic Revolutionary "
                                       "Guard Corps”: same acronym IRGC")


def test_types_must_agree_and_be_known() -> None:
    chains = [ChainRecord("a", 1, "PERSON", ("Donald Trump",)), ChainRecord("a", 2, "ORG", ("Trump",))]
    assert len(canonicalise(chains)) == 2
    with pytest.raises(ValueError, match="WORK_OF_ART"):
        canonicalise([ChainRecord("a", 1, "WORK_OF_ART", ("Dune",))])
    with pytest.raises(ValueError, match="given twice"):
        canonicalise([ChainRecord("a", 1, "ORG", ("X",)), ChainRecord("a", 1, "ORG", ("Y",))])


def test_example_corpus_people(examples_dir: Path) -> None:
    expected = json.loads((examples_dir.parent / "expected.json").read_text(encoding="utf-8"))
    clusters = canonicalise(example_chains())
    rows = [(a, r, names) for a, chains in EXAMPLES.items() for r, names in enumerate(chains, 1)]
    for person in expected["people"]:
        variants = {strip_honorifics(v) or v for v in person["variants"]}
        cluster = next(c for c in clusters if c.name == person["canonical"])
        full = {(a, r) for a, r, names in rows
                if any(strip_honorifics(n) in variants and " " in strip_honorifics(n) for n in names)}
        assert full <= set(cluster.members), person["canonical"]
        for a, r in cluster.members:  # nobody else's chain was merged in
            bare = {strip_honorifics(n) or n for n in EXAMPLES[a][r - 1]}
            assert bare <= variants, (person["canonical"], a, EXAMPLES[a][r - 1])
    for shared in expected["shared_surnames"]:
        ids = {c.id for c in clusters if c.name in shared["people"]}
        assert len(ids) == len(shared["people"]) == 2


@pytest.mark.parametrize(("article", "form", "canonical", "reason"), [
    ("txt/minister-faces-mps.txt", "Dr. Qasimova", "Nadira Qasimova", "a specific title"),
    ("extra.csv#rni-20250305-survivors", "Minister Kasimova", "Nadira Qasimova", "a specific title"),
    ("html/minister-vows-accountability.html", "Ms. Kasimova", "Nadira Qasimova", "same article"),
    ("wire.jsonl#cw-20250305-014", "Reinholt", "Jonas Reinholt", "the only full-name person"),
    ("feeds/marrowgate-free-press.rss#mfp-20250312-hearing", "Linde", "Kaspar Linde", "the only"),
    ("txt/assembly-hearing.txt", "Col. Tarnow", "Ruslan Tarnow", "the only full-name person"),
    ("feeds/marrowgate-free-press.rss#mfp-20250305-kessel", "Mr. Oremund", "Sebastian Oremund", "the only"),
])
def test_example_bare_surnames(article: str, form: str, canonical: str, reason: str) -> None:
    clusters = canonicalise(example_chains())
    chain = next(r for r, names in enumerate(EXAMPLES[article], 1) if names == (form,))
    cluster = _of(clusters, article, chain)
    assert cluster.name == canonical
    assert any(line.startswith(f"“{form}” → “{canonical}”") and reason in line for line in cluster.evidence)


def test_example_ambiguous_bare_surname_stays_separate() -> None:
    # "Ms. Qasimova" in an article that names both Leyla and Nadira Qasimova: left alone.
    clusters = canonicalise(example_chains())
    alone = _of(clusters, "txt/kessel-dam-gives-way.txt", 3)
    assert (alone.name, alone.members) == ("Qasimova", (("txt/kessel-dam-gives-way.txt", 3),))
    assert {c.name for c in clusters if c.type == "PERSON" and len(c.members) > 1} >= {
        "Nadira Qasimova", "Leyla Qasimova", "Jonas Reinholt", "Kaspar Linde", "Ruslan Tarnow"}


def test_synthetic_chains_are_all_placed() -> None:
    """Every chain of a synthetic corpus lands in exactly one cluster (speed: benchmarks/entities_bench.py)."""
    bench = _load_bench()
    chains = bench.synthetic_chains(5_000)
    clusters = canonicalise(chains)
    members = [m for c in clusters for m in c.members]
    assert len(members) == len(set(members)) == 5_000


def _load_bench():  # type: ignore[no-untyped-def]
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "entities_bench.py"
    spec = importlib.util.spec_from_file_location("entities_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
