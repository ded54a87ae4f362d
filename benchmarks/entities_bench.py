"""Entity canonicalisation speed on synthetic chains (10k and 100k): time and peak memory.

Chains are 20 per article over 5,000 people (a few sharing a surname) and their
organisations: half carry a full name with a title, a fifth a transliteration variant,
and 15 % only "Dr. <surname>", which must be attached or left alone. Prints one JSON line.
"""

from __future__ import annotations

import json
import random
import resource
import time

from newsprism.corpus.entities import ChainRecord, canonicalise


def synthetic_chains(n: int) -> list[ChainRecord]:
    """n chains, 20 per article, over 5,000 people (a few sharing a surname) and their orgs.

    Half the person chains carry a full name with a title, a fifth a transliteration
    variant, and 15 % only "Dr. <surname>", which must be attached or left alone.
    """
    rng = random.Random(7)
    syllables = ("ka", "so", "lei", "ma", "ni", "re", "hol", "tar", "dem", "mir", "sen", "vo",
                 "bra", "lin", "qa", "ze", "nab", "ras", "tu", "pe")
    lasts = sorted({a.title() + b + c for a in syllables for b in syllables for c in ("ni", "ov", "dt", "r")})
    firsts = sorted({(a + b).title() for a in syllables[:10] for b in syllables[10:]})
    people = [(rng.choice(firsts), rng.choice(lasts)) for _ in range(5000)]
    out = []
    for k in range(n):
        first, last = people[rng.randrange(len(people))]
        article, pick = f"a{k // 20}", rng.random()
        if pick >= 0.85:
            out.append(ChainRecord(article, k, "ORG", (f"{last} {first} Council",)))
            continue
        names = ((f"General {first} {last}", last) if pick < 0.5 else
                 (f"{first.replace('Q', 'Gh')} {last.replace('ei', 'ey')}",) if pick < 0.7 else
                 (f"Dr. {last}",))
        out.append(ChainRecord(article, k, "PERSON", names, (), (f"{last} {first} Council",)))
    return out



def main() -> None:
    rows = []
    for n in (10_000, 100_000):
        chains = synthetic_chains(n)
        start = time.perf_counter()
        clusters = canonicalise(chains)
        rows.append({"chains": n, "clusters": len(clusters), "seconds": round(time.perf_counter() - start, 2)})
    print(json.dumps({"benchmark": "entities", "runs": rows,
                      "scaling": round(rows[1]["seconds"] / max(rows[0]["seconds"], 1e-9), 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


if __name__ == "__main__":
    main()
