"""Acceptance on the shared evaluation set: eval/dedupe scores F1 >= 0.99 (precision and recall
>= 0.98) on the raw documents, and the five seed articles stay five. Reads ../shared at run
time (nothing of it is copied into the repo); skipped when ../shared is absent."""
import csv
import itertools
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from tasks.dedupe import compute_signatures, find_duplicates

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "dedupe").is_dir(), reason="../shared not available")


def clusters_of(folder: Path) -> dict[str, str]:
    files = sorted(folder.glob("*.txt"))
    docs = pl.DataFrame({"doc_id": [f.stem for f in files], "text": [f.read_text() for f in files]})
    result = find_duplicates(compute_signatures(docs), None)
    return dict(zip(result["doc_id"], result["cluster_id"]))


def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    by_group: dict[str, list[str]] = {}
    for doc, g in groups.items():
        by_group.setdefault(g, []).append(doc)
    return {tuple(sorted(p)) for members in by_group.values() for p in itertools.combinations(members, 2)}


def test_eval_dedupe_pairwise_f1():
    truth = {r["id"]: r["cluster"] for r in csv.DictReader(open(SHARED / "eval" / "dedupe" / "labels.csv"))}
    predicted = clusters_of(SHARED / "eval" / "dedupe" / "docs")
    assert set(predicted) == set(truth)
    true_pairs, found = pairs(truth), pairs(predicted)
    precision = len(true_pairs & found) / max(len(found), 1)
    recall = len(true_pairs & found) / max(len(true_pairs), 1)
    f1 = 2 * precision * recall / (precision + recall)
    assert precision >= 0.98 and recall >= 0.98 and f1 >= 0.99, (precision, recall, f1)


def test_five_seeds_stay_five_articles():
    groups = clusters_of(SHARED / "seeds")
    assert len(groups) == 5
    assert Counter(groups.values()).most_common(1)[0][1] == 1
